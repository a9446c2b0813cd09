/**
 * Changes a connection: new credentials (a reconnect, e.g. after an app password was revoked), new
 * config, or the channel's time-zone override. The connection keeps its id, so posts, receipts and
 * history stay attached. New config or credentials are verified with the network first (outside the
 * transaction) and stored with the outcome; the write happens only if nobody changed the settings in
 * the meantime (409 `connection.changed`). The connector itself cannot change: delete and connect again.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { auditView, explainLostUpdate, loadConnection, presentConnection, statusAfter, toConnection } from './connection-store.ts';
import { connectionTimezone, type ConnectionContext } from './context.ts';
import { credentialsOf, readableCredentials, sealCredentials } from './credentials.ts';
import type { ConnectionView, UpdateConnectionBody, Verification } from './schema.ts';
import { parseSettings } from './settings.ts';
import { connectorFor, verifyAccount } from './verify-account.ts';

export async function updateConnection(
  pool: Pool,
  ctx: ConnectionContext,
  id: string,
  body: UpdateConnectionBody,
): Promise<{ connection: ConnectionView; verification: Verification | null }> {
  const before = await loadConnection(pool, ctx.workspaceId, id, { secrets: true });
  const timezone = body.timezone === undefined ? before.timezone : body.timezone === null ? null : connectionTimezone(body.timezone);
  // Null when the stored credentials cannot be opened (their key was lost): a reconnect replaces them
  // unread, so it repairs such a connection; a config change alone needs them (409 from credentialsOf).
  const previous = readableCredentials(before);
  const settings =
    body.config !== undefined || body.credentials !== undefined
      ? parseSettings(before.connector, {
          config: body.config ?? before.config,
          credentials: body.credentials ?? previous ?? credentialsOf(before),
        })
      : null;

  let verification: Verification | null = null;
  if (settings) {
    const connector = connectorFor(ctx.registry, before.connector);
    verification = await verifyAccount(connector, toConnection({ ...before, config: settings.config }, settings.credentials), {
      refuseForbiddenAddress: true,
    });
  }
  const status = verification ? statusAfter(verification, before) : null;

  return withTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE channel_connections
          SET config = $5, credentials_enc = $6, timezone = $7,
              status = COALESCE($8, status),
              status_message = CASE WHEN $9 THEN $10 ELSE status_message END,
              verified_at = CASE WHEN $11 THEN now() ELSE verified_at END,
              updated_at = now()
        WHERE workspace_id = $1 AND id = $2 AND config = $3::jsonb AND credentials_enc = $4`,
      [
        ctx.workspaceId,
        before.id,
        JSON.stringify(before.config),
        before.credentials_enc,
        JSON.stringify(settings?.config ?? before.config),
        // Only the time zone changed: the envelope stays as it is, never opened.
        settings ? sealCredentials(before.id, settings.credentials) : before.credentials_enc,
        timezone,
        status?.status ?? null,
        status !== null,
        status?.message ?? null,
        status?.verified ?? false,
      ],
    );
    if (!rowCount) await explainLostUpdate(tx, ctx.workspaceId, before.id);
    const after = await loadConnection(tx, ctx.workspaceId, before.id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: body.credentials !== undefined ? 'connection.reconnect' : 'connection.update',
      entityType: 'connection',
      entityId: before.id,
      before: auditView(before, previous ?? undefined),
      after: {
        ...auditView(after, settings?.credentials ?? previous ?? undefined),
        ...(body.credentials !== undefined ? { credentialsReplaced: true } : {}),
        ...(verification ? { verification: verification.outcome } : {}),
      },
      reason: verification?.message ?? undefined,
    });
    return { connection: presentConnection(after), verification };
  });
}
