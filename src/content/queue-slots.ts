/**
 * PURE — "add to queue": the next free posting slot of a channel.
 *
 * Slots come from the strategy's cadence and the workspace's posting times (default 09:00, 13:00,
 * 17:00 local time), kept simple on purpose:
 * - a channel gets `k = round(cadence.postsPerWeek)` slots per ISO week, at least 1 (a cadence below
 *   one a week still gets a weekly slot) and at most 7 × the number of posting times; a channel
 *   without a cadence gets one slot a day;
 * - slot i of the week falls on day ⌊i·7/k⌋ (0 = Monday), so slots spread evenly over the week:
 *   k = 3 → Monday, Wednesday, Friday; several slots on one day take the posting times in order;
 * - times are local to the channel's time zone; a slot inside a DST gap is skipped, one inside an
 *   overlap takes the earlier instant;
 * - a slot is free when no scheduled, publishing or published variant of the channel is due at exactly
 *   that instant and it is still in the future. Up to a year ahead is searched.
 */
import { DateTime } from 'luxon';
import { instantsOf, zoneOf } from './local-time.ts';

export const DEFAULT_POSTING_TIMES = ['09:00', '13:00', '17:00'] as const;
export const QUEUE_HORIZON_WEEKS = 53;

export function slotsPerWeek(postsPerWeek: number | undefined, postingTimes: readonly string[]): number {
  const max = 7 * Math.max(1, postingTimes.length);
  if (postsPerWeek === undefined) return Math.min(7, max);
  return Math.min(max, Math.max(1, Math.round(postsPerWeek)));
}

/** Local `[dayOffset (0 = Monday), 'HH:mm']` of each slot of a week, in order. */
export function weekPattern(k: number, postingTimes: readonly string[]): [number, string][] {
  const times = postingTimes.length ? [...postingTimes].sort() : [...DEFAULT_POSTING_TIMES];
  const out: [number, string][] = [];
  let previousDay = -1;
  let nth = 0;
  for (let i = 0; i < k; i++) {
    const day = Math.floor((i * 7) / k);
    nth = day === previousDay ? nth + 1 : 0;
    previousDay = day;
    out.push([day, times[nth % times.length]!]);
  }
  return out;
}

export interface SlotQuery {
  now: Date;
  timezone: string;
  postsPerWeek: number | undefined;
  postingTimes: readonly string[];
  /** Epoch ms of instants already taken on this channel. */
  taken: ReadonlySet<number>;
  horizonWeeks?: number;
}

/** Every slot strictly after `now`, in time order, within the horizon (taken or not). */
export function* slotsAfter(q: Omit<SlotQuery, 'taken'>): Generator<Date> {
  const zone = zoneOf(q.timezone);
  const pattern = weekPattern(slotsPerWeek(q.postsPerWeek, q.postingTimes), q.postingTimes);
  const monday = DateTime.fromJSDate(q.now, { zone: q.timezone }).startOf('week');
  const now = q.now.getTime();
  for (let w = 0; w < (q.horizonWeeks ?? QUEUE_HORIZON_WEEKS); w++) {
    for (const [day, time] of pattern) {
      const date = monday.plus({ weeks: w, days: day });
      const [hour, minute] = time.split(':').map(Number) as [number, number];
      const instants = instantsOf({ year: date.year, month: date.month, day: date.day, hour, minute, second: 0 }, zone);
      const at = instants[0];
      if (at === undefined || at <= now) continue;
      yield new Date(at);
    }
  }
}

/** The first free slot strictly after `now`, or null when none within the horizon. */
export function nextFreeSlot(q: SlotQuery): Date | null {
  for (const at of slotsAfter(q)) if (!q.taken.has(at.getTime())) return at;
  return null;
}

/**
 * The slots after `now` up to and including the `free`-th free one (the queue view: what fills the
 * coming slots and where the next posts would go), at most `max` slots.
 */
export function upcomingSlots(q: SlotQuery, free: number, max = 100): { at: Date; taken: boolean }[] {
  const out: { at: Date; taken: boolean }[] = [];
  let found = 0;
  for (const at of slotsAfter(q)) {
    const taken = q.taken.has(at.getTime());
    out.push({ at, taken });
    if (!taken) found++;
    if (found >= free || out.length >= max) break;
  }
  return out;
}
