/**
 * The ingest pipeline every source ends in: analyze (language, sentiment), store once, match against
 * the workspace's queries, record the hits — and advance the source's cursor in the caller's
 * transaction, so a source that restarts resumes exactly where the stored mentions end: a mention is
 * stored exactly when its cursor position is, never one without the other.
 *
 * Re-delivery never duplicates: the insert is `ON CONFLICT (workspace_id, network, external_id) DO
 * NOTHING`, and only the rows it actually inserted are matched. Hits of queries marked `needs_response`
 * become inbox items (src/inbox/create-items-from-mentions.ts).
 */
import type { Queryable } from '../db/pool.ts';
import { createInboxItemsFromMentions } from '../inbox/create-items-from-mentions.ts';
import { workspaceMatcher } from './workspace-matcher.ts';
import type { Network } from './schema.ts';
import type { SentimentLabel } from './analyze.ts';

/** One post or article, whatever the network: what every adapter produces. */
export interface NormalizedMention {
  network: Network;
  /** The network's own id (an at:// URI, a status URL, a feed item's guid): what dedupes. */
  externalId: string;
  url?: string | null;
  /** Handle (a Bluesky DID until its handle is resolved), account, feed author. */
  author?: string | null;
  /** The author's stable id besides the handle (a Bluesky DID); `author:` matches either. */
  authorId?: string | null;
  authorName?: string | null;
  text: string;
  /** As the network gives it (BCP 47 or ISO 639); detected when absent. */
  lang?: string | null;
  links?: readonly string[];
  media?: number;
  replyTo?: string | null;
  postedAt: Date;
}

export interface StoredMention {
  mentionId: string;
  externalId: string;
  network: Network;
  postedAt: Date;
  sentiment: SentimentLabel;
  /** The queries it matched, sorted as strings (empty: stored, matched none). */
  queryIds: string[];
}

export interface IngestResult {
  /** The mentions stored now (new ones), with what they matched. */
  stored: StoredMention[];
  /** Mentions already stored (re-delivered, or seen by another source): skipped. */
  duplicates: number;
}

const cut = (s: string | null | undefined, max: number): string | null => (s ? s.slice(0, max) : null);
const LANG = /^[a-z]{2,3}$/;

/**
 * Stores `mentions` for the workspace (from `sourceId`, or null for an import) and matches the new
 * ones. Run it in a transaction: with `cursor`, the source's cursor moves in the same one.
 */
export async function ingestMentions(
  q: Queryable,
  workspaceId: string,
  sourceId: string | null,
  mentions: readonly NormalizedMention[],
  options: { cursor?: string } = {},
): Promise<IngestResult> {
  const stored: StoredMention[] = [];
  let duplicates = 0;
  if (mentions.length > 0) {
    // Loaded with the first mentions, not at start: the language detector's data is ~0.5 s of CPU to load.
    const { analyzeMention } = await import('./analyze.ts');
    const rows = mentions.map((m) => {
      const a = analyzeMention({ text: m.text, lang: m.lang });
      return { m, a, lang: a.lang !== null && LANG.test(a.lang) ? a.lang : null };
    });
    const { rows: inserted } = await q.query<{
      id: string;
      network: Network;
      external_id: string;
      posted_at: Date;
      sentiment: SentimentLabel;
    }>(
      `INSERT INTO mentions (workspace_id, source_id, network, external_id, url, author, author_name, text, lang, lang_detected,
                             links, media, reply_to, posted_at, sentiment, sentiment_score, author_id)
       SELECT $1, $2, n, e, u, au, an, t, l, ld, ARRAY(SELECT jsonb_array_elements_text(lk)), md, r, p, s, sc, ai
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[],
                     $11::jsonb[], $12::int[], $13::text[], $14::timestamptz[], $15::text[], $16::real[], $17::text[])
              AS x(n, e, u, au, an, t, l, ld, lk, md, r, p, s, sc, ai)
       ON CONFLICT (workspace_id, network, external_id) DO NOTHING
       RETURNING id, network, external_id, posted_at, sentiment`,
      [
        workspaceId,
        sourceId,
        rows.map((r) => r.m.network),
        rows.map((r) => r.m.externalId.slice(0, 2048)),
        rows.map((r) => (r.m.url && r.m.url.length <= 2048 ? r.m.url : null)),
        rows.map((r) => cut(r.m.author, 320)),
        rows.map((r) => cut(r.m.authorName, 320)),
        rows.map((r) => r.m.text.slice(0, 100_000)),
        rows.map((r) => r.lang),
        rows.map((r) => r.a.langDetected && r.lang !== null),
        rows.map((r) => JSON.stringify((r.m.links ?? []).filter((l) => l.length <= 2048).slice(0, 100))),
        rows.map((r) => Math.max(0, Math.min(1000, Math.trunc(r.m.media ?? 0)))),
        rows.map((r) => cut(r.m.replyTo, 2048)),
        rows.map((r) => r.m.postedAt.toISOString()),
        rows.map((r) => r.a.sentiment),
        rows.map((r) => r.a.score),
        rows.map((r) => cut(r.m.authorId, 2048)),
      ],
    );
    // The same mention twice in one batch is inserted once; the second is a duplicate like a re-delivery.
    duplicates = mentions.length - inserted.length;
    if (inserted.length > 0) {
      const matcher = await workspaceMatcher(q, workspaceId);
      const byKey = new Map(rows.map((r) => [`${r.m.network}\n${r.m.externalId.slice(0, 2048)}`, r]));
      const matches: { queryId: string; mentionId: string; postedAt: Date; sentiment: SentimentLabel }[] = [];
      for (const row of inserted) {
        const r = byKey.get(`${row.network}\n${row.external_id}`)!;
        const queryIds = matcher.match({
          text: r.m.text,
          author: r.m.author ?? null,
          authorId: r.m.authorId ?? null,
          lang: r.lang,
          channel: r.m.network,
          links: r.m.links ?? [],
          media: r.m.media ?? 0,
        });
        stored.push({
          mentionId: row.id,
          externalId: row.external_id,
          network: row.network,
          postedAt: row.posted_at,
          sentiment: row.sentiment,
          queryIds,
        });
        for (const queryId of queryIds) matches.push({ queryId, mentionId: row.id, postedAt: row.posted_at, sentiment: row.sentiment });
      }
      if (matches.length > 0) {
        await q.query(
          `INSERT INTO mention_matches (workspace_id, query_id, mention_id, posted_at, sentiment)
           SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[])
           ON CONFLICT DO NOTHING`,
          [
            workspaceId,
            matches.map((m) => m.queryId),
            matches.map((m) => m.mentionId),
            matches.map((m) => m.postedAt),
            matches.map((m) => m.sentiment),
          ],
        );
        // Hits of queries that need a response become inbox items in the same transaction.
        await createInboxItemsFromMentions(q, workspaceId, stored);
      }
    }
  }
  if (sourceId !== null && options.cursor !== undefined) {
    await q.query(`UPDATE listening_sources SET cursor = $3, last_run_at = now() WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      sourceId,
      options.cursor,
    ]);
  }
  return { stored, duplicates };
}
