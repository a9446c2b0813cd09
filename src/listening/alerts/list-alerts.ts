/** The spike alerts of a workspace, newest hour first, a page at a time. */
import type { Queryable } from '../../db/pool.ts';
import type { AlertView, ListAlertsQuery } from './schema.ts';

interface AlertRow {
  id: string;
  query_id: string;
  query_name: string;
  archived: boolean;
  hour: Date;
  mentions: number;
  mean: number;
  stddev: number;
  threshold: number;
  k: number;
  webhook_status: AlertView['webhook']['status'];
  webhook_error: string | null;
  created_at: Date;
}

export async function listAlerts(
  q: Queryable,
  workspaceId: string,
  query: ListAlertsQuery,
): Promise<{ alerts: AlertView[]; nextBefore: string | null }> {
  const { rows } = await q.query<AlertRow>(
    `SELECT a.id, a.query_id, q.name AS query_name, q.archived_at IS NOT NULL AS archived, a.hour, a.mentions, a.mean, a.stddev,
            a.threshold, a.k, a.webhook_status, a.webhook_error, a.created_at
       FROM listening_alerts a JOIN listening_queries q ON q.id = a.query_id
      WHERE a.workspace_id = $1 AND ($2::timestamptz IS NULL OR a.hour < $2)
      ORDER BY a.hour DESC, q.name, a.id
      LIMIT $3`,
    [workspaceId, query.before ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  // A page ends between two hours: alerts of the last hour shown that did not fit come on the next page with it.
  const more = rows.length > query.limit;
  const last = page.at(-1);
  const cut = more && last ? page.filter((r) => r.hour.getTime() !== last.hour.getTime()) : page;
  const shown = more && cut.length === 0 ? page : cut;
  return {
    alerts: shown.map((r) => ({
      id: r.id,
      query: { id: r.query_id, name: r.query_name, archived: r.archived },
      hour: r.hour.toISOString(),
      mentions: r.mentions,
      mean: r.mean,
      stddev: r.stddev,
      threshold: r.threshold,
      k: r.k,
      webhook: { status: r.webhook_status, error: r.webhook_error },
      createdAt: r.created_at.toISOString(),
    })),
    nextBefore: more ? (shown === page ? last!.hour.toISOString() : shown.at(-1)!.hour.toISOString()) : null,
  };
}
