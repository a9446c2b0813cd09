/**
 * Changes a workspace's spike alert settings (audited). Fields left out keep their value; a webhook
 * URL different from the stored one gets a new signing secret, answered once; null removes the webhook.
 */
import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { newWebhookSecret } from '../../measure/reports/webhook-secret.ts';
import { getAlertSettings } from './get-alert-settings.ts';
import type { AlertSettings, UpdateAlertSettingsBody } from './schema.ts';
import { sealAlertSecret } from './webhook-secret.ts';

export async function updateAlertSettings(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor },
  body: UpdateAlertSettingsBody,
): Promise<{ settings: AlertSettings; webhookSecret: string | null }> {
  return withTransaction(pool, async (tx) => {
    const before = await getAlertSettings(tx, ctx.workspaceId);
    // The row exists from here on (the defaults when new), locked for the rest of the change.
    const { rows } = await tx.query<{ id: string; webhook_url: string | null }>(
      `INSERT INTO listening_alert_settings (workspace_id) VALUES ($1)
       ON CONFLICT (workspace_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id
       RETURNING id, webhook_url`,
      [ctx.workspaceId],
    );
    const row = rows[0]!;
    const newUrl = body.webhookUrl !== undefined && body.webhookUrl !== row.webhook_url;
    const secret = newUrl && body.webhookUrl !== null ? newWebhookSecret() : null;
    await tx.query(
      `UPDATE listening_alert_settings
          SET k = coalesce($2, k), min_count = coalesce($3, min_count),
              webhook_url = CASE WHEN $4 THEN $5 ELSE webhook_url END,
              webhook_secret_enc = CASE WHEN $4 THEN $6 ELSE webhook_secret_enc END,
              updated_by = $7, updated_at = now()
        WHERE id = $1`,
      [
        row.id,
        body.k ?? null,
        body.minCount ?? null,
        newUrl,
        body.webhookUrl ?? null,
        secret === null ? null : sealAlertSecret(row.id, secret),
        ctx.actor.userId,
      ],
    );
    const settings = await getAlertSettings(tx, ctx.workspaceId);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_alert_settings.update',
      entityType: 'listening_alert_settings',
      entityId: row.id,
      // The URL may carry a token: the log keeps its host, like the API shows it.
      before,
      after: { ...settings, ...(secret ? { webhookSecret: 'new' } : {}) },
    });
    return { settings, webhookSecret: secret };
  });
}
