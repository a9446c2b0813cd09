import { permissionsOf, type Role } from './policy.ts';
import type { WorkspaceWithRole } from './schema.ts';

/** A workspace as its member sees it: with their role and what that role may do. */
export const presentWorkspace = (ws: { id: string; slug: string; name: string }, role: Role): WorkspaceWithRole => ({
  id: ws.id,
  slug: ws.slug,
  name: ws.name,
  role,
  permissions: permissionsOf(role),
});
