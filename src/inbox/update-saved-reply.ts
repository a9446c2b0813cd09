/** Renames or rewrites a saved reply. */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import type { InboxContext } from './context.ts';
import { nameTaken, savedReplyOf, type SavedReplyRow } from './saved-reply-view.ts';

export async function updateSavedReply(pool: Pool, ctx: InboxContext, id: string, body: { name: string; body: string }) {
  try {
    return await withTransaction(pool, async (tx) => {
      const { rows: before } = await tx.query<SavedReplyRow>(
        'SELECT id, name, body, updated_at FROM inbox_saved_replies WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [ctx.workspaceId, id],
      );
      if (!before[0]) throw notFound('saved_reply', id);
      const { rows } = await tx.query<SavedReplyRow>(
        'UPDATE inbox_saved_replies SET name = $2, body = $3, updated_at = now() WHERE id = $1 RETURNING id, name, body, updated_at',
        [id, body.name, body.body],
      );
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: 'inbox.saved_reply_update',
        entityType: 'inbox_saved_reply',
        entityId: id,
        before: { name: before[0].name, body: before[0].body },
        after: body,
      });
      return { savedReply: savedReplyOf(rows[0]!) };
    });
  } catch (e) {
    throw nameTaken(e, body.name);
  }
}
