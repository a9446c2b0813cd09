/** Sets up a report schedule (audited); with a webhook, makes its signing secret and shows it once. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { findCampaign, findStrategy } from '../../plan-store/store.ts';
import { notFound } from '../../errors.ts';
import { presentSchedules, SCHEDULE_SELECT, type ScheduleRow } from './schedule-store.ts';
import type { CreateScheduleBody, ScheduleView } from './schema.ts';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';

export async function createSchedule(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor },
  body: CreateScheduleBody,
  today: string,
): Promise<{ schedule: ScheduleView; webhookSecret: string | null }> {
  return withTransaction(pool, async (tx) => {
    const found =
      body.subject === 'strategy' ? await findStrategy(tx, ctx.workspaceId, body.id) : await findCampaign(tx, ctx.workspaceId, body.id);
    if (!found) throw notFound(body.subject, body.id);
    const id = randomUUID();
    const secret = body.webhookUrl === undefined ? null : newWebhookSecret();
    await tx.query(
      `INSERT INTO report_schedules (id, workspace_id, subject, strategy_id, campaign_id, format, cadence, webhook_url, webhook_secret_enc, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        ctx.workspaceId,
        body.subject,
        body.subject === 'strategy' ? body.id : null,
        body.subject === 'campaign' ? body.id : null,
        body.format,
        body.cadence,
        body.webhookUrl ?? null,
        secret === null ? null : sealWebhookSecret(id, secret),
        ctx.actor.userId,
      ],
    );
    const { rows } = await tx.query<ScheduleRow>(`${SCHEDULE_SELECT} WHERE r.id = $1`, [id]);
    const [schedule] = await presentSchedules(tx, rows, today);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'report_schedule.create',
      entityType: 'report_schedule',
      entityId: id,
      // The URL may carry a token: the log keeps its host, like the API shows it.
      after: { subject: body.subject, id: body.id, format: body.format, cadence: body.cadence, webhookHost: schedule!.webhookHost },
    });
    return { schedule: schedule!, webhookSecret: secret };
  });
}
