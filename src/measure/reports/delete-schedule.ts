/** Removes a report schedule and the reports it stored (audited, with what was removed). */
import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { isUuid } from '../../db/uuid.ts';
import { scheduleNotFound } from './schedule-store.ts';

export async function deleteSchedule(pool: Pool, ctx: { workspaceId: string; actor: Actor }, scheduleId: string): Promise<void> {
  if (!isUuid(scheduleId)) throw scheduleNotFound(scheduleId);
  await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ subject: string; subject_id: string; format: string; cadence: string; reports: number }>(
      `DELETE FROM report_schedules r WHERE workspace_id = $1 AND id = $2
       RETURNING subject, coalesce(strategy_id, campaign_id) AS subject_id, format, cadence,
                 (SELECT count(*)::int FROM reports WHERE schedule_id = r.id) AS reports`,
      [ctx.workspaceId, scheduleId],
    );
    const before = rows[0];
    if (!before) throw scheduleNotFound(scheduleId);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'report_schedule.delete',
      entityType: 'report_schedule',
      entityId: scheduleId,
      before: {
        subject: before.subject,
        id: before.subject_id,
        format: before.format,
        cadence: before.cadence,
        storedReports: before.reports,
      },
    });
  });
}
