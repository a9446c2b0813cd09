/** Changes fields of a campaign's cost entry (PATCH: what the body names), audited with before and after. */
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { checkCurrency, campaignCurrency, lockCost, updateCostRow, type CostContext } from './cost-store.ts';
import type { CostView, UpdateCostBody } from './schema.ts';

export async function updateCost(
  pool: Pool,
  ctx: CostContext,
  campaignId: string,
  costId: string,
  body: UpdateCostBody,
): Promise<CostView> {
  return withTransaction(pool, async (tx) => {
    const expected = await campaignCurrency(tx, ctx.workspaceId, campaignId, { lock: true, except: costId });
    const before = await lockCost(tx, ctx.workspaceId, campaignId, costId);
    const { note, ...fields } = body;
    const changed: CostView = { ...before, ...fields, note: note === undefined ? before.note : note || null };
    checkCurrency(expected, changed.currency);
    if (JSON.stringify(changed) === JSON.stringify(before)) return before;
    const after = await updateCostRow(tx, ctx.workspaceId, changed);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'cost.update',
      entityType: 'campaign_cost',
      entityId: costId,
      before,
      after,
    });
    return after;
  });
}
