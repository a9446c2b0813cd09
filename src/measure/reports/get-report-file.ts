/** A stored report's file, for download; another workspace's or an unknown id answers 404. */
import type { Queryable } from '../../db/pool.ts';
import { isUuid } from '../../db/uuid.ts';
import { notFound } from '../../errors.ts';
import type { ReportFile } from './build-report.ts';

export async function getReportFile(q: Queryable, workspaceId: string, reportId: string): Promise<ReportFile> {
  if (!isUuid(reportId)) throw notFound('report', reportId);
  const { rows } = await q.query<{ file_name: string; content_type: string; content: Buffer }>(
    'SELECT file_name, content_type, content FROM reports WHERE workspace_id = $1 AND id = $2',
    [workspaceId, reportId],
  );
  const row = rows[0];
  if (!row) throw notFound('report', reportId);
  return { fileName: row.file_name, contentType: row.content_type, body: row.content };
}
