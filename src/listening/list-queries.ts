import type { Queryable } from '../db/pool.ts';
import { listQueryRows } from './query-store.ts';
import type { QueryView } from './schema.ts';

/** The workspace's active (or archived) queries, by name, with their all-time match counts. */
export async function listQueries(q: Queryable, workspaceId: string, archived: boolean): Promise<QueryView[]> {
  return listQueryRows(q, workspaceId, archived);
}
