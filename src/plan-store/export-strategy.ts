import type { Queryable } from '../db/pool.ts';
import { exportPlanMarkdown } from '../plan/export/markdown.ts';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { lintDocuments } from '../plan/lint.ts';
import { getStrategy, listCampaignsOf } from './store.ts';

export const EXPORT_FORMATS = ['yaml', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: string;
}

/** A strategy with all of its campaigns, as plan-as-code YAML or as a Markdown master document. */
export async function exportStrategy(q: Queryable, workspaceId: string, id: string, format: ExportFormat): Promise<ExportedFile> {
  const strategy = (await getStrategy(q, workspaceId, id)).doc;
  const campaigns = (await listCampaignsOf(q, workspaceId, id)).map((c) => c.doc);
  if (format === 'yaml') {
    return { filename: `${id}.yaml`, contentType: 'application/yaml; charset=utf-8', body: exportPlanYaml(strategy, campaigns) };
  }
  const lint = lintDocuments([strategy, ...campaigns]);
  return { filename: `${id}.md`, contentType: 'text/markdown; charset=utf-8', body: exportPlanMarkdown(strategy, campaigns, lint.findings) };
}
