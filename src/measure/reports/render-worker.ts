/**
 * The CPU-heavy half of a report, run in a worker thread (./render-pool.ts) so that drawing charts
 * (~0.3 s each: ECharts, then svg-to-pdfkit) never stalls the event loop of the web or worker role:
 * report content (plain data) in, file bytes out.
 */
import type { ReportContent } from './content.ts';
import { renderReportCsv } from './render-csv.ts';
import { renderReportPdf } from './render-pdf.ts';
import type { ReportFormat } from './schema.ts';

export interface RenderTask {
  content: ReportContent;
  format: ReportFormat;
}

export default async function render(task: RenderTask): Promise<Uint8Array> {
  return task.format === 'pdf' ? renderReportPdf(task.content) : renderReportCsv(task.content);
}
