import type { Queryable } from '../db/pool.ts';
import { exportPlanMarkdown } from '../plan/export/markdown.ts';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { lintDocuments } from '../plan/lint.ts';
import { EXPORT_CONTENT_TYPES, type ExportFormat } from './schema.ts';
import { getStrategy, listCampaignsOf } from './store.ts';

export type { ExportFormat } from './schema.ts';

export interface ExportedFile {
  filename: string;
  contentType: string;
  /** Text for yaml and md, bytes for pdf and docx. */
  body: string | Buffer;
}

/**
 * A strategy with all of its campaigns: plan-as-code YAML, or the master document (a proposal for
 * people who do not read YAML) as Markdown, PDF or DOCX.
 */
export async function exportStrategy(q: Queryable, workspaceId: string, id: string, format: ExportFormat): Promise<ExportedFile> {
  const strategy = (await getStrategy(q, workspaceId, id)).doc;
  const campaigns = (await listCampaignsOf(q, workspaceId, id)).map((c) => c.doc);
  const file = (body: string | Buffer): ExportedFile => ({ filename: `${id}.${format}`, contentType: EXPORT_CONTENT_TYPES[format], body });
  if (format === 'yaml') return file(exportPlanYaml(strategy, campaigns));
  const { findings } = lintDocuments([strategy, ...campaigns]);
  switch (format) {
    case 'md':
      return file(exportPlanMarkdown(strategy, campaigns, findings));
    // pdfkit and docx are loaded on first use: most processes (CLI lint, API reads) never need them.
    case 'pdf': {
      const { exportPlanPdf } = await import('../plan/export/pdf.ts');
      return file(await exportPlanPdf(strategy, campaigns, findings));
    }
    case 'docx': {
      const { exportPlanDocx } = await import('../plan/export/docx.ts');
      return file(await exportPlanDocx(strategy, campaigns, findings));
    }
  }
}
