/** A report file for a strategy or a campaign over a period: its content, laid out as PDF or CSV in a worker thread. */
import type { Queryable } from '../../db/pool.ts';
import { loadCampaignReport } from './campaign-report.ts';
import type { ReportPeriod } from './period.ts';
import type { ReportRenderer } from './render-pool.ts';
import { REPORT_CONTENT_TYPES, type ReportFormat, type ReportSubject } from './schema.ts';
import { loadStrategyReport } from './strategy-report.ts';

export interface ReportFile {
  /** `<subject id>-report-<from>-to-<to>.<format>`: ids are slugs, so the name needs no escaping. */
  fileName: string;
  contentType: string;
  body: Buffer;
}

export async function buildReport(
  q: Queryable,
  renderer: Pick<ReportRenderer, 'render'>,
  workspaceId: string,
  subject: { type: ReportSubject; id: string },
  period: ReportPeriod,
  format: ReportFormat,
  now: Date = new Date(),
): Promise<ReportFile> {
  const content =
    subject.type === 'strategy'
      ? await loadStrategyReport(q, workspaceId, subject.id, period, now)
      : await loadCampaignReport(q, workspaceId, subject.id, period, now);
  const body = await renderer.render(content, format);
  return { fileName: `${subject.id}-report-${period.from}-to-${period.to}.${format}`, contentType: REPORT_CONTENT_TYPES[format], body };
}
