/**
 * Who is calling. Runs on every request (app.ts's onRequest hook) and sets `request.actor`.
 *
 * - `Authorization` header present → it alone decides (the cookie is ignored):
 *   - not of the form `Bearer <token>` (e.g. `Basic …`, an empty token) → null: anonymous, so
 *     protected routes answer 401 `auth.required`;
 *   - `Bearer <token>` where the token is not an active API token (unknown, mistyped, revoked) →
 *     **throws** AppError 401 `auth.invalid_token`. The request is refused whatever the route —
 *     public ones included — so a client with a broken or revoked token is told so plainly instead
 *     of silently proceeding as anonymous.
 * - otherwise the `gw_session` cookie: unknown, malformed or expired → null (anonymous: a stale
 *   cookie must not stop anyone from signing in again).
 *
 * Secrets are looked up by their sha256 hash; the database never holds a usable token.
 */
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { isApiTokenShape, isSessionTokenShape, SESSION_COOKIE, sha256Hex } from './secrets.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user (session cookie or API token), or null: set by the onRequest hook the composition root adds. */
    actor: Actor | null;
  }
}

const BEARER_RE = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const invalidToken = (): AppError =>
  new AppError(
    'auth.invalid_token',
    'The API token is not valid: it is unknown, mistyped or revoked. Create a new one with POST /api/v1/tokens.',
    401,
  );

export async function authenticate(pool: Queryable, request: FastifyRequest): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = BEARER_RE.exec(header)?.[1];
    return token === undefined ? null : actorFromApiToken(pool, token);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? actorFromSession(pool, cookie) : null;
}

async function actorFromSession(pool: Queryable, token: string): Promise<Actor | null> {
  if (!isSessionTokenShape(token)) return null;
  const { rows } = await pool.query<{ id: string; email: string; name: string }>(
    `SELECT u.id, u.email, u.name FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [sha256Hex(token)],
  );
  const user = rows[0];
  return user ? { userId: user.id, email: user.email, name: user.name, via: 'session' } : null;
}

async function actorFromApiToken(pool: Queryable, token: string): Promise<Actor> {
  if (!isApiTokenShape(token)) throw invalidToken();
  const { rows } = await pool.query<{
    token_id: string;
    last_used_at: Date | null;
    workspace_id: string | null;
    access: 'read' | 'write';
    id: string;
    email: string;
    name: string;
    workspace_slug: string | null;
    workspace_name: string | null;
    role: string | null;
  }>({
    // Named: planned once per connection, not on every request.
    name: 'auth.api-token',
    // With the membership of the token's workspace, which every request of a token needs next.
    text: `SELECT t.id AS token_id, t.last_used_at, t.workspace_id, t.access, u.id, u.email, u.name,
                  w.slug AS workspace_slug, w.name AS workspace_name, m.role
             FROM api_tokens t JOIN users u ON u.id = t.user_id
             LEFT JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = t.user_id
             LEFT JOIN workspaces w ON w.id = m.workspace_id
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    values: [sha256Hex(token)],
  });
  const row = rows[0];
  if (!row) throw invalidToken();
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    // The WHERE repeats the check in database time, so concurrent requests write it once.
    await pool.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')`,
      [row.token_id],
    );
  }
  const actor: Actor = { userId: row.id, email: row.email, name: row.name, via: 'token' };
  if (!row.workspace_id) return actor;
  const membership = row.role === null ? null : { slug: row.workspace_slug!, name: row.workspace_name!, role: row.role };
  return { ...actor, scope: { workspaceId: row.workspace_id, access: row.access, membership } };
}
