import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { ListeningContext } from './context.ts';
import { loadQuery } from './query-store.ts';
import type { QueryView } from './schema.ts';

/** Archives a query: it stops matching; its hits stay for the history. Idempotent. */
export async function archiveQuery(pool: Pool, ctx: ListeningContext, id: string): Promise<QueryView> {
  return withTransaction(pool, async (tx) => {
    const before = await loadQuery(tx, ctx.workspaceId, id, true);
    if (before.archivedAt !== null) return before;
    await tx.query(
      `UPDATE listening_queries SET archived_at = clock_timestamp(), updated_at = clock_timestamp() WHERE workspace_id = $1 AND id = $2`,
      [ctx.workspaceId, id],
    );
    const after = await loadQuery(tx, ctx.workspaceId, id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_query.archive',
      entityType: 'listening_query',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
