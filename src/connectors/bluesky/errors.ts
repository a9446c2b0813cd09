/**
 * PURE — what a failed AT Protocol call means for the scheduler.
 *
 * - 401, `ExpiredToken`/`InvalidToken` (a session that could not be refreshed), a wrong app password,
 *   a taken-down or deactivated account → PermanentError (reason `auth`): "reconnect needed".
 * - 429 → TransientError, waiting until `ratelimit-reset` (epoch seconds, the PDS's header) or
 *   `Retry-After`.
 * - 5xx, network errors (`ResponseType.Unknown`), a response that did not validate, a timeout →
 *   TransientError (the outcome may be unknown; the scheduler reconciles with `lookup`).
 * - 400 (an invalid record: text too long, a bad facet…), 413 (blob too large) and other 4xx →
 *   PermanentError (reason `rejected`) with the network's message.
 */
import { XRPCError } from '@atproto/api';
import { findOutboundError } from '../../outbound/errors.ts';
import { parseRetryAfter, PermanentError, TransientError } from '../connector.ts';

const AUTH_ERRORS = new Set([
  'AuthenticationRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
  'AuthFactorTokenRequired',
]);

const header = (headers: Record<string, string | undefined> | undefined, name: string): string | undefined => {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
};

/** Milliseconds to wait from `ratelimit-reset` (epoch seconds) or `retry-after`, capped at a day. */
export function rateLimitDelay(headers: Record<string, string | undefined> | undefined, now: number = Date.now()): number | undefined {
  const reset = header(headers, 'ratelimit-reset');
  if (reset !== undefined && /^\d+$/.test(reset.trim())) {
    return Math.min(Math.max(0, Number(reset) * 1000 - now), 24 * 3600 * 1000);
  }
  return parseRetryAfter(header(headers, 'retry-after'), now);
}

/** Whether `e` says the session (not the request) is bad: re-login may help, once. */
export function isSessionError(e: unknown): boolean {
  return e instanceof XRPCError && (e.status === 401 || e.error === 'ExpiredToken' || e.error === 'InvalidToken');
}

const isAbort = (e: unknown): boolean => e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError' || isAbort(e.cause));

/** Any error from an AT Protocol call as Transient or Permanent, its message naming `what` failed. */
export function classifyBlueskyError(e: unknown, what: string, now: number = Date.now()): TransientError | PermanentError {
  if (e instanceof TransientError || e instanceof PermanentError) return e;
  // The server's URL (or a redirect from it) is one Groundwork does not call: a setting to fix, not an outage.
  const refused = findOutboundError(e);
  if (refused && refused.code !== 'outbound.timeout') {
    return new PermanentError(`The Bluesky server cannot be called (${what}): ${refused.message}`, {
      reason: 'misconfigured',
      cause: refused,
    });
  }
  if (isAbort(e)) return new TransientError(`Bluesky did not answer in time (${what}; outcome unknown).`, { cause: e });
  if (!(e instanceof XRPCError)) {
    const m = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    return new TransientError(`Bluesky could not be reached (${what}): ${m}`, { cause: e });
  }
  const status: number = e.status;
  const detail = e.message && e.message !== e.error ? `${e.error}: ${e.message}` : e.error || e.message;
  if (status === 401 || AUTH_ERRORS.has(e.error)) {
    return new PermanentError(`Bluesky: reconnect needed — the account's app password or session was refused (${detail}).`, {
      reason: 'auth',
      cause: e,
    });
  }
  if (status === 429) {
    return new TransientError(`Bluesky rate limit reached (${what}): ${detail}`, {
      retryAfterMs: rateLimitDelay(e.headers, now),
      cause: e,
    });
  }
  if (status < 200 || status >= 500 || status === 408) {
    return new TransientError(`Bluesky failed (${what}): ${detail}`, { retryAfterMs: rateLimitDelay(e.headers, now), cause: e });
  }
  if (status === 404 || e.error === 'RecordNotFound' || e.error === 'RepoNotFound') {
    return new PermanentError(`Bluesky: not found (${what}): ${detail}`, { reason: 'not_found', cause: e });
  }
  return new PermanentError(`Bluesky rejected the post (${what}): ${detail}`, { reason: 'rejected', cause: e });
}
