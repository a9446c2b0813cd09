/**
 * Connects an account to one channel of a strategy. The channel must be one of that strategy's
 * (422 `connection.unknown_strategy` / `connection.unknown_channel`) and not connected yet (409
 * `connection.exists`, details.id: reconnect that one instead). The settings are checked against the
 * connector's shape (400), then the account is verified with the network BEFORE anything is stored —
 * outside the transaction — and stored with the outcome: `connected`, or `reconnect_needed` with the
 * network's message (a refused account is kept so it can be fixed by a reconnect, keeping its id).
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { auditView, loadConnection, presentConnection, statusAfter, toConnection } from './connection-store.ts';
import { connectionTimezone, type ConnectionContext } from './context.ts';
import { sealCredentials } from './credentials.ts';
import type { ConnectionView, CreateConnectionBody, Verification } from './schema.ts';
import { parseSettings } from './settings.ts';
import { connectorFor, verifyAccount } from './verify-account.ts';

/** The strategy's channel ids; 422 when the workspace has no such strategy or the strategy no such channel. */
export async function checkChannel(q: Queryable, workspaceId: string, strategyId: string, channelId: string): Promise<void> {
  const { rows } = await q.query<{ channels: string[] | null }>(
    `SELECT (SELECT array_agg(ch->>'id') FROM jsonb_array_elements(document->'channels') ch) AS channels
       FROM strategies WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, strategyId],
  );
  const row = rows[0];
  if (!row) {
    throw new AppError(
      'connection.unknown_strategy',
      `No strategy "${strategyId}" in this workspace: a connection serves a channel of one of its strategies.`,
      422,
      {
        strategy: strategyId,
        path: '/strategy',
      },
    );
  }
  const channels = row.channels ?? [];
  if (!channels.includes(channelId)) {
    throw new AppError(
      'connection.unknown_channel',
      `Strategy "${strategyId}" has no channel "${channelId}" (it has: ${channels.join(', ') || 'none'}). Add the channel to the strategy first.`,
      422,
      { strategy: strategyId, channel: channelId, channels, path: '/channel' },
    );
  }
}

const exists = (id: string, strategy: string, channel: string): AppError =>
  new AppError(
    'connection.exists',
    `Channel "${channel}" of strategy "${strategy}" is already connected; reconnect that connection (PATCH it) or delete it first.`,
    409,
    {
      id,
      strategy,
      channel,
    },
  );

export async function createConnection(
  pool: Pool,
  ctx: ConnectionContext,
  body: CreateConnectionBody,
): Promise<{ connection: ConnectionView; verification: Verification }> {
  const connector = connectorFor(ctx.registry, body.connector);
  const settings = parseSettings(body.connector, body);
  const timezone = body.timezone === undefined ? null : connectionTimezone(body.timezone);
  await checkChannel(pool, ctx.workspaceId, body.strategy, body.channel);
  const { rows: taken } = await pool.query<{ id: string }>(
    'SELECT id FROM channel_connections WHERE workspace_id = $1 AND strategy_id = $2 AND channel_id = $3',
    [ctx.workspaceId, body.strategy, body.channel],
  );
  if (taken[0]) throw exists(taken[0].id, body.strategy, body.channel);

  const id = randomUUID();
  const verification = await verifyAccount(
    connector,
    toConnection(
      { id, workspace_id: ctx.workspaceId, channel_id: body.channel, connector: body.connector, config: settings.config },
      settings.credentials,
    ),
    { refuseForbiddenAddress: true },
  );
  const status = statusAfter(verification, { status: 'connected' });

  return withTransaction(pool, async (tx) => {
    // The strategy (and its channel) may have changed while the network was asked.
    await checkChannel(tx, ctx.workspaceId, body.strategy, body.channel);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO channel_connections (id, workspace_id, strategy_id, channel_id, connector, config, credentials_enc, timezone, status, status_message, verified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END)
       ON CONFLICT (workspace_id, strategy_id, channel_id) DO NOTHING RETURNING id`,
      [
        id,
        ctx.workspaceId,
        body.strategy,
        body.channel,
        body.connector,
        JSON.stringify(settings.config),
        sealCredentials(id, settings.credentials),
        timezone,
        status.status,
        status.message,
        status.verified,
      ],
    );
    if (!rows[0]) {
      const { rows: other } = await tx.query<{ id: string }>(
        'SELECT id FROM channel_connections WHERE workspace_id = $1 AND strategy_id = $2 AND channel_id = $3',
        [ctx.workspaceId, body.strategy, body.channel],
      );
      throw exists(other[0]?.id ?? '', body.strategy, body.channel);
    }
    const row = await loadConnection(tx, ctx.workspaceId, id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'connection.create',
      entityType: 'connection',
      entityId: id,
      after: { ...auditView(row, settings.credentials), verification: verification.outcome },
      reason: verification.message ?? undefined,
    });
    return { connection: presentConnection(row), verification };
  });
}
