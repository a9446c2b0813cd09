/** Reading uploads: one workspace's only (another workspace's id, or a malformed one, is the same 404). */
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { isUuid } from '../db/uuid.ts';
import type { MediaFileView } from './schema.ts';

export interface MediaRow {
  id: string;
  workspace_id: string;
  uploaded_by: string | null;
  kind: 'image' | 'video';
  mime_type: string;
  size_bytes: string;
  width: number | null;
  height: number | null;
  sha256: string;
  file_name: string;
  storage_key: string;
  thumbnail_key: string | null;
  created_at: Date;
}

export const mediaNotFound = (id: string): AppError =>
  new AppError('media.not_found', `No uploaded file with id "${id}" in this workspace.`, 404, { id });

export async function findMedia(q: Queryable, workspaceId: string, mediaId: string): Promise<MediaRow> {
  if (!isUuid(mediaId)) throw mediaNotFound(mediaId);
  const { rows } = await q.query<MediaRow>('SELECT * FROM media WHERE workspace_id = $1 AND id = $2', [workspaceId, mediaId]);
  if (!rows[0]) throw mediaNotFound(mediaId);
  return rows[0];
}

/** What the networks' media rules need of an upload (the shape of publishing's MediaInfo). */
export interface MediaFacts {
  kind: 'image' | 'video';
  mimeType: string;
  sizeBytes: number;
}

/** Type and size of the given uploads of a workspace, by id (ids of other workspaces are left out). */
export async function findMediaInfo(q: Queryable, workspaceId: string, ids: readonly string[]): Promise<Map<string, MediaFacts>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (wanted.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; kind: 'image' | 'video'; mime_type: string; size_bytes: string }>(
    'SELECT id, kind, mime_type, size_bytes FROM media WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
    [workspaceId, wanted],
  );
  return new Map(rows.map((r) => [r.id, { kind: r.kind, mimeType: r.mime_type, sizeBytes: Number(r.size_bytes) }]));
}

export function presentMedia(row: MediaRow): MediaFileView {
  const base = `/api/v1/workspaces/${row.workspace_id}/media/${row.id}`;
  return {
    id: row.id,
    kind: row.kind,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    fileName: row.file_name,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
    contentUrl: `${base}/content`,
    thumbnailUrl: row.thumbnail_key ? `${base}/thumbnail` : null,
  };
}
