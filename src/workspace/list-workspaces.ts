import type { Queryable } from '../db/pool.ts';
import type { Role } from './policy.ts';
import { presentWorkspace, workspaceColumns, type WorkspaceRow } from './present.ts';
import type { WorkspaceWithRole } from './schema.ts';

/** The workspaces the user is a member of, with their role in each, by name. */
export async function listWorkspaces(q: Queryable, userId: string): Promise<WorkspaceWithRole[]> {
  const { rows } = await q.query<WorkspaceRow & { role: Role }>(
    `SELECT ${workspaceColumns('w')}, m.role
       FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
      WHERE m.user_id = $1
      ORDER BY lower(w.name), w.slug`,
    [userId],
  );
  return rows.map((r) => presentWorkspace(r, r.role));
}
