/**
 * One item with its thread, replies and notes. Opening it is a heartbeat: the caller is recorded as
 * viewing it, and the answer names the other members who viewed it within the last minute and the
 * replies others sent since the caller opened it — the collision warning.
 */
import type { Pool } from '../db/pool.ts';
import type { InboxContext } from './context.ts';
import { ITEM_COLUMNS, ITEM_JOINS, itemView, loadItem, type ItemRow } from './item-view.ts';
import { replyOf, REPLY_COLUMNS, type ReplyRow } from './reply-view.ts';

/** A viewer whose last heartbeat is older than this has left (the detail refreshes every ~20 s). */
export const VIEWING_WINDOW_SECONDS = 60;

export async function getItem(pool: Pool, ctx: InboxContext, itemId: string) {
  const item = await loadItem(pool, ctx.workspaceId, itemId, ctx.registry);
  // People open items; an API token reading one is no viewer (and a read-only token writes nothing).
  const { rows: me } =
    ctx.actor.via === 'token'
      ? { rows: [{ opened_at: new Date() }] }
      : await pool.query<{ opened_at: Date }>(
          `INSERT INTO inbox_viewers AS v (item_id, user_id, workspace_id) VALUES ($1, $2, $3)
     ON CONFLICT (item_id, user_id) DO UPDATE
       SET opened_at = CASE WHEN v.seen_at < now() - make_interval(secs => $4) THEN now() ELSE v.opened_at END, seen_at = now()
     RETURNING opened_at`,
          [itemId, ctx.actor.userId, ctx.workspaceId, VIEWING_WINDOW_SECONDS],
        );
  const openedAt = me[0]!.opened_at;
  const [thread, replies, notes, viewers, others] = await Promise.all([
    pool.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM inbox_items i ${ITEM_JOINS} WHERE i.workspace_id = $1 AND i.conversation_id = $2
        ORDER BY i.posted_at, i.id LIMIT 200`,
      [ctx.workspaceId, item.conversationId],
    ),
    pool.query<ReplyRow>(
      `SELECT ${REPLY_COLUMNS} FROM inbox_replies r LEFT JOIN users u ON u.id = r.author_id WHERE r.item_id = $1 ORDER BY r.created_at, r.id`,
      [itemId],
    ),
    pool.query<{ id: string; body: string; created_at: Date; author_id: string | null; name: string | null; email: string | null }>(
      `SELECT n.id, n.body, n.created_at, u.id AS author_id, u.name, u.email FROM inbox_notes n LEFT JOIN users u ON u.id = n.author_id
        WHERE n.item_id = $1 ORDER BY n.created_at, n.id`,
      [itemId],
    ),
    pool.query<{ id: string; name: string; email: string; opened_at: Date }>(
      `SELECT u.id, u.name, u.email, v.opened_at FROM inbox_viewers v JOIN users u ON u.id = v.user_id
        JOIN memberships m ON m.workspace_id = v.workspace_id AND m.user_id = v.user_id
        WHERE v.item_id = $1 AND v.user_id <> $2 AND v.seen_at >= now() - make_interval(secs => $3) ORDER BY v.opened_at`,
      [itemId, ctx.actor.userId, VIEWING_WINDOW_SECONDS],
    ),
    pool.query<{ name: string | null; created_at: Date }>(
      `SELECT u.name, r.created_at FROM inbox_replies r LEFT JOIN users u ON u.id = r.author_id
        WHERE r.item_id = $1 AND r.author_id IS DISTINCT FROM $2 AND r.state <> 'failed' AND r.created_at >= $3 ORDER BY r.created_at`,
      [itemId, ctx.actor.userId, openedAt],
    ),
  ]);
  const now = new Date();
  return {
    item,
    conversation: thread.rows.map((r) => {
      const v = itemView(r, ctx.registry, now);
      return { id: v.id, kind: v.kind, author: v.author, authorName: v.authorName, text: v.text, postedAt: v.postedAt, url: v.url };
    }),
    replies: replies.rows.map(replyOf),
    notes: notes.rows.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author_id ? { id: n.author_id, name: n.name ?? '', email: n.email ?? '' } : null,
      createdAt: n.created_at.toISOString(),
    })),
    viewers: viewers.rows.map((v) => ({ id: v.id, name: v.name, email: v.email, since: v.opened_at.toISOString() })),
    repliedSinceOpened: others.rows.map((r) => ({ by: r.name ?? 'someone', at: r.created_at.toISOString() })),
  };
}
