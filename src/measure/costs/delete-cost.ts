/** Removes a campaign's cost entry; the audit log keeps what it was. */
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { campaignCurrency, lockCost, type CostContext } from './cost-store.ts';

export async function deleteCost(pool: Pool, ctx: CostContext, campaignId: string, costId: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    // 404 for a campaign not in the workspace before the cost's own 404.
    await campaignCurrency(tx, ctx.workspaceId, campaignId, { lock: true });
    const before = await lockCost(tx, ctx.workspaceId, campaignId, costId);
    await tx.query('DELETE FROM campaign_costs WHERE workspace_id = $1 AND id = $2', [ctx.workspaceId, costId]);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'cost.delete',
      entityType: 'campaign_cost',
      entityId: costId,
      before,
    });
  });
}
