/** The figures both kinds of report share: KPI progress with its values, and the daily totals. */
import type { Queryable } from '../../db/pool.ts';
import { addDays } from '../../plan/dates.ts';
import { kpiProgressReport } from '../../plan/kpi-progress.ts';
import { findMetric } from '../../plan/metrics.ts';
import type { Strategy } from '../../plan/schema.ts';
import { readRollupSeries } from '../events.ts';
import { loadKpiValues } from '../kpi-values.ts';
import { REPORT_TOTAL_METRICS, type DailySeries, type ReportKpi, type ReportTotal } from './content.ts';
import { daysOf, type ReportPeriod } from './period.ts';

const utc = (day: string): Date => new Date(`${day}T00:00:00Z`);

/**
 * Every KPI of the strategy (or those `keep` selects) as progress on `asOf` — loadKpiValues and
 * kpiProgressReport, the one definition — with the values dated inside the period.
 */
export async function reportKpis(
  q: Queryable,
  workspaceId: string,
  strategy: Strategy,
  period: ReportPeriod,
  asOf: string,
  keep: (kpiId: string) => boolean = () => true,
): Promise<ReportKpi[]> {
  const values = await loadKpiValues(q, workspaceId, strategy, asOf);
  const report = kpiProgressReport(strategy, values, asOf);
  const kpis = new Map(strategy.objectives.flatMap((o) => o.kpis).map((k) => [k.id, k]));
  return report.kpis
    .filter((row) => keep(row.id))
    .map((row) => {
      const metric = kpis.get(row.id)?.source?.metric;
      const series = (values.get(row.id) ?? [])
        .filter((v) => v.date >= period.from && v.date <= period.to && v.date <= asOf)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return { ...row, unit: metric === undefined ? null : (findMetric(metric)?.unit ?? null), series };
    });
}

/** Daily sums of the report's total metrics over the period (from the rollups), and their totals. */
export async function dailyTotals(
  q: Queryable,
  workspaceId: string,
  period: ReportPeriod,
  dimension: { strategyId: string } | { campaignId: string },
): Promise<{ daily: DailySeries[]; totals: ReportTotal[] }> {
  const days = daysOf(period);
  const daily = await Promise.all(
    REPORT_TOTAL_METRICS.map(async (metric) => {
      const points = await readRollupSeries(q, {
        workspaceId,
        metric,
        grain: 'day',
        from: utc(period.from),
        to: utc(addDays(period.to, 1)),
        ...dimension,
      });
      const byDay = new Map(points.map((p) => [p.bucket.toISOString().slice(0, 10), p.value]));
      return { metric, points: days.map((date) => ({ date, value: byDay.get(date) ?? 0 })) };
    }),
  );
  return { daily, totals: daily.map((s) => ({ metric: s.metric, value: s.points.reduce((n, p) => n + p.value, 0) })) };
}

/** The day KPIs are evaluated on: the period's last day, or today when that is still to come. */
export const asOfFor = (period: ReportPeriod, today: string): string => (period.to < today ? period.to : today);
