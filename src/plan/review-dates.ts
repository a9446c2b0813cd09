/**
 * When a strategy is reviewed. Pure. Reviews fall every cadence step from the strategy's period
 * start (a quarterly strategy starting 2027-01-01: 2027-04-01, 2027-07-01, 2027-10-01, 2028-01-01);
 * the last is the first date on or after the period's end, so the final stretch is reviewed too.
 * Each date is counted from the start (start + k steps), so 31 January monthly stays on month ends.
 *
 * A review as of a day covers the cadence step that ends that day: the scheduled review on D is as of
 * D − 1 and covers [D − step, D − 1]; "run review now" on T covers [T − step + 1 day, T].
 */
import { addDays, addMonths, compareDates, monthsBetween } from './dates.ts';
import { DEFAULT_REVIEW_CADENCE, type ReviewCadence, type Strategy } from './schema.ts';

const CADENCE_MONTHS: Record<ReviewCadence, number> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };

type Reviewed = Pick<Strategy, 'period' | 'review'>;

export const cadenceOf = (s: Pick<Strategy, 'review'>): ReviewCadence => s.review?.cadence ?? DEFAULT_REVIEW_CADENCE;

/** Months between two reviews of the strategy. */
export const cadenceMonths = (s: Pick<Strategy, 'review'>): number => CADENCE_MONTHS[cadenceOf(s)];

/** The k-th review date (k ≥ 1). */
const nth = (s: Reviewed, k: number) => addMonths(s.period.start, k * CADENCE_MONTHS[cadenceOf(s)]);

/** How many review dates the strategy has: up to the first on or after its end. */
function count(s: Reviewed): number {
  const step = CADENCE_MONTHS[cadenceOf(s)];
  let k = Math.max(1, Math.floor(Math.max(0, monthsBetween(s.period.start, s.period.end)) / step));
  if (compareDates(nth(s, k), s.period.end) < 0) k++;
  return k;
}

/** Index of the latest review date on or before `day` (0 before the first). */
function indexOn(s: Reviewed, day: string): number {
  const step = CADENCE_MONTHS[cadenceOf(s)];
  const k = Math.floor(Math.max(0, monthsBetween(s.period.start, day)) / step);
  return Math.min(k, count(s));
}

/** Every review date of the strategy, in order. */
export function reviewDates(s: Reviewed): string[] {
  return Array.from({ length: count(s) }, (_, i) => nth(s, i + 1));
}

/** The latest review date on or before `today`, or null before the first one. */
export function dueReviewDate(s: Reviewed, today: string): string | null {
  const k = indexOn(s, today);
  return k === 0 ? null : nth(s, k);
}

/** The first review date after `today`, or null after the last one. */
export function nextReviewDate(s: Reviewed, today: string): string | null {
  const k = indexOn(s, today) + 1;
  return k > count(s) ? null : nth(s, k);
}

/** The days a review as of `asOf` covers: the cadence step ending that day, both ends included. */
export function reviewWindow(s: Pick<Strategy, 'review'>, asOf: string): { start: string; end: string } {
  // Back from the day after, so a quarter ending 2027-06-30 starts 2027-04-01 (not 03-31, as 06-30 − 3 months + 1 day would).
  return { start: addMonths(addDays(asOf, 1), -CADENCE_MONTHS[cadenceOf(s)]), end: asOf };
}
