/** Reading listening sources as the API shows them, and checking a kind's config. */
import type { Queryable } from '../db/pool.ts';
import { isUuid } from '../db/uuid.ts';
import { AppError, notFound } from '../errors.ts';
import { SOURCE_CONFIG, type SourceKind, type SourceView } from './schema.ts';

interface Row {
  id: string;
  kind: SourceKind;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  status: SourceView['status'];
  last_error: string | null;
  last_run_at: Date | null;
  cursor: string | null;
  mentions: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT_SOURCE = `SELECT s.id, s.kind, s.name, s.config, s.enabled, s.status, s.last_error, s.last_run_at, s.cursor,
       (SELECT count(*)::int FROM mentions m WHERE m.source_id = s.id) AS mentions, s.created_at, s.updated_at
  FROM listening_sources s`;

const present = (r: Row): SourceView => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  config: r.config,
  enabled: r.enabled,
  status: r.status,
  lastError: r.last_error,
  lastRunAt: r.last_run_at?.toISOString() ?? null,
  cursor: r.cursor,
  mentions: r.mentions,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The source, or 404 `listening_source.not_found` (imports have no source row of their own to show). */
export async function loadSource(q: Queryable, workspaceId: string, id: string, lock = false): Promise<SourceView> {
  if (!isUuid(id)) throw notFound('listening_source', id);
  const { rows } = await q.query<Row>(
    `${SELECT_SOURCE} WHERE s.workspace_id = $1 AND s.id = $2 AND s.kind <> 'import'${lock ? ' FOR UPDATE OF s' : ''}`,
    [workspaceId, id],
  );
  if (!rows[0]) throw notFound('listening_source', id);
  return present(rows[0]);
}

export async function listSourceRows(q: Queryable, workspaceId: string): Promise<SourceView[]> {
  const { rows } = await q.query<Row>(`${SELECT_SOURCE} WHERE s.workspace_id = $1 AND s.kind <> 'import' ORDER BY s.created_at, s.id`, [
    workspaceId,
  ]);
  return rows.map(present);
}

/** A kind's config, checked: 400 `listening.invalid_source_config` with the issues. */
export function parseSourceConfig(kind: SourceKind, config: unknown): Record<string, unknown> {
  const parsed = SOURCE_CONFIG[kind].safeParse(config);
  if (!parsed.success) {
    throw new AppError('listening.invalid_source_config', `The ${kind} source's config is not valid.`, 400, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
