import { notFound } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { findCampaign, type WriteContext } from './store.ts';

export async function deleteCampaign(pool: Pool, ctx: WriteContext, id: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const existing = await findCampaign(tx, ctx.workspaceId, id, true);
    if (!existing) throw notFound('campaign', id);
    await tx.query('DELETE FROM campaigns WHERE workspace_id = $1 AND id = $2', [ctx.workspaceId, id]);
    await recordAudit(tx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'campaign.delete', entityType: 'campaign', entityId: id, before: existing.doc });
  });
}
