/**
 * Verifies a connection's account again (POST …/connections/:id/verify) and records the outcome:
 * `connected` with `verifiedAt`, or `reconnect_needed` with the network's message; an unreachable
 * network leaves the status as it is and says so. Audited as `connection.verify`.
 *
 * Exported for the scheduler's periodic token check as well: `checkConnection(pool, ctx, id)` with an
 * actor of null records `system` as who checked.
 */
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { credentialsOf } from './credentials.ts';
import { explainLostUpdate, loadConnection, presentConnection, statusAfter, toConnection } from './connection-store.ts';
import type { ConnectionView, Verification } from './schema.ts';
import { connectorFor, verifyAccount } from './verify-account.ts';

export async function checkConnection(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor | null; registry: ConnectorRegistry },
  id: string,
): Promise<{ connection: ConnectionView; verification: Verification }> {
  const before = await loadConnection(pool, ctx.workspaceId, id, { secrets: true });
  const connector = connectorFor(ctx.registry, before.connector);
  const verification = await verifyAccount(connector, toConnection(before, credentialsOf(before)));
  const status = statusAfter(verification, before);
  return withTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE channel_connections
          SET status = $5, status_message = $6, verified_at = CASE WHEN $7 THEN now() ELSE verified_at END, updated_at = now()
        WHERE workspace_id = $1 AND id = $2 AND config = $3::jsonb AND credentials_enc = $4`,
      [ctx.workspaceId, before.id, JSON.stringify(before.config), before.credentials_enc, status.status, status.message, status.verified],
    );
    if (!rowCount) await explainLostUpdate(tx, ctx.workspaceId, before.id);
    const after = await loadConnection(tx, ctx.workspaceId, before.id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'connection.verify',
      entityType: 'connection',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status, verification: verification.outcome },
      reason: verification.message ?? undefined,
    });
    return { connection: presentConnection(after), verification };
  });
}
