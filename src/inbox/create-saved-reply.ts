/** A new saved reply (names are unique in the workspace, case aside). */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { InboxContext } from './context.ts';
import { nameTaken, savedReplyOf, type SavedReplyRow } from './saved-reply-view.ts';

export async function createSavedReply(pool: Pool, ctx: InboxContext, body: { name: string; body: string }) {
  try {
    return await withTransaction(pool, async (tx) => {
      const { rows } = await tx.query<SavedReplyRow>(
        `INSERT INTO inbox_saved_replies (workspace_id, name, body, created_by) VALUES ($1, $2, $3, $4) RETURNING id, name, body, updated_at`,
        [ctx.workspaceId, body.name, body.body, ctx.actor.userId],
      );
      const saved = rows[0]!;
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: 'inbox.saved_reply_create',
        entityType: 'inbox_saved_reply',
        entityId: saved.id,
        after: body,
      });
      return { savedReply: savedReplyOf(saved) };
    });
  } catch (e) {
    throw nameTaken(e, body.name);
  }
}
