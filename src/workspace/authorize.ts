/**
 * The one gate for workspace-scoped routes: who is calling, is the workspace theirs, and does their
 * role grant the permission. Every domain's routes call it before touching workspace data.
 */
import type { Actor, TokenScope } from '../auth/actor.ts';
import { requireActor } from '../auth/actor.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { can, isReadPermission, type Permission, type Role } from './policy.ts';
import { isUuid } from '../db/uuid.ts';
import { SLUG_RE } from './schema.ts';

export interface AuthorizedWorkspace {
  workspace: { id: string; slug: string; name: string };
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The workspace and the caller's role there, as the access hook authorized them with `authorize`
     * (src/http/access.ts). Only on routes that declare a permission; reading it elsewhere is a
     * programming error.
     */
    readonly authorized: AuthorizedWorkspace;
  }
}

export const workspaceNotFound = (ref: string): AppError =>
  new AppError('workspace.not_found', `No workspace "${ref}" that you are a member of.`, 404, { workspace: ref });

/** `permission`: the one needed, or those of which any would do (details name the first). */
export const forbidden = (permission: Permission | readonly Permission[], role: Role): AppError => {
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return new AppError('auth.forbidden', `Your role in this workspace (${role}) does not allow ${wanted.join(' or ')}.`, 403, {
    permission: wanted[0],
    role,
  });
};

/**
 * `workspaceRef` is the workspace's uuid or its slug. One query, none for an API token (its membership
 * was read with it, auth/authenticate.ts).
 * - no actor → 401 `auth.required`
 * - no such workspace, or the actor is not a member → 404 `workspace.not_found` (the two are
 *   indistinguishable on purpose: nobody learns which workspaces exist)
 * - member whose role lacks `permission` → 403 `auth.forbidden`, details `{ permission, role }`
 * - a read-only API token, for a permission that changes things → 403 `auth.token_read_only`
 * `permission` may be a list: any of them lets the caller in (the route checks which one it needs).
 */
export async function authorize(
  pool: Queryable,
  actor: Actor | null,
  workspaceRef: string,
  permission: Permission | readonly Permission[],
): Promise<AuthorizedWorkspace> {
  const { userId, scope } = requireActor(actor);
  // Check the shape first: a malformed uuid given to Postgres is an error, not an empty result.
  const byId = isUuid(workspaceRef);
  const slug = workspaceRef.toLowerCase();
  if (!byId && !SLUG_RE.test(slug)) throw workspaceNotFound(workspaceRef);

  const row = scope?.membership !== undefined ? scopedMembership(scope, slug) : await membership(pool, userId, byId, workspaceRef, slug);
  // A token scoped to another workspace sees this one as it would an unknown one.
  if (!row || (scope && scope.workspaceId !== row.id)) throw workspaceNotFound(workspaceRef);
  const granted = (typeof permission === 'string' ? [permission] : permission).filter((p) => can(row.role, p));
  if (granted.length === 0) throw forbidden(permission, row.role);
  if (scope?.access === 'read' && !granted.some(isReadPermission)) {
    throw new AppError(
      'auth.token_read_only',
      `This API token may only read in this workspace; "${granted[0]}" changes things. Use a token with write access.`,
      403,
      { permission: granted[0] },
    );
  }
  return { workspace: { id: row.id, slug: row.slug, name: row.name }, role: row.role };
}

type MembershipRow = { id: string; slug: string; name: string; role: Role };

async function membership(pool: Queryable, userId: string, byId: boolean, ref: string, slug: string): Promise<MembershipRow | undefined> {
  const { rows } = await pool.query<MembershipRow>({
    // Named (planned once per connection): one statement for each way of naming the workspace.
    name: byId ? 'authorize.by-id' : 'authorize.by-slug',
    text: `SELECT w.id, w.slug, w.name, m.role
             FROM workspaces w
             JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $2
            WHERE ${byId ? 'w.id = $1::uuid' : 'w.slug = $1'}`,
    values: [byId ? ref : slug, userId],
  });
  return rows[0];
}

/** A token's membership as read with the token (auth/authenticate.ts), when `ref` (lower case) names its workspace. */
function scopedMembership(scope: TokenScope, ref: string): MembershipRow | undefined {
  const { membership } = scope;
  if (!membership || (ref !== scope.workspaceId && ref !== membership.slug)) return undefined;
  return { id: scope.workspaceId, slug: membership.slug, name: membership.name, role: membership.role as Role };
}
