/**
 * Listening hits that need a response become inbox items: a mention that matched at least one query
 * with `needs_response` (and not archived) is added once, with the listening kind, on the mention's
 * network and linked to the mention; answered by the workspace's first connected account on that
 * network, when it has one. The ingest pipeline calls this after it stored the matches.
 */
import type { Queryable } from '../db/pool.ts';
import { recordInboxItems, type IncomingPost } from './record-items.ts';

export interface ListeningHit {
  mentionId: string;
  /** The queries the mention matched. */
  queryIds: readonly string[];
}

/** Answers how many items were new. */
export async function createInboxItemsFromMentions(q: Queryable, workspaceId: string, hits: readonly ListeningHit[]): Promise<number> {
  const queryIds = [...new Set(hits.flatMap((h) => h.queryIds))];
  if (queryIds.length === 0) return 0;
  const { rows: needing } = await q.query<{ id: string }>(
    `SELECT id FROM listening_queries WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND needs_response AND archived_at IS NULL`,
    [workspaceId, queryIds],
  );
  const needs = new Set(needing.map((r) => r.id));
  const mentionIds = [...new Set(hits.filter((h) => h.queryIds.some((id) => needs.has(id))).map((h) => h.mentionId))];
  if (mentionIds.length === 0) return 0;
  const { rows } = await q.query<{
    id: string;
    network: string;
    external_id: string;
    url: string | null;
    author: string | null;
    author_name: string | null;
    text: string;
    reply_to: string | null;
    posted_at: Date;
  }>(
    `SELECT id, network, external_id, url, author, author_name, text, reply_to, posted_at FROM mentions
      WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY posted_at, id`,
    [workspaceId, mentionIds],
  );
  let created = 0;
  for (const network of new Set(rows.map((r) => r.network))) {
    const posts: IncomingPost[] = rows
      .filter((r) => r.network === network)
      .map((r) => ({
        kind: 'listening',
        externalId: r.external_id,
        url: r.url,
        author: r.author,
        authorName: r.author_name,
        text: r.text,
        postedAt: r.posted_at,
        parentId: r.reply_to,
        mentionId: r.id,
      }));
    const { rows: account } = await q.query<{ id: string; channel_id: string }>(
      `SELECT id, channel_id FROM channel_connections WHERE workspace_id = $1 AND connector = $2 AND status = 'connected'
        ORDER BY created_at, id LIMIT 1`,
      [workspaceId, network],
    );
    const target = { workspaceId, network, connectionId: account[0]?.id ?? null, channelId: account[0]?.channel_id ?? null };
    created += await recordInboxItems(q, target, posts);
  }
  return created;
}
