import type { Queryable } from '../db/pool.ts';
import type { SourceView } from './schema.ts';
import { listSourceRows } from './source-store.ts';

/** The workspace's sources, oldest first, with their status, last error and how many mentions each brought. */
export async function listSources(q: Queryable, workspaceId: string): Promise<SourceView[]> {
  return listSourceRows(q, workspaceId);
}
