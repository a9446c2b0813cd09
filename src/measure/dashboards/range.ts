/**
 * The period a dashboard shows: whole UTC days `from`–`to` (both included, as the rollups' daily
 * buckets are UTC days), and with "compare" the period of the same length just before it. The same
 * days as a report's (../reports/period.ts, whose day helpers are used here).
 */
import { AppError } from '../../errors.ts';
import { addDays } from '../../plan/dates.ts';
import { checkedDays, defaultDays } from '../period.ts';

export interface DashboardOptions {
  /** First day shown (YYYY-MM-DD). */
  from: string;
  /** Last day shown, included. */
  to: string;
  /** Also sum the period of the same length just before `from`. */
  compare: boolean;
  /** The day KPI progress is evaluated on (and what counts as "to date"). */
  asOf: string;
}

export interface Period {
  from: string;
  to: string;
  /** `from` at 00:00 UTC. */
  start: Date;
  /** The day after `to` at 00:00 UTC: the exclusive end the rollups are read with. */
  end: Date;
}

export interface DashboardRange extends Period {
  days: number;
  previous: Period | null;
}

const utc = (day: string): Date => new Date(`${day}T00:00:00Z`);
const period = (from: string, to: string): Period => ({ from, to, start: utc(from), end: utc(addDays(to, 1)) });

/**
 * The options of a request: `to` defaults to today, `from` to 90 days up to `to`; KPIs are
 * evaluated on `to`, or today when `to` is in the future.
 */
export function dashboardOptions(
  query: { from?: string | undefined; to?: string | undefined; compare?: boolean | undefined },
  today: string,
): DashboardOptions {
  const { from, to } = defaultDays(query, today);
  return { from, to, compare: query.compare ?? false, asOf: to < today ? to : today };
}

/** The range of `options`, checked: 400 `dashboard.invalid_range` for a bad or reversed one or one too long. */
export function resolveRange(options: Pick<DashboardOptions, 'from' | 'to' | 'compare'>): DashboardRange {
  const { from, to } = options;
  const days = checkedDays(from, to, { noun: 'range', covers: 'a dashboard shows' }, (message) => invalid(message, options));
  const previous = options.compare ? period(addDays(from, -days), addDays(from, -1)) : null;
  return { ...period(from, to), days, previous };
}

const invalid = (message: string, options: Pick<DashboardOptions, 'from' | 'to'>) =>
  new AppError('dashboard.invalid_range', message, 400, { from: options.from, to: options.to });

/** The range as the API shows it. */
export function rangeView(range: DashboardRange) {
  const { from, to, days, previous } = range;
  return { from, to, days, previous: previous ? { from: previous.from, to: previous.to } : null };
}
