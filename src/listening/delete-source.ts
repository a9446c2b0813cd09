import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { ListeningContext } from './context.ts';
import { loadSource } from './source-store.ts';

/** Removes a source; the mentions it brought stay (their source becomes unknown). */
export async function deleteSource(pool: Pool, ctx: ListeningContext, id: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const before = await loadSource(tx, ctx.workspaceId, id, true);
    await tx.query(`DELETE FROM listening_sources WHERE workspace_id = $1 AND id = $2`, [ctx.workspaceId, id]);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_source.delete',
      entityType: 'listening_source',
      entityId: id,
      before,
    });
  });
}
