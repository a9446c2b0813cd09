/**
 * PURE — what a failed Mastodon API call means for the scheduler.
 *
 * - 401 (token revoked or invalid), 403 (login disabled, account suspended, scope missing) →
 *   PermanentError (reason `auth`): "reconnect needed".
 * - 429 → TransientError, waiting per `Retry-After`, else `X-RateLimit-Reset` (Mastodon sends an
 *   ISO 8601 time there).
 * - 5xx, 408, network errors, timeouts, an answer that is not JSON → TransientError. (An HTML error page
 *   — a proxy's 503 — reaches us without its status or Retry-After: masto 7 cannot parse it.)
 * - 422 "…not finished processing…" (media still being transcoded) → TransientError after 2 s.
 * - 404/410 → PermanentError (`not_found`); other 4xx (422 "Validation failed: Text character limit
 *   of 500 exceeded"…) → PermanentError (`rejected`) with Mastodon's message.
 */
import { MastoHttpError } from 'masto';
import { findOutboundError } from '../../outbound/errors.ts';
import { parseRetryAfter, PermanentError, TransientError } from '../connector.ts';

/** Milliseconds to wait from `Retry-After` or `X-RateLimit-Reset`, capped at a day. */
export function mastodonRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (!reset) return undefined;
  // Mastodon: an ISO time. Tolerate epoch seconds from look-alike servers.
  const at = /^\d{9,}$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), 24 * 3600 * 1000);
}

const isAbort = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError' || e.name === 'MastoTimeoutError' || isAbort(e.cause));

/** The HTTP response behind a MastoHttpError (masto keeps it as the error's cause). */
const responseOf = (e: MastoHttpError): Response | undefined => (e.cause instanceof Response ? e.cause : undefined);

/** Any error from a Mastodon call as Transient or Permanent, its message naming `what` failed. */
export function classifyMastodonError(e: unknown, what: string, now: number = Date.now()): TransientError | PermanentError {
  if (e instanceof TransientError || e instanceof PermanentError) return e;
  // The server's URL (or a redirect from it) is one Groundwork does not call: a setting to fix, not an outage.
  const refused = findOutboundError(e);
  if (refused && refused.code !== 'outbound.timeout') {
    return new PermanentError(`The Mastodon server cannot be called (${what}): ${refused.message}`, {
      reason: 'misconfigured',
      cause: refused,
    });
  }
  if (isAbort(e)) return new TransientError(`Mastodon did not answer in time (${what}; outcome unknown).`, { cause: e });
  if (e instanceof TypeError && /destructure property 'error'/.test(e.message)) {
    // masto 7 cannot read an error answered as an HTML page (a proxy's 502/503 during an outage):
    // its status and Retry-After are lost, but such a page is never a verdict on the post.
    return new TransientError(`Mastodon answered an error page instead of the API (${what}): probably an outage or maintenance.`, {
      cause: e,
    });
  }
  if (!(e instanceof MastoHttpError)) {
    const m = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    return new TransientError(`Mastodon could not be reached (${what}): ${m}`, { cause: e });
  }
  const status = e.statusCode;
  const message = [e.message, e.description].filter((s) => typeof s === 'string' && s !== '').join(' — ') || `HTTP ${status}`;
  const headers = responseOf(e)?.headers;
  if (status === 401 || status === 403) {
    return new PermanentError(`Mastodon: reconnect needed — the access token was refused (${message}).`, { reason: 'auth', cause: e });
  }
  if (status === 429) {
    return new TransientError(`Mastodon rate limit reached (${what}): ${message}`, {
      retryAfterMs: mastodonRetryAfter(headers, now),
      cause: e,
    });
  }
  if (status >= 500 || status === 408 || status === 425) {
    return new TransientError(`Mastodon failed (${what}): HTTP ${status} ${message}`, {
      retryAfterMs: mastodonRetryAfter(headers, now),
      cause: e,
    });
  }
  if (status === 422 && /not finished processing/i.test(message)) {
    return new TransientError(`Mastodon is still processing the media (${what}): ${message}`, { retryAfterMs: 2000, cause: e });
  }
  if (status === 404 || status === 410)
    return new PermanentError(`Mastodon: not found (${what}): ${message}`, { reason: 'not_found', cause: e });
  return new PermanentError(`Mastodon rejected the post (${what}): ${message}`, { reason: 'rejected', cause: e });
}
