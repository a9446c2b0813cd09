/**
 * A campaign's real ROI, over its whole life: (attributed revenue − cost) / cost, beside the ROI its
 * plan projected. The formulas are src/plan/roi.ts's (`roi`, `projectedRoi`); this reads the figures.
 *
 * - revenue and conversions: the `conversions` attributed to the campaign (directly, or through one of
 *   its tracked links).
 * - cost: the sum of its cost entries (`costBasis: 'actual'`); with none, its planned budget
 *   (`'planned'`: the screens say "planned cost"); with neither, `'none'` and no ROI.
 * - currency: the campaign's budget currency, else the one its costs (or conversions) are in. Money
 *   in another currency is left out of the sums and named in `otherCurrencies` — the writes refuse
 *   it, so only a budget whose currency changed later leaves any.
 */
import type { Queryable } from '../db/pool.ts';
import { projectedRoi, roi } from '../plan/roi.ts';
import type { Campaign } from '../plan/schema.ts';
import type { CampaignRoi } from './costs/schema.ts';

/** The campaign's ROI. `campaign`: its plan document (stored in `workspaceId`); one round trip. */
export async function campaignRoi(
  q: Queryable,
  workspaceId: string,
  campaign: Pick<Campaign, 'id' | 'budget' | 'expectedRevenue'>,
): Promise<CampaignRoi> {
  const { rows } = await q.query<{ kind: 'cost' | 'revenue'; currency: string; amount: string; n: number }>(
    `SELECT 'cost' AS kind, currency, sum(amount) AS amount, count(*) AS n FROM campaign_costs
      WHERE workspace_id = $1 AND campaign_id = $2 GROUP BY currency
     UNION ALL
     SELECT 'revenue', currency, sum(value), count(*) FROM conversions
      WHERE workspace_id = $1 AND campaign_id = $2 GROUP BY currency`,
    [workspaceId, campaign.id],
  );
  const costs = rows.filter((r) => r.kind === 'cost');
  const revenues = rows.filter((r) => r.kind === 'revenue');
  const only = (list: typeof rows) => (list.length === 1 ? list[0]!.currency : undefined);
  const currency = campaign.budget?.currency ?? only(costs) ?? only(revenues) ?? null;
  const sumIn = (list: typeof rows) => list.filter((r) => r.currency === currency).reduce((sum, r) => sum + Number(r.amount), 0);

  const actual = costs.some((r) => r.currency === currency);
  const cost = actual ? sumIn(costs) : (campaign.budget?.amount ?? null);
  const revenue = sumIn(revenues);
  return {
    revenue,
    conversions: revenues.reduce((n, r) => n + Number(r.n), 0),
    cost,
    costBasis: actual ? 'actual' : cost !== null ? 'planned' : 'none',
    roi: cost === null ? null : roi(revenue, cost),
    projectedRoi: projectedRoi(campaign),
    currency,
    otherCurrencies: [...new Set(rows.filter((r) => r.currency !== currency).map((r) => r.currency))].sort(),
  };
}
