/**
 * Follower counts of connected channels: one reading per channel and UTC day in `follower_snapshots`
 * (a level, not an event), the last reading of a day replacing an earlier one of the same day. Keyed
 * by the plan's channel, so the history survives reconnecting the account.
 */
import { classifyError, PermanentError } from '../../connectors/connector.ts';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { Pool } from '../../db/pool.ts';
import { connectionOf, type ConnectionRow } from './connection.ts';

export type FollowersOutcome =
  | { kind: 'collected'; followers: number }
  | { kind: 'skipped'; why: string }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string };

interface Row extends ConnectionRow {
  strategy_id: string;
  status: string;
}

export async function collectFollowers(
  deps: { pool: Pool; registry: ConnectorRegistry },
  connectionIds: readonly string[],
  now: Date,
): Promise<Map<string, FollowersOutcome>> {
  const outcomes = new Map<string, FollowersOutcome>();
  const { rows } = await deps.pool.query<Row>(
    `SELECT id AS connection_id, workspace_id, strategy_id, channel_id, connector, config, credentials_enc, status
       FROM channel_connections WHERE id = ANY($1::uuid[])`,
    [[...new Set(connectionIds)]],
  );
  for (const id of connectionIds) if (!rows.some((r) => r.connection_id === id)) outcomes.set(id, { kind: 'skipped', why: 'disconnected' });
  for (const r of rows) {
    const connector = deps.registry.get(r.connector);
    if (r.status !== 'connected') {
      outcomes.set(r.connection_id, { kind: 'skipped', why: `the account is ${r.status}` });
      continue;
    }
    if (!connector?.fetchFollowers) {
      outcomes.set(r.connection_id, { kind: 'skipped', why: `the ${r.connector} connector reports no followers` });
      continue;
    }
    let followers: number;
    try {
      followers = await connector.fetchFollowers({ connection: connectionOf(r), signal: AbortSignal.timeout(connector.limits.timeoutMs) });
    } catch (e) {
      const err = classifyError(e);
      outcomes.set(
        r.connection_id,
        err instanceof PermanentError ? { kind: 'failed', message: err.message } : { kind: 'retry', message: err.message },
      );
      continue;
    }
    await deps.pool.query(
      `INSERT INTO follower_snapshots AS s (workspace_id, strategy_id, channel_id, day, followers, connection_id, taken_at)
       VALUES ($1, $2, $3, ($6::timestamptz AT TIME ZONE 'UTC')::date, $4, $5, $6)
       ON CONFLICT (workspace_id, strategy_id, channel_id, day)
       DO UPDATE SET followers = excluded.followers, connection_id = excluded.connection_id, taken_at = excluded.taken_at
        WHERE excluded.taken_at >= s.taken_at`,
      [r.workspace_id, r.strategy_id, r.channel_id, followers, r.connection_id, now],
    );
    outcomes.set(r.connection_id, { kind: 'collected', followers });
  }
  return outcomes;
}
