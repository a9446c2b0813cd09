/**
 * The period a report covers: whole UTC days `from`–`to`, both included (the rollups' daily buckets
 * are UTC days). On demand the caller names it (by default the 90 days up to today, as the
 * dashboards show); a schedule covers the week (Monday to Sunday) or the calendar month just ended.
 */
import { AppError } from '../../errors.ts';
import { addDays, addMonths, parseIsoDate, toEpochDay } from '../../plan/dates.ts';
import { checkedDays, defaultDays } from '../period.ts';

export interface ReportPeriod {
  /** First day (YYYY-MM-DD). */
  from: string;
  /** Last day, included. */
  to: string;
}

export type Cadence = 'weekly' | 'monthly';

/** A UTC day as YYYY-MM-DD. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The period a request asks for, checked: 400 `report.invalid_range` for a bad, reversed or too long one. */
export function requestedPeriod(query: { from?: string | undefined; to?: string | undefined }, today: string): ReportPeriod {
  const { from, to } = defaultDays(query, today);
  checkedDays(
    from,
    to,
    { noun: 'period', covers: 'a report covers' },
    (message) => new AppError('report.invalid_range', message, 400, { from, to }),
  );
  return { from, to };
}

/** The last whole week (Monday–Sunday) or calendar month that ended before `today`. */
export function lastCompletePeriod(cadence: Cadence, today: string): ReportPeriod {
  if (cadence === 'weekly') {
    // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7.
    const weekday = (((toEpochDay(today) + 3) % 7) + 7) % 7;
    const thisMonday = addDays(today, -weekday);
    return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
  }
  const { year, month } = parseIsoDate(today);
  const firstOfThisMonth = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const to = addDays(firstOfThisMonth, -1);
  return { from: `${to.slice(0, 8)}01`, to };
}

/** The week or month `today` is in (the one a schedule reports on next, once it is over). */
export function currentPeriod(cadence: Cadence, today: string): ReportPeriod {
  if (cadence === 'weekly') return lastCompletePeriod(cadence, addDays(today, 7));
  return lastCompletePeriod(cadence, addMonths(`${today.slice(0, 8)}01`, 1));
}

/** Every day of the period, in order. */
export function daysOf(p: ReportPeriod): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}
