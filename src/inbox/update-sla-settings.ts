/**
 * The workspace's SLA: the first-response target and business hours. Items still waiting for a first
 * response get their due time computed again under the new rules (in pages, bounded per page).
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { normalizeTimezone } from '../workspace/timezone.ts';
import type { InboxContext } from './context.ts';
import { dueAt } from '../measure/business-hours.ts';
import type { SlaSettings } from './sla.ts';
import { loadSlaSettings } from './sla-settings.ts';

const PAGE = 1000;

export async function updateSlaSettings(pool: Pool, ctx: InboxContext, input: SlaSettings): Promise<{ settings: SlaSettings }> {
  let settings = input;
  if (input.businessHours) {
    const timezone = normalizeTimezone(input.businessHours.timezone);
    if (timezone === null)
      throw new AppError(
        'inbox.invalid_timezone',
        `"${input.businessHours.timezone}" is not an IANA time zone (such as Europe/Berlin).`,
        400,
        {
          path: '/businessHours/timezone',
        },
      );
    settings = { ...input, businessHours: { ...input.businessHours, timezone } };
  }
  await withTransaction(pool, async (tx) => {
    const before = await loadSlaSettings(tx, ctx.workspaceId);
    await tx.query(
      `INSERT INTO inbox_settings (workspace_id, first_response_minutes, business_hours, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (workspace_id) DO UPDATE SET first_response_minutes = excluded.first_response_minutes,
         business_hours = excluded.business_hours, updated_at = now()`,
      [ctx.workspaceId, settings.firstResponseMinutes, settings.businessHours === null ? null : JSON.stringify(settings.businessHours)],
    );
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const { rows } = await tx.query<{ id: string; received_at: Date }>(
        `SELECT id, received_at FROM inbox_items WHERE workspace_id = $1 AND first_response_at IS NULL AND status <> 'closed' AND id > $2
          ORDER BY id LIMIT ${PAGE}`,
        [ctx.workspaceId, after],
      );
      if (rows.length === 0) break;
      await tx.query(`UPDATE inbox_items i SET due_at = d.due FROM unnest($1::uuid[], $2::timestamptz[]) AS d(id, due) WHERE i.id = d.id`, [
        rows.map((r) => r.id),
        rows.map((r) => dueAt(r.received_at, settings.firstResponseMinutes, settings.businessHours)),
      ]);
      after = rows[rows.length - 1]!.id;
    }
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'inbox.sla_update',
      entityType: 'workspace',
      entityId: ctx.workspaceId,
      before,
      after: settings,
    });
  });
  return { settings };
}
