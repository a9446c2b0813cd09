import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { workspaceNotFound, type AuthorizedWorkspace } from './authorize.ts';
import { presentWorkspace } from './present.ts';
import type { WorkspaceWithRole } from './schema.ts';

/** Renames the workspace (its slug stays, so links keep working). Same name → no change, no audit entry. */
export async function renameWorkspace(pool: Pool, actor: Actor, target: AuthorizedWorkspace, name: string): Promise<WorkspaceWithRole> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; slug: string; name: string }>(
      'SELECT id, slug, name FROM workspaces WHERE id = $1 FOR UPDATE',
      [target.workspace.id],
    );
    const before = rows[0];
    if (!before) throw workspaceNotFound(target.workspace.slug);
    if (before.name === name) return presentWorkspace(before, target.role);
    await tx.query('UPDATE workspaces SET name = $2 WHERE id = $1', [before.id, name]);
    await recordAudit(tx, {
      workspaceId: before.id,
      actor,
      action: 'workspace.rename',
      entityType: 'workspace',
      entityId: before.id,
      before: { name: before.name },
      after: { name },
    });
    return presentWorkspace({ ...before, name }, target.role);
  });
}
