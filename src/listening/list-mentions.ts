import type { Queryable } from '../db/pool.ts';
import { isUuid } from '../db/uuid.ts';
import { loadQuery } from './query-store.ts';
import { presentMention, SELECT_MENTION, type MentionRow } from './mention-store.ts';
import type { ListMentionsQuery, MentionView } from './schema.ts';

/** `%`, `_` and `\` typed by the user are literal in the text search. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The workspace's mentions, newest first, filtered; keyset-paginated by (posted_at, id), so a page
 * stays stable while new mentions arrive. An unknown query id is a 404, as for any other id.
 */
export async function listMentions(
  q: Queryable,
  workspaceId: string,
  f: ListMentionsQuery,
): Promise<{ mentions: MentionView[]; nextBefore: string | null }> {
  if (f.query !== undefined) await loadQuery(q, workspaceId, f.query);
  const [beforeAt, beforeId] = f.before ? f.before.split('_') : [null, null];
  const { rows } = await q.query<MentionRow>(
    `${SELECT_MENTION}
      WHERE m.workspace_id = $1
        AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM mention_matches mm WHERE mm.mention_id = m.id AND mm.query_id = $2))
        AND ($3::text IS NULL OR m.sentiment = $3)
        AND ($4::text IS NULL OR m.network = $4)
        AND ($5::timestamptz IS NULL OR m.posted_at >= $5)
        AND ($6::timestamptz IS NULL OR m.posted_at < $6)
        AND ($7::text IS NULL OR m.text ILIKE '%' || $7 || '%')
        AND ($8::timestamptz IS NULL OR (m.posted_at, m.id) < ($8, $9::uuid))
      ORDER BY m.posted_at DESC, m.id DESC
      LIMIT $10`,
    [
      workspaceId,
      f.query !== undefined && isUuid(f.query) ? f.query : null,
      f.sentiment ?? null,
      f.network ?? null,
      f.from ?? null,
      f.to ?? null,
      f.search === undefined ? null : likeEscape(f.search),
      beforeAt,
      beforeId,
      f.limit + 1,
    ],
  );
  const page = rows.slice(0, f.limit).map(presentMention);
  const last = page[page.length - 1];
  return { mentions: page, nextBefore: rows.length > f.limit && last ? `${last.postedAt}_${last.id}` : null };
}
