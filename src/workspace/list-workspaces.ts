import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/pool.ts';
import type { Role } from './policy.ts';
import { presentWorkspace, workspaceColumns, type WorkspaceRow } from './present.ts';
import type { WorkspaceWithRole } from './schema.ts';

/**
 * The workspaces the user is a member of, with their role in each, by name; for an API token scoped
 * to one workspace (`actor.scope`), only that one.
 */
export async function listWorkspaces(q: Queryable, actor: Pick<Actor, 'userId' | 'scope'>): Promise<WorkspaceWithRole[]> {
  const { rows } = await q.query<WorkspaceRow & { role: Role }>({
    // Named: /auth/me asks it on every call; planned once per connection.
    name: 'workspace.list',
    text: `SELECT ${workspaceColumns('w')}, m.role
             FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = $1 AND ($2::uuid IS NULL OR w.id = $2::uuid)
            ORDER BY lower(w.name), w.slug`,
    values: [actor.userId, actor.scope?.workspaceId ?? null],
  });
  return rows.map((r) => presentWorkspace(r, r.role));
}
