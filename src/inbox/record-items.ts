/**
 * Stores posts that came in as inbox items, each in its conversation (the thread it belongs to):
 * one row per post whatever how often it is seen — a re-poll, or a notification and a listening hit
 * for the same post, add nothing (UNIQUE (workspace, network, external id)).
 */
import type { Queryable } from '../db/pool.ts';
import type { InboxKind } from './schema.ts';
import { dueAt } from '../measure/business-hours.ts';
import { loadSlaSettings } from './sla-settings.ts';

export interface IncomingPost {
  kind: InboxKind;
  externalId: string;
  cid?: string | null;
  url: string | null;
  author: string | null;
  authorName: string | null;
  text: string;
  postedAt: Date;
  parentId?: string | null;
  rootId?: string | null;
  rootCid?: string | null;
  mentionId?: string | null;
}

export interface ItemTarget {
  workspaceId: string;
  network: string;
  /** The account it came to (and that answers it). */
  connectionId: string | null;
  channelId: string | null;
}

const clip = (s: string | null | undefined, n: number): string | null => (s == null ? null : s.slice(0, n));

/** Records the posts (oldest first for a stable thread order); answers how many were new. */
export async function recordInboxItems(
  q: Queryable,
  target: ItemTarget,
  posts: readonly IncomingPost[],
  now = new Date(),
): Promise<number> {
  if (posts.length === 0) return 0;
  const sla = await loadSlaSettings(q, target.workspaceId);
  const due = dueAt(now, sla.firstResponseMinutes, sla.businessHours);
  let created = 0;
  for (const p of posts) {
    // The thread: the root the network names, else the thread of the post it answers when that is an item, else that post.
    let root = p.rootId ?? null;
    if (!root && p.parentId) {
      const { rows } = await q.query<{ root: string }>(
        `SELECT k.root_external_id AS root FROM inbox_items i JOIN inbox_conversations k ON k.id = i.conversation_id
          WHERE i.workspace_id = $1 AND i.network = $2 AND i.external_id = $3`,
        [target.workspaceId, target.network, p.parentId],
      );
      root = rows[0]?.root ?? p.parentId;
    }
    root ??= p.externalId;
    const { rows: conv } = await q.query<{ id: string }>(
      `INSERT INTO inbox_conversations (workspace_id, network, root_external_id, last_activity_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, network, root_external_id)
       DO UPDATE SET last_activity_at = greatest(inbox_conversations.last_activity_at, excluded.last_activity_at)
       RETURNING id`,
      [target.workspaceId, target.network, root.slice(0, 2048), p.postedAt],
    );
    const { rowCount } = await q.query(
      `INSERT INTO inbox_items (workspace_id, conversation_id, kind, connection_id, channel_id, network, external_id, external_cid, url,
         root_external_id, root_cid, parent_external_id, author, author_name, text, posted_at, received_at, due_at, mention_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT DO NOTHING`,
      [
        target.workspaceId,
        conv[0]!.id,
        p.kind,
        target.connectionId,
        target.channelId,
        target.network,
        p.externalId,
        clip(p.cid, 200),
        clip(p.url, 2048),
        p.rootId ? clip(p.rootId, 2048) : null,
        clip(p.rootCid, 200),
        clip(p.parentId, 2048),
        clip(p.author, 320),
        clip(p.authorName, 320),
        p.text.slice(0, 100000),
        p.postedAt,
        now,
        due,
        p.mentionId ?? null,
      ],
    );
    created += rowCount ?? 0;
  }
  return created;
}
