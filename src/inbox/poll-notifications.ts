/**
 * One poll of a connected account's notifications: from the stored cursor, through the connector,
 * into inbox items, then the new cursor — in that order, so a poll that dies half way reads the same
 * notifications again next time and the items' UNIQUE key makes the repeat harmless.
 */
import { classifyError } from '../connectors/connector.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { connectionOf, type ConnectionRow } from '../measure/metrics/connection.ts';
import { recordInboxItems } from './record-items.ts';

export type PollOutcome =
  | { kind: 'polled'; created: number; seen: number }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; message: string; permanent: boolean };

export async function pollInboxConnection(deps: { pool: Pool; registry: ConnectorRegistry }, connectionId: string): Promise<PollOutcome> {
  const { rows } = await deps.pool.query<ConnectionRow & { status: string; cursor: string | null }>(
    `SELECT c.id AS connection_id, c.workspace_id, c.channel_id, c.connector, c.config, c.credentials_enc, c.status, k.cursor
       FROM channel_connections c LEFT JOIN inbox_cursors k ON k.connection_id = c.id WHERE c.id = $1`,
    [connectionId],
  );
  const r = rows[0];
  if (!r) return { kind: 'skipped', why: 'disconnected' };
  if (r.status !== 'connected') return { kind: 'skipped', why: `the account is ${r.status}` };
  const connector = deps.registry.get(r.connector);
  if (!connector?.listNotifications) return { kind: 'skipped', why: `the ${r.connector} connector reads no notifications` };
  let page: Awaited<ReturnType<NonNullable<typeof connector.listNotifications>>>;
  try {
    page = await connector.listNotifications(
      { connection: connectionOf(r), signal: AbortSignal.timeout(connector.limits.timeoutMs) },
      r.cursor,
    );
  } catch (e) {
    const err = classifyError(e);
    await deps.pool.query(
      `INSERT INTO inbox_cursors (connection_id, workspace_id, last_polled_at, last_error) VALUES ($1, $2, now(), $3)
       ON CONFLICT (connection_id) DO UPDATE SET last_polled_at = now(), last_error = excluded.last_error`,
      [r.connection_id, r.workspace_id, err.message.slice(0, 1000)],
    );
    return { kind: 'failed', message: err.message, permanent: err.name === 'PermanentError' };
  }
  const created = await withTransaction(deps.pool, async (tx) => {
    const n = await recordInboxItems(
      tx,
      { workspaceId: r.workspace_id, network: r.connector, connectionId: r.connection_id, channelId: r.channel_id },
      page.notifications,
    );
    await tx.query(
      `INSERT INTO inbox_cursors (connection_id, workspace_id, cursor, last_polled_at, last_error) VALUES ($1, $2, $3, now(), NULL)
       ON CONFLICT (connection_id) DO UPDATE SET cursor = excluded.cursor, last_polled_at = now(), last_error = NULL`,
      [r.connection_id, r.workspace_id, page.cursor],
    );
    return n;
  });
  return { kind: 'polled', created, seen: page.notifications.length };
}
