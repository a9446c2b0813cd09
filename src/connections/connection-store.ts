/**
 * Reading connections and presenting them. Everything is scoped by workspace: another workspace's
 * connection, a deleted one and a malformed id all answer the same 404 `connection.not_found`.
 * Credentials are selected only where a connector needs them (`loadConnection(…, { secrets: true })`, opened by `credentialsOf`)
 * and never leave through `presentConnection` or `auditView`.
 */
import type { Connection, ConnectorKind } from '../connectors/connector.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { Platform } from '../plan/schema.ts';
import { isUuid } from '../db/uuid.ts';
import { connectionChanged } from './context.ts';
import type { ConnectionStatus, ConnectionView, Verification } from './schema.ts';

export interface ConnectionRow {
  id: string;
  workspace_id: string;
  strategy_id: string;
  strategy_name: string;
  channel_id: string;
  connector: ConnectorKind;
  config: Record<string, unknown>;
  timezone: string | null;
  status: ConnectionStatus;
  status_message: string | null;
  verified_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** From the strategy document; null when the strategy no longer has the channel. */
  platform: Platform | null;
}

export interface ConnectionWithSecrets extends ConnectionRow {
  /**
   * The stored envelope, opened by `credentialsOf` only where a connector needs the credentials;
   * guarded updates compare it to know the credentials did not change meanwhile.
   */
  credentials_enc: string;
}

/** Columns of `channel_connections cc` joined with its strategy `s` (for its name and the channel's platform). */
export const CONNECTION_COLUMNS = `cc.id, cc.workspace_id, cc.strategy_id, s.name AS strategy_name, cc.channel_id, cc.connector, cc.config, cc.timezone, cc.status,
  cc.status_message, cc.verified_at, cc.created_at, cc.updated_at,
  (SELECT ch->>'platform' FROM jsonb_array_elements(s.document->'channels') ch WHERE ch->>'id' = cc.channel_id LIMIT 1) AS platform`;
export const CONNECTION_FROM = `channel_connections cc JOIN strategies s ON s.workspace_id = cc.workspace_id AND s.id = cc.strategy_id`;

export const connectionNotFound = (id: string): AppError =>
  new AppError('connection.not_found', `No connection with id "${id}" in this workspace.`, 404, { id });

export async function loadConnection(
  q: Queryable,
  workspaceId: string,
  id: string,
  options: { secrets: true; lock?: boolean },
): Promise<ConnectionWithSecrets>;
export async function loadConnection(
  q: Queryable,
  workspaceId: string,
  id: string,
  options?: { secrets?: false; lock?: boolean },
): Promise<ConnectionRow>;
export async function loadConnection(
  q: Queryable,
  workspaceId: string,
  id: string,
  options: { secrets?: boolean; lock?: boolean } = {},
): Promise<ConnectionRow | ConnectionWithSecrets> {
  if (!isUuid(id)) throw connectionNotFound(id);
  const { rows } = await q.query<ConnectionWithSecrets>(
    `SELECT ${CONNECTION_COLUMNS}${options.secrets ? ', cc.credentials_enc' : ''}
       FROM ${CONNECTION_FROM}
      WHERE cc.workspace_id = $1 AND cc.id = $2${options.lock ? ' FOR UPDATE OF cc' : ''}`,
    [workspaceId, id],
  );
  if (!rows[0]) throw connectionNotFound(id);
  return rows[0];
}

/** What a connector is handed. */
export const toConnection = (
  r: { id: string; workspace_id: string; channel_id: string; connector: ConnectorKind; config: Record<string, unknown> },
  credentials: Record<string, unknown>,
): Connection => ({
  id: r.id,
  workspaceId: r.workspace_id,
  channelId: r.channel_id,
  connector: r.connector,
  config: r.config,
  credentials,
});

export const presentConnection = (r: ConnectionRow): ConnectionView => ({
  id: r.id,
  strategy: r.strategy_id,
  strategyName: r.strategy_name,
  channel: r.channel_id,
  platform: r.platform,
  connector: r.connector,
  config: r.config,
  timezone: r.timezone,
  status: r.status,
  statusMessage: r.status_message,
  verifiedAt: r.verified_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The connection as the audit log keeps it: never the credentials, only which fields they have. */
export const auditView = (
  r: Pick<ConnectionRow, 'strategy_id' | 'channel_id' | 'connector' | 'config' | 'timezone' | 'status'>,
  credentials?: Record<string, unknown>,
) => ({
  strategy: r.strategy_id,
  channel: r.channel_id,
  connector: r.connector,
  config: r.config,
  timezone: r.timezone,
  status: r.status,
  ...(credentials ? { credentialFields: Object.keys(credentials).sort() } : {}),
});

/** The status columns a verification outcome writes (unreachable: the status is left as it is). */
export function statusAfter(
  v: Verification,
  current: { status: ConnectionStatus },
): { status: ConnectionStatus; message: string | null; verified: boolean } {
  if (v.outcome === 'verified') return { status: 'connected', message: null, verified: true };
  if (v.outcome === 'refused') return { status: 'reconnect_needed', message: v.message, verified: false };
  return { status: current.status, message: v.message, verified: false };
}

/**
 * A guarded UPDATE of a connection matched no row: it was deleted meanwhile (404) or its settings
 * changed while its account was being verified (409).
 */
export async function explainLostUpdate(q: Queryable, workspaceId: string, id: string): Promise<never> {
  await loadConnection(q, workspaceId, id).catch(() => {
    throw connectionNotFound(id);
  });
  throw connectionChanged(id);
}
