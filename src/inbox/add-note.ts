/** An internal note on an item: seen by the team, never sent. */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import type { InboxContext } from './context.ts';

export async function addNote(pool: Pool, ctx: InboxContext, itemId: string, body: string) {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; created_at: Date }>(
      `INSERT INTO inbox_notes (workspace_id, item_id, author_id, body)
       SELECT workspace_id, id, $3, $4 FROM inbox_items WHERE workspace_id = $1 AND id = $2
       RETURNING id, created_at`,
      [ctx.workspaceId, itemId, ctx.actor.userId, body],
    );
    const note = rows[0];
    if (!note) throw notFound('inbox_item', itemId);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'inbox.note',
      entityType: 'inbox_item',
      entityId: itemId,
      after: { note: note.id, body },
    });
    return {
      note: {
        id: note.id,
        body,
        author: { id: ctx.actor.userId, name: ctx.actor.name, email: ctx.actor.email },
        createdAt: note.created_at.toISOString(),
      },
    };
  });
}
