/**
 * Matching mentions already stored (not at ingest): for a query just created or changed, and for
 * Bluesky mentions whose author's handle was resolved after they were stored. Only mention_matches
 * are written — never inbox items: those come from live hits only (ingest.ts), so a re-match never
 * floods the inbox with old posts.
 */
import type { Queryable } from '../db/pool.ts';
import type { Matcher } from './matcher.ts';

export interface StoredMentionRow {
  id: string;
  text: string;
  author: string | null;
  author_id: string | null;
  lang: string | null;
  network: string;
  links: string[];
  media: number;
  posted_at: Date;
  sentiment: string;
}

export const SELECT_MATCHABLE = `SELECT m.id, m.text, m.author, m.author_id, m.lang, m.network, m.links, m.media, m.posted_at, m.sentiment
  FROM mentions m`;

/** The query ids `matcher` finds in a stored mention (the same post fields ingest matches). */
export const matchRow = (matcher: Matcher, r: StoredMentionRow): string[] =>
  matcher.match({
    text: r.text,
    author: r.author,
    authorId: r.author_id,
    lang: r.lang,
    channel: r.network,
    links: r.links,
    media: r.media,
  });

/** Records hits (query, mention) once each; existing ones are kept. */
export async function insertMatches(
  q: Queryable,
  workspaceId: string,
  hits: readonly { queryId: string; row: StoredMentionRow }[],
): Promise<void> {
  if (hits.length === 0) return;
  await q.query(
    `INSERT INTO mention_matches (workspace_id, query_id, mention_id, posted_at, sentiment)
     SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[])
     ON CONFLICT DO NOTHING`,
    [
      workspaceId,
      hits.map((h) => h.queryId),
      hits.map((h) => h.row.id),
      hits.map((h) => h.row.posted_at),
      hits.map((h) => h.row.sentiment),
    ],
  );
}
