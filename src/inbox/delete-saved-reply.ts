/** Deletes a saved reply (the audit log keeps its text). */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import type { InboxContext } from './context.ts';

export async function deleteSavedReply(pool: Pool, ctx: InboxContext, id: string): Promise<{ deleted: true }> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ name: string; body: string }>(
      'DELETE FROM inbox_saved_replies WHERE workspace_id = $1 AND id = $2 RETURNING name, body',
      [ctx.workspaceId, id],
    );
    if (!rows[0]) throw notFound('saved_reply', id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'inbox.saved_reply_delete',
      entityType: 'inbox_saved_reply',
      entityId: id,
      before: rows[0],
    });
    return { deleted: true };
  });
}
