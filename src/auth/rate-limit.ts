/**
 * Brute-force protection for sign-in, sign-up, API-token creation and password change: @fastify/rate-limit with its
 * counters in Postgres (table rate_limits), so every web process behind a load balancer counts the
 * same attempts. Each action is limited twice — per client address and per account (from any
 * address, so guesses spread over many addresses still meet one limit) — and over the limit answers
 * 429 `auth.rate_limited` with Retry-After.
 */
import { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { AuthRateLimits } from '../config.ts';
import type { Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http/kit.ts';

/** How often one process deletes windows that ended (they are ignored until then, only taking space). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Counts one hit on `key` in a fixed window of `windowMs`, opened by the first hit after the last
 * window ended. One statement, so concurrent hits from several processes never lose a count; the
 * database's clock decides, so processes with skewed clocks agree.
 */
export async function countHit(pool: Pool, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const { rows } = await pool.query<{ hits: number; ttl_ms: number }>(
    `INSERT INTO rate_limits AS r (key, hits, resets_at) VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN r.resets_at <= now() THEN 1 ELSE r.hits + 1 END,
       resets_at = CASE WHEN r.resets_at <= now() THEN excluded.resets_at ELSE r.resets_at END
     RETURNING hits, greatest(0, ceil(extract(epoch FROM r.resets_at - now()) * 1000))::int AS ttl_ms`,
    [key, windowMs],
  );
  const row = rows[0]!;
  return { current: row.hits, ttl: row.ttl_ms };
}

/** The plugin's store interface over countHit; it instantiates the class itself, hence the closure over the pool. */
export function postgresRateLimitStore(pool: Pool) {
  let lastSweep = 0;
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const sweep = async () => {
        if (Date.now() - lastSweep < SWEEP_INTERVAL_MS) return;
        lastSweep = Date.now();
        await pool.query('DELETE FROM rate_limits WHERE resets_at < now()');
      };
      sweep()
        .then(() => countHit(pool, key, timeWindow))
        .then(
          (result) => callback(null, result),
          (error: Error) => callback(error),
        );
    }

    // Keys carry their action and kind (`signin:ip:…`), so every limiter can share the one table.
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/** `lint`: the public lint endpoint (no account), limited per address only. */
export type RateLimitedAction = 'signin' | 'signup' | 'token' | 'password' | 'lint';

export const rateLimited = (retryAfterSeconds: number): AppError =>
  new AppError('auth.rate_limited', `Too many attempts; try again in ${retryAfterSeconds} s.`, 429, { retryAfterSeconds });

/**
 * A preHandler (it runs after the body is parsed, so the account can come from it) that counts the
 * request against the client address and then the account (`null`: no account known, the address
 * alone counts). The IP key is normalized by the plugin (an IPv6 /64 is one client); it is
 * request.ip, which honours X-Forwarded-For only when TRUST_PROXY says whose to believe.
 * `accountOnly`: another action's account counter, shared (a sign-up that checks a password counts
 * as a sign-in on that account, not as one more sign-in from the address).
 */
export function authRateLimit(
  app: App,
  limits: AuthRateLimits,
  action: RateLimitedAction,
  accountOf: (request: FastifyRequest) => string | null,
  { accountOnly = false } = {},
) {
  const timeWindow = limits.windowSeconds * 1000;
  const byIp = app.createRateLimit({ max: limits.maxPerIp, timeWindow, keyGenerator: (req) => `${action}:ip:${normalizeIP(req.ip)}` });
  const byAccount = app.createRateLimit({
    max: limits.maxPerAccount,
    timeWindow,
    keyGenerator: (req) => `${action}:account:${accountOf(req)}`,
  });
  return async (request: FastifyRequest): Promise<void> => {
    const account = accountOf(request) === null ? [] : [byAccount];
    const limiters = accountOnly ? account : [byIp, ...account];
    for (const limit of limiters) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) throw rateLimited(Math.max(1, result.ttlInSeconds));
    }
  };
}
