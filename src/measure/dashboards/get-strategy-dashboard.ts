/**
 * A strategy's dashboard over a date range: every KPI with its progress (kpiProgressReport over
 * loadKpiValues — never re-derived here), the range's totals (and the previous period's), channel
 * growth and engagement rate, and plan vs actual (cadence, pillar mix, promotional share, each
 * campaign's response against its goal). Reads rollups, follower snapshots, the plan and posts;
 * never the raw event log.
 */
import type { Queryable } from '../../db/pool.ts';
import { kpiProgressReport, type KpiValue } from '../../plan/kpi-progress.ts';
import { findMetric, kpiSourceChannel, MANUAL_METRIC } from '../../plan/metrics.ts';
import type { Strategy } from '../../plan/schema.ts';
import { getStrategy, listCampaignsOf } from '../../plan-store/store.ts';
import { engagementRate } from '../formulas.ts';
import { loadKpiValues } from '../kpi-values.ts';
import { readCampaignResponses } from './campaign-responses.ts';
import { readConnectionStates, readHasData } from './channel-states.ts';
import { readFollowers } from './followers.ts';
import { pillarMix, readPublishedPerPillar } from './pillar-mix.ts';
import { type DashboardOptions, type DashboardRange, rangeView, resolveRange } from './range.ts';
import { readRangeSums, seriesOf, sumOf, totalsOf } from './range-sums.ts';
import type { KpiCard, StrategyDashboard } from './schema.ts';

export async function getStrategyDashboard(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  options: DashboardOptions,
): Promise<StrategyDashboard> {
  const range = resolveRange(options);
  const { doc: strategy } = await getStrategy(q, workspaceId, strategyId);
  const scope = { workspaceId, strategyId };
  const [values, sums, followers, perPillar, campaigns, connections, hasData] = await Promise.all([
    loadKpiValues(q, workspaceId, strategy, options.asOf),
    readRangeSums(q, scope, range),
    readFollowers(q, workspaceId, strategyId, range),
    readPublishedPerPillar(q, workspaceId, strategyId, range),
    listCampaignsOf(q, workspaceId, strategyId),
    readConnectionStates(q, workspaceId, strategyId),
    readHasData(q, scope),
  ]);
  const responses = await readCampaignResponses(
    q,
    workspaceId,
    strategyId,
    campaigns.map((c) => c.doc),
    options.asOf,
  );
  const weeks = range.days / 7;

  return {
    strategy: { id: strategy.id, name: strategy.name, period: strategy.period },
    range: rangeView(range),
    asOf: options.asOf,
    currency: strategy.resources.budget?.currency ?? null,
    kpis: kpiCards(strategy, values, range, options.asOf),
    totals: totalsOf(sums),
    series: seriesOf(sums, range, ['engagements', 'link_clicks', 'conversions']),
    channels: strategy.channels.map((c) => {
      const f = followers.get(c.id);
      const impressions = sumOf(sums.current, 'impressions', c.id);
      const engagements = sumOf(sums.current, 'engagements', c.id);
      return {
        id: c.id,
        platform: c.platform,
        handle: c.handle ?? null,
        connection: connections.get(c.id) ?? 'none',
        followers: f?.points ?? [],
        followersStart: f?.start ?? null,
        followersEnd: f?.end ?? null,
        growth: f?.growth ?? null,
        impressions,
        engagements,
        engagementRate: engagementRate({
          engagements,
          posts: sumOf(sums.current, 'posts_published', c.id),
          impressions,
          followers: f?.end ?? null,
        }),
      };
    }),
    planVsActual: {
      cadence: strategy.channels.map((c) => {
        const posts = sumOf(sums.current, 'posts_published', c.id);
        return { channel: c.id, posts, perWeek: posts / weeks, planned: c.cadence?.postsPerWeek ?? null };
      }),
      ...pillarMix(strategy, perPillar),
      campaigns: responses,
    },
    empty: {
      hasData,
      unconnectedChannels: strategy.channels.filter((c) => !connections.has(c.id)).map((c) => c.id),
      manualKpis: strategy.objectives.flatMap((o) => o.kpis.filter((k) => k.source?.metric === MANUAL_METRIC).map((k) => k.id)),
    },
  };
}

/** Each KPI's progress row (the one definition) with its unit and its values inside the range. */
function kpiCards(strategy: Strategy, values: ReadonlyMap<string, readonly KpiValue[]>, range: DashboardRange, asOf: string): KpiCard[] {
  const report = kpiProgressReport(strategy, values, asOf);
  const kpis = new Map(strategy.objectives.flatMap((o) => o.kpis.map((k) => [k.id, k] as const)));
  return report.kpis.map((row) => {
    const kpi = kpis.get(row.id)!;
    const metric = kpi.source?.metric ?? null;
    return {
      ...row,
      name: row.metric,
      metric,
      channel: kpiSourceChannel(kpi) ?? null,
      unit: metric === null ? null : (findMetric(metric)?.unit ?? null),
      series: inRange(values.get(row.id) ?? [], range),
    };
  });
}

/** The values dated inside the range, by date; of several on one date the last given (as kpiProgress takes it). */
function inRange(values: readonly KpiValue[], range: Pick<DashboardRange, 'from' | 'to'>): { date: string; value: number }[] {
  const byDate = new Map<string, number>();
  for (const v of values) if (v.date >= range.from && v.date <= range.to) byDate.set(v.date, v.value);
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}
