/**
 * The reports API's shapes: the single source of their types (the contract and the web app's client
 * import them). Dates are YYYY-MM-DD (UTC days).
 */
import { z } from 'zod';

export { campaignParams, strategyParams } from '../../plan-store/schema.ts';

export const REPORT_FORMATS = ['pdf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_SUBJECTS = ['strategy', 'campaign'] as const;
export type ReportSubject = (typeof REPORT_SUBJECTS)[number];
export const REPORT_CADENCES = ['weekly', 'monthly'] as const;
export const DELIVERY_STATUSES = ['none', 'pending', 'delivered', 'failed'] as const;

export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

const ref = z.string().min(1).max(200);

export const reportQuery = z.object({
  // Checked by the service (400 report.invalid_range), so every bad period answers one code.
  from: z.string().max(40).optional().meta({ description: 'First day (YYYY-MM-DD, UTC). Default: 89 days before `to`.' }),
  to: z.string().max(40).optional().meta({ description: 'Last day, included (YYYY-MM-DD, UTC). Default: today.' }),
});

/** A report file (PDF bytes or CSV text as bytes). */
export const reportFileBody = z.custom<Uint8Array>((v) => v instanceof Uint8Array).describe('The report file');

export const scheduleParams = z.object({ workspaceId: ref, scheduleId: ref });
export const reportParams = z.object({ workspaceId: ref, reportId: ref });

export const listSchedulesQuery = z.object({
  strategy: ref.optional().meta({ description: 'Only the schedules of this strategy (as the subject).' }),
  campaign: ref.optional().meta({ description: 'Only the schedules of this campaign.' }),
});

export const createScheduleBody = z.strictObject({
  subject: z.enum(REPORT_SUBJECTS),
  /** The strategy's or the campaign's id. */
  id: ref,
  format: z.enum(REPORT_FORMATS),
  cadence: z.enum(REPORT_CADENCES),
  webhookUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2048)
    .optional()
    .meta({ description: 'Each report is also POSTed here (signed JSON with the file in base64), through the outbound guard.' }),
});
export type CreateScheduleBody = z.infer<typeof createScheduleBody>;

export const storedReportSchema = z.object({
  id: z.uuid(),
  from: z.string(),
  to: z.string(),
  fileName: z.string(),
  format: z.enum(REPORT_FORMATS),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  delivery: z.object({
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    deliveredAt: z.string().nullable(),
    /** Why the last attempt failed, in Groundwork's words (never the receiver's answer). */
    error: z.string().nullable(),
  }),
});
export type StoredReportView = z.infer<typeof storedReportSchema>;

export const scheduleSchema = z.object({
  id: z.uuid(),
  subject: z.enum(REPORT_SUBJECTS),
  subjectId: z.string(),
  subjectName: z.string(),
  format: z.enum(REPORT_FORMATS),
  cadence: z.enum(REPORT_CADENCES),
  /** The webhook's host only: the full URL may carry a token. Null without a webhook. */
  webhookHost: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** The period the next report will cover. */
  nextPeriod: z.object({ from: z.string(), to: z.string() }),
  /** The stored reports, newest first (the last 12 are kept). */
  reports: z.array(storedReportSchema),
});
export type ScheduleView = z.infer<typeof scheduleSchema>;

export const scheduleListResponse = z.object({ schedules: z.array(scheduleSchema) });
export const scheduleCreatedResponse = z.object({
  schedule: scheduleSchema,
  /**
   * The secret the webhook's deliveries are signed with (`X-Groundwork-Signature`, as the webhook
   * connector signs). Shown once, now; null without a webhook.
   */
  webhookSecret: z.string().nullable(),
});
