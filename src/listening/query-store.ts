/** Reading saved queries: the row, its view, the checks every write makes. */
import type { Queryable } from '../db/pool.ts';
import { isUuid } from '../db/uuid.ts';
import { AppError, notFound } from '../errors.ts';
import { parseQuery, QuerySyntaxError } from './query/index.ts';
import type { QueryView } from './schema.ts';

interface Row {
  id: string;
  name: string;
  query: string;
  topic: string | null;
  role: QueryView['role'];
  strategy_id: string | null;
  needs_response: boolean;
  matches: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

export const SELECT_QUERY = `SELECT q.id, q.name, q.query, q.topic, q.role, q.strategy_id, q.needs_response,
       (SELECT count(*)::int FROM mention_matches mm WHERE mm.query_id = q.id) AS matches,
       q.created_at, q.updated_at, q.archived_at
  FROM listening_queries q`;

export const presentQuery = (r: Row): QueryView => ({
  id: r.id,
  name: r.name,
  query: r.query,
  topic: r.topic,
  role: r.role,
  strategy: r.strategy_id,
  needsResponse: r.needs_response,
  matches: r.matches,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  archivedAt: r.archived_at?.toISOString() ?? null,
});

/** The query (archived or not), or 404 `listening_query.not_found`. */
export async function loadQuery(q: Queryable, workspaceId: string, id: string, lock = false): Promise<QueryView> {
  if (!isUuid(id)) throw notFound('listening_query', id);
  const { rows } = await q.query<Row>(`${SELECT_QUERY} WHERE q.workspace_id = $1 AND q.id = $2${lock ? ' FOR UPDATE OF q' : ''}`, [
    workspaceId,
    id,
  ]);
  if (!rows[0]) throw notFound('listening_query', id);
  return presentQuery(rows[0]);
}

export async function listQueryRows(q: Queryable, workspaceId: string, archived: boolean): Promise<QueryView[]> {
  const { rows } = await q.query<Row>(
    `${SELECT_QUERY} WHERE q.workspace_id = $1 AND (q.archived_at IS NOT NULL) = $2 ORDER BY lower(q.name), q.id`,
    [workspaceId, archived],
  );
  return rows.map(presentQuery);
}

/** 422 `listening.query_syntax` (with `details.position`) when the query does not parse. */
export function requireParsable(query: string): void {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new AppError('listening.query_syntax', e.message, 422, { position: e.position });
    throw e;
  }
}

/** 404 `strategy.not_found` unless the strategy is the workspace's. */
export async function requireStrategy(q: Queryable, workspaceId: string, strategy: string | null | undefined): Promise<void> {
  if (strategy === null || strategy === undefined) return;
  const { rowCount } = await q.query(`SELECT 1 FROM strategies WHERE workspace_id = $1 AND id = $2`, [workspaceId, strategy]);
  if (!rowCount) throw notFound('strategy', strategy);
}

/** The unique index on active names, as a 409. */
export function nameTaken(e: unknown, name: string): unknown {
  const pg = e as { code?: string; constraint?: string };
  return pg.code === '23505' && pg.constraint === 'listening_queries_name'
    ? new AppError('listening.query_name_taken', `A query named "${name}" exists already in this workspace.`, 409, { name })
    : e;
}
