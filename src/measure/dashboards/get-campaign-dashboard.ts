/**
 * A campaign's dashboard over a date range: its response against its goal (to date), what it cost
 * (by category, per day in the range), real ROI beside the projected one (`campaignRoi`, over the
 * campaign's whole life), clicks and conversions per day, the range's totals and its best posts.
 * Reads rollups, cost entries, conversions and the networks' post snapshots; never the raw event log.
 */
import type { Queryable } from '../../db/pool.ts';
import { getCampaign, getStrategy, requireStrategyRef } from '../../plan-store/store.ts';
import { campaignRoi } from '../roi.ts';
import { readCampaignResponses } from './campaign-responses.ts';
import { readConnectionStates, readHasData } from './channel-states.ts';
import { daysOf } from '../reports/period.ts';
import { type DashboardOptions, type Period, rangeView, resolveRange } from './range.ts';
import { readRangeSums, seriesOf, totalsOf } from './range-sums.ts';
import { COST_CATEGORIES, type CampaignDashboard } from './schema.ts';
import { readTopPosts } from './top-posts.ts';

export async function getCampaignDashboard(
  q: Queryable,
  workspaceId: string,
  campaignId: string,
  options: DashboardOptions,
): Promise<CampaignDashboard> {
  const range = resolveRange(options);
  const { doc: campaign } = await getCampaign(q, workspaceId, campaignId);
  const strategyId = requireStrategyRef(campaign);
  const scope = { workspaceId, strategyId, campaignId };
  const [{ doc: strategy }, sums, responses, costs, roi, topPosts, connections, hasData] = await Promise.all([
    getStrategy(q, workspaceId, strategyId),
    readRangeSums(q, scope, range),
    readCampaignResponses(q, workspaceId, strategyId, [campaign], options.asOf),
    readCosts(q, workspaceId, campaignId, range),
    campaignRoi(q, workspaceId, campaign),
    readTopPosts(q, scope, range),
    readConnectionStates(q, workspaceId, strategyId),
    readHasData(q, scope),
  ]);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      start: campaign.start,
      end: campaign.end,
      strategy: { id: strategy.id, name: strategy.name },
    },
    range: rangeView(range),
    asOf: options.asOf,
    currency: roi.currency ?? strategy.resources.budget?.currency ?? null,
    response: responses[0]!,
    spend: { ...costs, budget: campaign.budget?.amount ?? null },
    roi: { real: roi.roi, projected: roi.projectedRoi, revenue: roi.revenue, cost: roi.cost, costBasis: roi.costBasis },
    totals: totalsOf(sums),
    series: seriesOf(sums, range, ['link_clicks', 'conversions']),
    topPosts,
    empty: {
      hasData,
      unconnectedChannels: campaign.channels.filter((c) => !connections.has(c)),
      manualKpis: [],
    },
  };
}

/** Cost entries: all of them by category (as the ROI counts them), and per day inside the range. */
async function readCosts(
  q: Queryable,
  workspaceId: string,
  campaignId: string,
  range: Pick<Period, 'from' | 'to'>,
): Promise<Omit<CampaignDashboard['spend'], 'budget'>> {
  const { rows } = await q.query<{ category: (typeof COST_CATEGORIES)[number]; day: string | null; amount: string }>(
    `SELECT category, NULL AS day, sum(amount) AS amount FROM campaign_costs
      WHERE workspace_id = $1 AND campaign_id = $2 GROUP BY 1
     UNION ALL
     SELECT NULL, spent_on::text, sum(amount) FROM campaign_costs
      WHERE workspace_id = $1 AND campaign_id = $2 AND spent_on >= $3 AND spent_on <= $4 GROUP BY 2`,
    [workspaceId, campaignId, range.from, range.to],
  );
  const byCategory = new Map<string, number>();
  const byDay = new Map<string, number>();
  for (const r of rows) {
    if (r.day === null) byCategory.set(r.category, Number(r.amount));
    else byDay.set(r.day, Number(r.amount));
  }
  let total = 0;
  for (const amount of byCategory.values()) total += amount;
  return {
    total,
    byCategory: COST_CATEGORIES.filter((c) => byCategory.has(c)).map((category) => ({ category, amount: byCategory.get(category)! })),
    series: daysOf(range).map((date) => ({ date, value: byDay.get(date) ?? 0 })),
  };
}
