/** Reading report schedules and their stored reports as the API shows them. */
import type { Queryable } from '../../db/pool.ts';
import { AppError } from '../../errors.ts';
import { currentPeriod, lastCompletePeriod, type Cadence, type ReportPeriod } from './period.ts';
import type { ReportFormat, ReportSubject, ScheduleView, StoredReportView } from './schema.ts';

/** Reports kept per schedule: a year of monthly ones, a quarter of weekly ones. */
export const KEPT_PER_SCHEDULE = 12;

export interface ScheduleRow {
  id: string;
  workspace_id: string;
  subject: ReportSubject;
  strategy_id: string | null;
  campaign_id: string | null;
  subject_name: string | null;
  format: ReportFormat;
  cadence: Cadence;
  webhook_url: string | null;
  webhook_secret_enc: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export const SCHEDULE_SELECT = `
  SELECT r.id, r.workspace_id, r.subject, r.strategy_id, r.campaign_id, coalesce(s.name, c.name) AS subject_name,
         r.format, r.cadence, r.webhook_url, r.webhook_secret_enc, r.created_by, u.name AS created_by_name, r.created_at
    FROM report_schedules r
    LEFT JOIN strategies s ON s.workspace_id = r.workspace_id AND s.id = r.strategy_id
    LEFT JOIN campaigns c ON c.workspace_id = r.workspace_id AND c.id = r.campaign_id
    LEFT JOIN users u ON u.id = r.created_by`;

export const scheduleNotFound = (id: string): AppError =>
  new AppError('report.schedule_not_found', `No report schedule with id "${id}" in this workspace.`, 404, { id });

export const subjectIdOf = (r: Pick<ScheduleRow, 'strategy_id' | 'campaign_id'>): string => (r.strategy_id ?? r.campaign_id)!;

/** The period a schedule's next report covers on `today`: the last one ended unless stored already, else the one under way. */
export function nextPeriod(cadence: Cadence, latestStored: string | null, today: string): ReportPeriod {
  const last = lastCompletePeriod(cadence, today);
  return latestStored !== null && latestStored >= last.from ? currentPeriod(cadence, today) : last;
}

interface ReportRow {
  id: string;
  schedule_id: string;
  period_from: string;
  period_to: string;
  file_name: string;
  size_bytes: number;
  created_at: Date;
  delivery_status: StoredReportView['delivery']['status'];
  delivery_attempts: number;
  delivered_at: Date | null;
  delivery_error: string | null;
}

/** The schedules as the API shows them, each with its stored reports, newest first. */
export async function presentSchedules(q: Queryable, rows: readonly ScheduleRow[], today: string): Promise<ScheduleView[]> {
  if (rows.length === 0) return [];
  const { rows: reports } = await q.query<ReportRow>(
    `SELECT id, schedule_id, period_from, period_to, file_name, size_bytes, created_at,
            delivery_status, delivery_attempts, delivered_at, delivery_error
       FROM reports WHERE schedule_id = ANY($1::uuid[]) ORDER BY period_from DESC`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => {
    const own = reports.filter((x) => x.schedule_id === r.id);
    return {
      id: r.id,
      subject: r.subject,
      subjectId: subjectIdOf(r),
      subjectName: r.subject_name ?? subjectIdOf(r),
      format: r.format,
      cadence: r.cadence,
      webhookHost: r.webhook_url === null ? null : new URL(r.webhook_url).host,
      createdBy: r.created_by_name,
      createdAt: r.created_at.toISOString(),
      nextPeriod: nextPeriod(r.cadence, own[0]?.period_from ?? null, today),
      reports: own.map((x) => ({
        id: x.id,
        from: x.period_from,
        to: x.period_to,
        fileName: x.file_name,
        format: r.format,
        sizeBytes: x.size_bytes,
        createdAt: x.created_at.toISOString(),
        delivery: {
          status: x.delivery_status,
          attempts: x.delivery_attempts,
          deliveredAt: x.delivered_at?.toISOString() ?? null,
          error: x.delivery_error,
        },
      })),
    };
  });
}
