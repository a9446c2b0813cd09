/** What is connected and whether anything was ever measured: what an empty dashboard tells people to connect. */
import type { Queryable } from '../../db/pool.ts';
import type { CONNECTION_STATES } from './schema.ts';

type ConnectionState = (typeof CONNECTION_STATES)[number];

/** The state of the account on each channel of a strategy; a channel absent has none. */
export async function readConnectionStates(q: Queryable, workspaceId: string, strategyId: string): Promise<Map<string, ConnectionState>> {
  const { rows } = await q.query<{ channel_id: string; status: 'connected' | 'reconnect_needed' }>(
    'SELECT channel_id, status FROM channel_connections WHERE workspace_id = $1 AND strategy_id = $2',
    [workspaceId, strategyId],
  );
  return new Map(rows.map((r) => [r.channel_id, r.status]));
}

/** Whether any event (of the campaign, when one is named) or any follower reading was ever recorded. */
export async function readHasData(q: Queryable, scope: { workspaceId: string; strategyId: string; campaignId?: string }): Promise<boolean> {
  const params = [scope.workspaceId, scope.strategyId, ...(scope.campaignId === undefined ? [] : [scope.campaignId])];
  const { rows } = await q.query<{ found: boolean }>(
    scope.campaignId === undefined
      ? `SELECT EXISTS (SELECT 1 FROM metric_rollups WHERE workspace_id = $1 AND grain = 'day' AND strategy_id = $2)
             OR EXISTS (SELECT 1 FROM follower_snapshots WHERE workspace_id = $1 AND strategy_id = $2) AS found`
      : `SELECT EXISTS (SELECT 1 FROM metric_rollups WHERE workspace_id = $1 AND grain = 'day' AND strategy_id = $2 AND campaign_id = $3) AS found`,
    params,
  );
  return rows[0]!.found;
}
