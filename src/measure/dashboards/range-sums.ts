/**
 * The counted figures of a dashboard's range, from the daily rollups only: one query for the range
 * and one for the previous period (compare), each summing every metric shown per channel and per day.
 * Totals, daily series and per-channel sums are then taken from those rows here.
 */
import type { Queryable } from '../../db/pool.ts';
import { type DailySum, type EventMetric, readDailySums } from '../events.ts';
import { daysOf } from '../reports/period.ts';
import type { DashboardRange, Period } from './range.ts';
import { type SeriesPoint, TOTAL_METRICS, type Total, type TotalMetric } from './schema.ts';

/** What a dashboard counts: a strategy's events, or one campaign's. */
export interface Scope {
  workspaceId: string;
  strategyId: string;
  campaignId?: string;
}

const METRICS: readonly EventMetric[] = [...TOTAL_METRICS, 'posts_published'];

export interface RangeSums {
  /** Per metric and channel, and per metric and day. */
  current: DailySum[];
  /** The previous period's rows with compare; null without. */
  previous: DailySum[] | null;
}

const read = (q: Queryable, scope: Scope, p: Period) =>
  readDailySums(
    q,
    {
      workspaceId: scope.workspaceId,
      metrics: METRICS,
      from: p.start,
      to: p.end,
      strategyId: scope.strategyId,
      ...(scope.campaignId === undefined ? {} : { campaignId: scope.campaignId }),
    },
    'channel_id',
    true,
  );

export async function readRangeSums(q: Queryable, scope: Scope, range: DashboardRange): Promise<RangeSums> {
  const [current, previous] = await Promise.all([read(q, scope, range), range.previous ? read(q, scope, range.previous) : null]);
  return { current, previous };
}

/** The sum of `metric` over the range (optionally on one channel), from the per-channel rows. */
export function sumOf(rows: readonly DailySum[], metric: EventMetric, channel?: string): number {
  let sum = 0;
  for (const r of rows) if (r.metric === metric && r.key !== null && (channel === undefined || r.key === channel)) sum += r.value;
  return sum;
}

/** (value − previous) / previous; null when there is nothing to compare with. */
export function change(value: number, previous: number | null): number | null {
  return previous === null || previous === 0 ? null : (value - previous) / previous;
}

export function totalsOf(sums: RangeSums): Total[] {
  return TOTAL_METRICS.map((metric) => {
    const value = sumOf(sums.current, metric);
    const previous = sums.previous ? sumOf(sums.previous, metric) : null;
    return { metric, value, previous, change: change(value, previous) };
  });
}

/** Daily sums of `metric` over every day of the period (0 on days without events). */
function daily(rows: readonly DailySum[], metric: EventMetric, p: Pick<Period, 'from' | 'to'>): SeriesPoint[] {
  const byDay = new Map<string, number>();
  for (const r of rows) if (r.metric === metric && r.day !== null) byDay.set(r.day, r.value);
  return daysOf(p).map((date) => ({ date, value: byDay.get(date) ?? 0 }));
}

export function seriesOf(sums: RangeSums, range: DashboardRange, metrics: readonly TotalMetric[]) {
  return metrics.map((metric) => ({
    metric,
    points: daily(sums.current, metric, range),
    previous: sums.previous && range.previous ? daily(sums.previous, metric, range.previous) : null,
  }));
}
