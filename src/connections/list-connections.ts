/** The workspace's connections, every channel of its strategies (connected or not), and the connectors this server has. */
import type { ConnectorRegistry } from '../connectors/registry.ts';
import type { Queryable } from '../db/pool.ts';
import type { Platform } from '../plan/schema.ts';
import { CONNECTION_COLUMNS, CONNECTION_FROM, presentConnection, type ConnectionRow } from './connection-store.ts';
import { CONNECTOR_KINDS, type ConnectionView } from './schema.ts';

export interface ChannelSlot {
  strategy: string;
  strategyName: string;
  channel: string;
  platform: Platform;
  handle: string | null;
  connectionId: string | null;
}

export async function listConnections(
  q: Queryable,
  workspaceId: string,
  registry: ConnectorRegistry,
  filter: { strategy?: string } = {},
): Promise<{ connections: ConnectionView[]; channels: ChannelSlot[]; availableConnectors: (typeof CONNECTOR_KINDS)[number][] }> {
  const { rows } = await q.query<ConnectionRow>(
    `SELECT ${CONNECTION_COLUMNS} FROM ${CONNECTION_FROM}
      WHERE cc.workspace_id = $1 AND ($2::text IS NULL OR cc.strategy_id = $2)
      ORDER BY cc.strategy_id, cc.channel_id`,
    [workspaceId, filter.strategy ?? null],
  );
  const { rows: channels } = await q.query<{
    strategy: string;
    strategy_name: string;
    channel: string;
    platform: Platform;
    handle: string | null;
    ord: number;
  }>(
    `SELECT s.id AS strategy, s.name AS strategy_name, ch->>'id' AS channel, ch->>'platform' AS platform, ch->>'handle' AS handle, ord::int
       FROM strategies s, jsonb_array_elements(s.document->'channels') WITH ORDINALITY AS c(ch, ord)
      WHERE s.workspace_id = $1 AND ($2::text IS NULL OR s.id = $2)
      ORDER BY s.id, ord`,
    [workspaceId, filter.strategy ?? null],
  );
  const byChannel = new Map(rows.map((r) => [`${r.strategy_id}\u0000${r.channel_id}`, r.id]));
  const available = new Set(registry.kinds());
  return {
    connections: rows.map(presentConnection),
    channels: channels.map((c) => ({
      strategy: c.strategy,
      strategyName: c.strategy_name,
      channel: c.channel,
      platform: c.platform,
      handle: c.handle,
      connectionId: byChannel.get(`${c.strategy}\u0000${c.channel}`) ?? null,
    })),
    availableConnectors: CONNECTOR_KINDS.filter((k) => available.has(k)),
  };
}
