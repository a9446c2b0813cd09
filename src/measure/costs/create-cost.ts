/** Adds a cost entry to a campaign (in the campaign's currency: ./cost-store.ts), audited. */
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { checkCurrency, insertCost, campaignCurrency, type CostContext } from './cost-store.ts';
import type { CostView, CreateCostBody } from './schema.ts';

export async function createCost(pool: Pool, ctx: CostContext, campaignId: string, body: CreateCostBody): Promise<CostView> {
  return withTransaction(pool, async (tx) => {
    checkCurrency(await campaignCurrency(tx, ctx.workspaceId, campaignId, { lock: true }), body.currency);
    const cost = await insertCost(tx, ctx, campaignId, { ...body, note: body.note || null });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'cost.create',
      entityType: 'campaign_cost',
      entityId: cost.id,
      after: cost,
    });
    return cost;
  });
}
