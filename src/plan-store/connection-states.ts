/**
 * Which channels of a strategy can publish: the state of the account connected to each (a channel
 * missing from the map has none). The campaign readiness checklist and the post checks both read it.
 */
import type { Queryable } from '../db/pool.ts';
import type { ConnectionState } from '../plan/readiness.ts';

export async function findConnectionStates(q: Queryable, workspaceId: string, strategyId: string): Promise<Map<string, ConnectionState>> {
  const { rows } = await q.query<{ channel_id: string; status: ConnectionState }>(
    'SELECT channel_id, status FROM channel_connections WHERE workspace_id = $1 AND strategy_id = $2',
    [workspaceId, strategyId],
  );
  return new Map(rows.map((r) => [r.channel_id, r.status]));
}
