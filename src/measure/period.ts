/**
 * The days a dashboard or a report covers: whole UTC days `from`–`to`, both included (the rollups'
 * daily buckets are UTC days). One set of defaults and checks for both; each names its own error.
 */
import type { AppError } from '../errors.ts';
import { addDays, daysBetween, isIsoDate } from '../plan/dates.ts';

/** Without a `from`, the 90 days up to `to`. */
const DEFAULT_DAYS = 90;
/** Two years and a day: a year compared with the one before fits; daily charts stay readable. */
const MAX_DAYS = 732;
/** Nothing was measured before 1970; and a period before it could reach year 0, which Postgres lacks. */
const EARLIEST = '1970-01-01';

/** The days asked for: `to` defaults to today, `from` to the 90 days up to `to` (unchecked). */
export function defaultDays(query: { from?: string | undefined; to?: string | undefined }, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  return { from: query.from ?? (isIsoDate(to) ? addDays(to, 1 - DEFAULT_DAYS) : to), to };
}

/**
 * The number of days from `from` to `to`, checked: two ISO dates, from 1970, in order, at most
 * {@link MAX_DAYS}. A bad one throws `invalid(message)`; `noun` and `covers` word the message
 * ("The range …; a dashboard shows at most 732").
 */
export function checkedDays(
  from: string,
  to: string,
  wording: { noun: string; covers: string },
  invalid: (message: string) => AppError,
): number {
  const { noun, covers } = wording;
  if (!isIsoDate(from) || !isIsoDate(to)) throw invalid(`The ${noun} must be two dates written YYYY-MM-DD, not ${from} – ${to}.`);
  if (from < EARLIEST) throw invalid(`The ${noun} must start on ${EARLIEST} or later.`);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw invalid(`The ${noun} starts (${from}) after it ends (${to}).`);
  if (days > MAX_DAYS) throw invalid(`The ${noun} is ${days} days; ${covers} at most ${MAX_DAYS}.`);
  return days;
}
