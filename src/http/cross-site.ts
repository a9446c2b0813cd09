/**
 * Cross-site request forgery: another site's page can make the browser send a write (a form post,
 * a `fetch` with `mode: 'no-cors'`) and the browser attaches the session cookie. The cookie's
 * `SameSite=Lax` stops that only in browsers that enforce it, and not from a sibling subdomain.
 *
 * So a write (POST, PUT, PATCH, DELETE) that carries the session cookie must come from our own
 * origin, told by the browser:
 * - `Sec-Fetch-Site` (every current browser sends it) must be `same-origin`, or `none` (typed into
 *   the address bar, a bookmark); `same-site` and `cross-site` are refused;
 * - without it, an `Origin` header must name this server's host (compared with `Host`, not the
 *   scheme: behind a TLS-terminating proxy the server sees http while the page is https);
 * - with neither header it is not a browser making a cross-site request (curl, scripts, tests): allowed.
 * A request with an `Authorization` header is not checked: browsers never add one on their own, and
 * a page of another site cannot set it without a CORS preflight, which this server never grants.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SAME_ORIGIN_FETCH_SITES = new Set(['same-origin', 'none']);

const crossSite = (): AppError =>
  new AppError(
    'auth.cross_site',
    'Refused: this write was sent with your session cookie from another site. Use the Groundwork web app, or an API token (Authorization: Bearer …) from scripts.',
    403,
  );

/** True when `origin` (an Origin header) names the host the request was sent to. */
function isSameHost(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    // Parsed with the origin's scheme, so a default port written in Host (`:443`) compares equal.
    return new URL(`${o.protocol}//${host}`).host === o.host;
  } catch {
    return false; // `null` (sandboxed frames, some redirects) or garbage: not provably ours
  }
}

/**
 * onRequest hook: 403 `auth.cross_site` for a write from another site that carries the session
 * cookie (`sessionCookie`: its name, src/auth/secrets.ts; the composition root passes it in).
 */
export function rejectCrossSiteWrites(sessionCookie: string): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    if (request.headers.authorization !== undefined) return;
    if (request.cookies?.[sessionCookie] === undefined) return;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined) {
      if (SAME_ORIGIN_FETCH_SITES.has(site)) return;
      throw crossSite();
    }
    const origin = request.headers.origin;
    if (origin === undefined || isSameHost(origin, request.host)) return;
    throw crossSite();
  };
}
