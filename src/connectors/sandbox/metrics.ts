/**
 * PURE — the sandbox network's audience: deterministic, plausible numbers, so the demo and tests have
 * metrics without a real network. Same inputs, same numbers, on every machine.
 *
 * A post: six uniform numbers u0…u5 in [0, 1) come from the SHA-256 of its remote id.
 * - reach R = 5 + 300·u0² likes at saturation (squared: most posts stay small, a few do well);
 * - the share reached after t hours, f(t) = 1 − e^(−t/8): 12 % after an hour, 53 % after 6 h, 95 %
 *   after a day, flat after three — growing, then flattening, like a real post;
 * - likes = ⌊R·f⌋, reposts = ⌊R·(0.08 + 0.17·u1)·f⌋, replies = ⌊R·(0.03 + 0.09·u2)·f⌋,
 *   quotes = ⌊R·(0.005 + 0.025·u3)·f⌋, impressions = ⌊R·(25 + 35·u4)·f⌋ (an engagement rate of a
 *   few per cent). Every count is non-decreasing in t and 0 before publishing.
 * A channel: from the SHA-256 of its connection id, a base of 150 + ⌊2000·u0⌋ followers on
 * 2026-01-01 growing by 0.5 + 4·u1 a day: followers = base + ⌊rate · days since then⌋ (never below base).
 * Or the audience its connection's config sets, `{ count, on, perDay }`: count + ⌊perDay · days since
 * `on`⌋ (the demo's accounts continue their year of history with it).
 */
import { createHash } from 'node:crypto';
import type { PostMetrics } from '../connector.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The time constant of the growth curve, in hours. */
const TAU_HOURS = 8;
const FOLLOWERS_EPOCH = Date.UTC(2026, 0, 1);

/** `n` numbers in [0, 1) from the hash of `seed` (4 bytes each). */
function uniforms(seed: string, n: number): number[] {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from({ length: n }, (_, i) => digest.readUInt32BE(i * 4) / 2 ** 32);
}

/** The counts of sandbox post `remoteId` `hours` after it was published. */
export function sandboxPostMetrics(remoteId: string, hours: number): PostMetrics {
  const [u0, u1, u2, u3, u4] = uniforms(remoteId, 5) as [number, number, number, number, number];
  const reach = 5 + 300 * u0 * u0;
  const f = hours > 0 ? 1 - Math.exp(-hours / TAU_HOURS) : 0;
  const count = (share: number) => Math.floor(reach * share * f);
  return {
    likes: count(1),
    reposts: count(0.08 + 0.17 * u1),
    replies: count(0.03 + 0.09 * u2),
    quotes: count(0.005 + 0.025 * u3),
    impressions: count(25 + 35 * u4),
  };
}

/** A sandbox account's audience as its connection sets it: `count` followers on day `on` (YYYY-MM-DD), `perDay` more each day. */
export interface SandboxAudience {
  count: number;
  on: string;
  perDay: number;
}

/** The follower count of sandbox connection `connectionId` at `at` (from `audience` when its config sets one). */
export function sandboxFollowers(connectionId: string, at: Date, audience?: SandboxAudience): number {
  if (audience) {
    const days = Math.max(0, (at.getTime() - Date.parse(`${audience.on}T00:00:00Z`)) / DAY_MS);
    return audience.count + Math.floor(audience.perDay * days);
  }
  const [u0, u1] = uniforms(connectionId, 2) as [number, number];
  const days = Math.max(0, (at.getTime() - FOLLOWERS_EPOCH) / DAY_MS);
  return 150 + Math.floor(2000 * u0) + Math.floor((0.5 + 4 * u1) * days);
}
