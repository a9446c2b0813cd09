/**
 * The scheduled-reports job (worker role, a pg-boss cron every 15 minutes; ./job.ts):
 *
 * 1. Every schedule whose last whole period (week Monday–Sunday or calendar month, UTC) has no
 *    stored report gets one: built, stored with `INSERT … ON CONFLICT (schedule_id, period_from)
 *    DO NOTHING`, so two runs — one after the other or at once — store it once. The oldest beyond
 *    the last 12 of the schedule are removed; both are in the audit log (actor `system`).
 * 2. Stored reports waiting for their webhook are claimed (a 10-minute lease, so two workers never
 *    send one at once) and POSTed. A failure leaves the report stored and tries again after 15 min,
 *    1 h, 4 h, 16 h; after the fifth failure the delivery is `failed` and whoever set the schedule up
 *    is notified (the owners when that person is gone).
 *
 * The database rows, not the queue, say what is due: a lost or repeated job changes nothing.
 */
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { notifyReportDeliveryFailed } from './notify-delivery-failed.ts';
import { buildReport } from './build-report.ts';
import { deliverReport } from './deliver-report.ts';
import { isoDay, lastCompletePeriod } from './period.ts';
import { KEPT_PER_SCHEDULE, SCHEDULE_SELECT, subjectIdOf, type ScheduleRow } from './schedule-store.ts';
import type { ReportRenderer } from './render-pool.ts';
import { openWebhookSecret } from './webhook-secret.ts';

/** The largest report stored (the table's limit). */
export const MAX_REPORT_BYTES = 20_000_000;
/** Deliveries tried before giving up. */
export const MAX_DELIVERY_ATTEMPTS = 5;
const RETRY_MINUTES = [15, 60, 240, 960];
const LEASE_MINUTES = 10;
const DELIVERIES_PER_RUN = 20;

