/**
 * Webhook signatures: `X-Groundwork-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the HMAC
 * (key: the connection's secret) covers `<t>.<raw body>`. The timestamp inside the signed text lets a
 * receiver refuse replays of an old delivery (Stripe's scheme, familiar to automation tools).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Groundwork-Signature';

export function signPayload(secret: string, body: string, timestampSeconds: number = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * Whether `header` is a valid signature of `body` by `secret`, made within `toleranceSeconds` of now.
 * For receivers (and our tests): compare in constant time, on the raw body bytes as received.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
