/**
 * A query just created, or whose text changed, matched against the workspace's recent history, so a
 * new query shows the past month at once (dashboards, mentions, KPIs) as its preview promised: the
 * mentions posted in the last 30 days (at most 50,000, newest first), plus the query's existing
 * matches (when the text changed, those that no longer match are removed). Runs in the caller's
 * transaction (measured in docs/decisions.md: well under a second for 50,000 mentions).
 */
import type { Queryable } from '../db/pool.ts';
import { compileMatcher } from './matcher.ts';
import { insertMatches, matchRow, SELECT_MATCHABLE, type StoredMentionRow } from './match-stored.ts';

export const REMATCH_DAYS = 30;
export const REMATCH_LIMIT = 50_000;

export async function rematchQuery(
  q: Queryable,
  workspaceId: string,
  query: { id: string; query: string },
): Promise<{ scanned: number; matched: number; removed: number }> {
  const matcher = compileMatcher([query]);
  const { rows: recent } = await q.query<StoredMentionRow>(
    `${SELECT_MATCHABLE} WHERE m.workspace_id = $1 AND m.posted_at >= now() - make_interval(days => $2)
      ORDER BY m.posted_at DESC LIMIT $3`,
    [workspaceId, REMATCH_DAYS, REMATCH_LIMIT],
  );
  const { rows: previous } = await q.query<StoredMentionRow>(
    `${SELECT_MATCHABLE} JOIN mention_matches mm ON mm.mention_id = m.id
      WHERE mm.workspace_id = $1 AND mm.query_id = $2 ORDER BY mm.posted_at DESC LIMIT $3`,
    [workspaceId, query.id, REMATCH_LIMIT],
  );
  const rows = new Map<string, StoredMentionRow>();
  for (const r of [...recent, ...previous]) rows.set(r.id, r);
  const hits: { queryId: string; row: StoredMentionRow }[] = [];
  const kept = new Set<string>();
  for (const row of rows.values()) {
    if (matchRow(matcher, row).length > 0) {
      hits.push({ queryId: query.id, row });
      kept.add(row.id);
    }
  }
  await insertMatches(q, workspaceId, hits);
  const stale = previous.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (stale.length > 0)
    await q.query(`DELETE FROM mention_matches WHERE query_id = $1 AND mention_id = ANY($2::uuid[])`, [query.id, stale]);
  return { scanned: rows.size, matched: hits.length, removed: stale.length };
}
