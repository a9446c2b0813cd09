/**
 * The compiled matcher of a workspace's active queries, cached per workspace and recompiled when its
 * queries change. The version is one cheap aggregate (count and newest `updated_at` of the active
 * queries): creating, editing or archiving a query changes it, so a stale matcher is never used.
 */
import type { Queryable } from '../db/pool.ts';
import { compileMatcher, type Matcher } from './matcher.ts';
import { QuerySyntaxError } from './query/index.ts';

const cache = new Map<string, { version: string; matcher: Matcher }>();
/** Workspaces kept compiled; the least recently compiled go first beyond it. */
const MAX_CACHED = 500;

export async function workspaceMatcher(q: Queryable, workspaceId: string): Promise<Matcher> {
  const { rows } = await q.query<{ version: string }>(
    `SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') AS version
       FROM listening_queries WHERE workspace_id = $1 AND archived_at IS NULL`,
    [workspaceId],
  );
  const version = rows[0]!.version;
  const hit = cache.get(workspaceId);
  if (hit?.version === version) return hit.matcher;

  const { rows: queries } = await q.query<{ id: string; query: string }>(
    `SELECT id, query FROM listening_queries WHERE workspace_id = $1 AND archived_at IS NULL ORDER BY id`,
    [workspaceId],
  );
  let active = queries;
  let matcher: Matcher | undefined;
  // Queries are checked when saved; one that a newer parser refuses is left out rather than stopping the others.
  while (matcher === undefined) {
    try {
      matcher = compileMatcher(active);
    } catch (e) {
      const bad = e instanceof QuerySyntaxError ? (e.details as { queryId?: string } | undefined)?.queryId : undefined;
      if (bad === undefined) throw e;
      active = active.filter((x) => x.id !== bad);
    }
  }
  cache.delete(workspaceId);
  cache.set(workspaceId, { version, matcher });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return matcher;
}