export interface ReportRunOptions {
  /** The guarded outbound fetch (src/outbound/client.ts) with the process's OUTBOUND_ALLOW. */
  fetch: typeof globalThis.fetch;
  /** Lays reports out off the event loop (./render-pool.ts). */
  renderer: Pick<ReportRenderer, 'render'>;
  now?: Date;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface ReportRunResult {
  generated: number;
  delivered: number;
  /** Deliveries that failed and will be tried again. */
  retrying: number;
  /** Deliveries given up on (notified). */
  failed: number;
  errors: number;
}

export async function runReportSchedules(pool: Pool, options: ReportRunOptions): Promise<ReportRunResult> {
  const now = options.now ?? new Date();
  const result: ReportRunResult = { generated: 0, delivered: 0, retrying: 0, failed: 0, errors: 0 };
  await generateDue(pool, options.renderer, now, result, options.log);
  await deliverPending(pool, now, options.fetch, result, options.log);
  return result;
}

async function generateDue(
  pool: Pool,
  renderer: ReportRunOptions['renderer'],
  now: Date,
  result: ReportRunResult,
  log: ReportRunOptions['log'],
): Promise<void> {
  const today = isoDay(now);
  const weekly = lastCompletePeriod('weekly', today);
  const monthly = lastCompletePeriod('monthly', today);
  const { rows } = await pool.query<ScheduleRow>(
    `${SCHEDULE_SELECT}
      WHERE NOT EXISTS (SELECT 1 FROM reports x WHERE x.schedule_id = r.id
                           AND x.period_from = CASE r.cadence WHEN 'weekly' THEN $1::date ELSE $2::date END)
      ORDER BY r.created_at`,
    [weekly.from, monthly.from],
  );
  for (const s of rows) {
    const period = s.cadence === 'weekly' ? weekly : monthly;
    try {
      const file = await buildReport(pool, renderer, s.workspace_id, { type: s.subject, id: subjectIdOf(s) }, period, s.format, now);
      if (file.body.length > MAX_REPORT_BYTES) throw new Error(`the report is ${file.body.length} bytes, above ${MAX_REPORT_BYTES}`);
      const stored = await withTransaction(pool, async (tx) => {
        const inserted = await tx.query<{ id: string }>(
          `INSERT INTO reports (workspace_id, schedule_id, period_from, period_to, file_name, content_type, size_bytes, content,
                                created_at, delivery_status, next_delivery_at)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10 THEN 'pending' ELSE 'none' END, CASE WHEN $10 THEN $9::timestamptz END
           ON CONFLICT (schedule_id, period_from) DO NOTHING RETURNING id`,
          [
            s.workspace_id,
            s.id,
            period.from,
            period.to,
            file.fileName,
            file.contentType,
            file.body.length,
            file.body,
            now,
            s.webhook_url !== null,
          ],
        );
        const id = inserted.rows[0]?.id;
        if (id === undefined) return false; // another run stored it first
        const pruned = await tx.query<{ period_from: string }>(
          `DELETE FROM reports WHERE schedule_id = $1 AND id NOT IN
             (SELECT id FROM reports WHERE schedule_id = $1 ORDER BY period_from DESC LIMIT $2)
           RETURNING period_from`,
          [s.id, KEPT_PER_SCHEDULE],
        );
        await recordAudit(tx, {
          workspaceId: s.workspace_id,
          actor: null,
          action: 'report.generate',
          entityType: 'report',
          entityId: id,
          after: {
            schedule: s.id,
            from: period.from,
            to: period.to,
            fileName: file.fileName,
            sizeBytes: file.body.length,
            removedOlder: pruned.rows.map((p) => p.period_from),
          },
        });
        return true;
      });
      if (stored) result.generated++;
    } catch (e) {
      // A schedule whose report cannot be made (its plan no longer loads…) must not stop the others; the next run tries again.
      result.errors++;
      log?.error(`report schedule ${s.id}: ${(e as Error).message}`);
    }
  }
}

interface Claimed {
  id: string;
  workspace_id: string;
  schedule_id: string;
  period_from: string;
  period_to: string;
  file_name: string;
  content_type: string;
  content: Buffer;
  delivery_attempts: number;
  webhook_url: string;
  webhook_secret_enc: string;
  subject: string;
  subject_id: string;
  subject_name: string | null;
  cadence: string;
  created_by: string | null;
}

async function deliverPending(
  pool: Pool,
  now: Date,
  fetch: typeof globalThis.fetch,
  result: ReportRunResult,
  log: ReportRunOptions['log'],
): Promise<void> {
  const { rows } = await pool.query<Claimed>(
    `WITH claimed AS (
       UPDATE reports SET delivery_attempts = delivery_attempts + 1, next_delivery_at = $1::timestamptz + $2::int * interval '1 minute'
        WHERE id IN (SELECT id FROM reports WHERE delivery_status = 'pending' AND next_delivery_at <= $1
                      ORDER BY next_delivery_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, workspace_id, schedule_id, period_from, period_to, file_name, content_type, content, delivery_attempts)
     SELECT c.*, s.webhook_url, s.webhook_secret_enc, s.subject, coalesce(s.strategy_id, s.campaign_id) AS subject_id,
            coalesce(st.name, ca.name) AS subject_name, s.cadence, s.created_by
       FROM claimed c JOIN report_schedules s ON s.id = c.schedule_id
       LEFT JOIN strategies st ON st.workspace_id = s.workspace_id AND st.id = s.strategy_id
       LEFT JOIN campaigns ca ON ca.workspace_id = s.workspace_id AND ca.id = s.campaign_id`,
    [now, LEASE_MINUTES, DELIVERIES_PER_RUN],
  );
  for (const r of rows) {
    let error: string | null;
    try {
      error = await deliverReport(fetch, {
        reportId: r.id,
        url: r.webhook_url,
        secret: openWebhookSecret(r.schedule_id, r.webhook_secret_enc),
        subject: { type: r.subject, id: r.subject_id, name: r.subject_name ?? r.subject_id },
        cadence: r.cadence,
        period: { from: r.period_from, to: r.period_to },
        fileName: r.file_name,
        contentType: r.content_type,
        content: r.content,
      });
    } catch (e) {
      // The secret cannot be opened (a lost key): nothing to sign with, so it counts as a failed attempt.
      error = `The delivery could not be prepared: ${(e as Error).message}`;
    }
    if (error === null) {
      await pool.query(
        `UPDATE reports SET delivery_status = 'delivered', delivered_at = $2, next_delivery_at = NULL, delivery_error = NULL WHERE id = $1`,
        [r.id, now],
      );
      result.delivered++;
      continue;
    }
    log?.warn(`report ${r.id}: delivery attempt ${r.delivery_attempts} failed: ${error}`);
    if (r.delivery_attempts < MAX_DELIVERY_ATTEMPTS) {
      const wait = RETRY_MINUTES[r.delivery_attempts - 1] ?? RETRY_MINUTES[RETRY_MINUTES.length - 1]!;
      await pool.query(
        `UPDATE reports SET delivery_error = $2, next_delivery_at = $3::timestamptz + $4::int * interval '1 minute' WHERE id = $1`,
        [r.id, error, now, wait],
      );
      result.retrying++;
      continue;
    }
    await withTransaction(pool, async (tx) => {
      await tx.query(`UPDATE reports SET delivery_status = 'failed', delivery_error = $2, next_delivery_at = NULL WHERE id = $1`, [
        r.id,
        error,
      ]);
      await notifyReportDeliveryFailed(tx, {
        workspaceId: r.workspace_id,
        scheduleId: r.schedule_id,
        userId: r.created_by,
        message:
          `The ${r.cadence} report of ${r.subject_name ?? r.subject_id} for ${r.period_from} – ${r.period_to} could not be delivered to ` +
          `${new URL(r.webhook_url).host} after ${r.delivery_attempts} attempts: ${error} The report is stored: download it from the ${r.subject} page.`,
      });
    });
    result.failed++;
  }
}
