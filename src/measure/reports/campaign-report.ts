/**
 * A campaign's report over a period: its response against the goal, the period's totals, what it
 * cost and earned to date with the real ROI beside the projected one, and the strategy's KPIs bound
 * to it (`source.campaign`).
 */
import type { Queryable } from '../../db/pool.ts';
import { addDays } from '../../plan/dates.ts';
import { projectedRoi } from '../../plan/roi.ts';
import type { Campaign } from '../../plan/schema.ts';
import { getCampaign, getStrategy, requireStrategyRef } from '../../plan-store/store.ts';
import { returnOnInvestment } from '../formulas.ts';
import type { CampaignReport, CostBasis } from './content.ts';
import { asOfFor, dailyTotals, reportKpis } from './measures.ts';
import type { ReportPeriod } from './period.ts';

/**
 * How a response goal is counted: sales, sign-ups, leads, registrations and downloads are
 * conversions reported to Groundwork; page views are clicks on the campaign's tracked links.
 */
const RESPONSE_MEASURES: Readonly<Record<string, 'conversions' | 'link_clicks' | null>> = {
  sales: 'conversions',
  signups: 'conversions',
  leads: 'conversions',
  registrations: 'conversions',
  downloads: 'conversions',
  page_views: 'link_clicks',
  other: null,
};

export async function loadCampaignReport(
  q: Queryable,
  workspaceId: string,
  campaignId: string,
  period: ReportPeriod,
  now: Date = new Date(),
): Promise<CampaignReport> {
  const campaign = (await getCampaign(q, workspaceId, campaignId)).doc;
  const strategy = (await getStrategy(q, workspaceId, requireStrategyRef(campaign))).doc;
  const asOf = asOfFor(period, now.toISOString().slice(0, 10));
  const currency = campaign.budget?.currency ?? strategy.resources.budget?.currency ?? null;
  const [kpis, { daily, totals }, toDate] = await Promise.all([
    reportKpis(q, workspaceId, strategy, period, asOf, (id) => boundKpis(strategy.objectives).get(id) === campaign.id),
    dailyTotals(q, workspaceId, period, { campaignId }),
    revenueAndCostToDate(q, workspaceId, campaign, period.to, currency),
  ]);
  const measuredAs = campaign.response?.metric === undefined ? null : (RESPONSE_MEASURES[campaign.response.metric] ?? null);
  const actual = measuredAs === null ? null : (totals.find((t) => t.metric === measuredAs)?.value ?? 0);
  const target = campaign.response?.target ?? null;
  return {
    kind: 'campaign',
    campaign: { id: campaign.id, name: campaign.name, start: campaign.start, end: campaign.end },
    strategy: { id: strategy.id, name: strategy.name },
    organisation: strategy.organisation,
    period,
    asOf,
    generatedAt: now.toISOString(),
    currency,
    kpis,
    totals,
    daily,
    response: {
      goal: campaign.response?.metric ?? null,
      measuredAs,
      target,
      unit: campaign.response?.unit ?? null,
      actual,
      progress: actual !== null && target !== null && target > 0 ? actual / target : null,
    },
    roi: {
      ...toDate,
      real: toDate.cost === null ? null : returnOnInvestment({ attributedRevenue: toDate.revenue, cost: toDate.cost }),
      projected: projectedRoi(campaign),
    },
  };
}

/** KPI id → the campaign its source names. */
const boundKpis = (objectives: { kpis: { id: string; source?: { campaign?: string | undefined } | undefined }[] }[]) =>
  new Map(objectives.flatMap((o) => o.kpis).map((k) => [k.id, k.source?.campaign]));

/**
 * The campaign's attributed revenue and cost up to `to` (in `currency` when one is known). Revenue:
 * its conversions, named directly or through one of its tracked links. Cost: its cost entries; with
 * none, the budget stands in ("planned cost").
 */
async function revenueAndCostToDate(
  q: Queryable,
  workspaceId: string,
  campaign: Campaign,
  to: string,
  currency: string | null,
): Promise<{ revenue: number; cost: number | null; costBasis: CostBasis }> {
  const { rows } = await q.query<{ revenue: string; cost: string | null; entries: number }>(
    `SELECT (SELECT coalesce(sum(c.value), 0) FROM conversions c LEFT JOIN tracked_links l ON l.id = c.link_id
              WHERE c.workspace_id = $1 AND (c.campaign_id = $2 OR (c.campaign_id IS NULL AND l.campaign_id = $2))
                AND c.occurred_at < $3::date::timestamp AT TIME ZONE 'UTC' AND ($4::text IS NULL OR c.currency = $4)) AS revenue,
            (SELECT sum(amount) FROM campaign_costs
              WHERE workspace_id = $1 AND campaign_id = $2 AND spent_on < $3 AND ($4::text IS NULL OR currency = $4)) AS cost,
            (SELECT count(*)::int FROM campaign_costs WHERE workspace_id = $1 AND campaign_id = $2 AND spent_on < $3) AS entries`,
    [workspaceId, campaign.id, addDays(to, 1), currency],
  );
  const row = rows[0]!;
  const revenue = Number(row.revenue);
  if (row.entries > 0) return { revenue, cost: Number(row.cost ?? 0), costBasis: 'costs' };
  if (campaign.budget) return { revenue, cost: campaign.budget.amount, costBasis: 'planned' };
  return { revenue, cost: null, costBasis: 'none' };
}
