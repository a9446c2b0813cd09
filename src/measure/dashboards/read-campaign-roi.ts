/**
 * A campaign's measured ROI up to a day: (attributed revenue − cost) / cost, with revenue from its
 * conversions (attributed directly or through its tracked links) and cost from its cost entries, or
 * the planned budget while there are none (and it says so).
 */
import type { Queryable } from '../../db/pool.ts';
import { addDays } from '../../plan/dates.ts';
import type { Campaign } from '../../plan/schema.ts';
import { returnOnInvestment } from '../formulas.ts';
import type { CampaignDashboard } from './schema.ts';

type Roi = Omit<CampaignDashboard['roi'], 'projected'>;

export async function readCampaignRoi(
  q: Queryable,
  workspaceId: string,
  campaign: Pick<Campaign, 'id' | 'budget'>,
  asOf: string,
): Promise<Roi> {
  const { rows } = await q.query<{ revenue: string; cost: string | null }>(
    `SELECT (SELECT coalesce(sum(value), 0) FROM conversions
              WHERE workspace_id = $1 AND occurred_at < $3
                AND (campaign_id = $2 OR link_id IN (SELECT id FROM tracked_links WHERE workspace_id = $1 AND campaign_id = $2))) AS revenue,
            (SELECT sum(amount) FROM campaign_costs WHERE workspace_id = $1 AND campaign_id = $2 AND spent_on <= $4) AS cost`,
    [workspaceId, campaign.id, new Date(`${addDays(asOf, 1)}T00:00:00Z`), asOf],
  );
  const revenue = Number(rows[0]!.revenue);
  const spent = rows[0]!.cost;
  const [cost, costBasis] =
    spent !== null
      ? [Number(spent), 'actual' as const]
      : campaign.budget
        ? [campaign.budget.amount, 'planned' as const]
        : [null, 'none' as const];
  return { revenue, cost, costBasis, real: cost === null ? null : returnOnInvestment({ attributedRevenue: revenue, cost }) };
}
