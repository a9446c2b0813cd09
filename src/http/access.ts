/**
 * The route contract for access: every route declares who may call it as `config.access`, the one
 * place that the enforcement hook, the OpenAPI document (`x-groundwork-access`) and the
 * authorization matrix test (src/http/access-matrix.db.test.ts) all read. A route without a
 * declaration fails at startup.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import { authorize, type AuthorizedWorkspace } from '../workspace/authorize.ts';
import { PERMISSIONS, type Permission } from '../workspace/policy.ts';

/** Any of these permissions lets the caller in; the handler checks which one the request needs (e.g. by its body). */
type AnyOf = readonly [Permission, Permission, ...Permission[]];

export type Access =
  /** No account needed: sign-up, sign-in, lint, an invitation's preview, the calendar feed by its secret. */
  | 'public'
  /** Any signed-in caller, session or API token; not about one workspace. */
  | 'signed-in'
  /**
   * A person signed in with a session, never an API token: account-wide changes (tokens, password,
   * workspaces, joining one). A token acts in its one workspace only, and a token that could mint
   * tokens would outlive its own revocation.
   */
  | 'session'
  /** A workspace-scoped route (`/workspaces/:workspaceId/…`): the caller's role there must grant it. */
  | Permission
  | AnyOf;

/** The OpenAPI operation's vendor extension that carries the declaration. */
export const ACCESS_EXTENSION = 'x-groundwork-access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required of every route (checked at startup). */
    access?: Access;
  }
  interface FastifyRequest {
    /**
     * The workspace and the caller's role there, as the access hook authorized them. Only on routes
     * that declare a permission; reading it elsewhere is a programming error.
     */
    readonly authorized: AuthorizedWorkspace;
  }
}

const isPermission = (access: unknown): access is Permission => typeof access === 'string' && Object.hasOwn(PERMISSIONS, access);
const isAnyOf = (access: unknown): access is AnyOf => Array.isArray(access) && access.length >= 2 && access.every(isPermission);
const ACCOUNT_LEVELS: ReadonlySet<unknown> = new Set(['public', 'signed-in', 'session']);
export const isWorkspaceScoped = (access: Access): access is Permission | AnyOf => !ACCOUNT_LEVELS.has(access);

/** Human form, for the OpenAPI summary and the rendered matrix: `plan.write`, `content.write or content.approve`. */
export const describePermissions = (access: Permission | AnyOf): string => (typeof access === 'string' ? access : access.join(' or '));

/**
 * onRoute hook: refuses, at startup, a route that declares no access or declares it inconsistently
 * with its path — a permission needs `:workspaceId` to be checked against, and a route under a
 * workspace must ask for a permission (otherwise any signed-in user would reach every workspace).
 */
export function requireAccessDeclaration(route: RouteOptions): void {
  const access: unknown = route.config?.access;
  const name = `${String(route.method)} ${route.url}`;
  if (access === undefined) throw new Error(`${name} declares no access: add config.access ('public', 'signed-in', 'session' or a permission of src/workspace/policy.ts).`);
  const scoped = isPermission(access) || isAnyOf(access);
  if (!scoped && !ACCOUNT_LEVELS.has(access)) throw new Error(`${name} declares unknown access ${JSON.stringify(access)}.`);
  const underWorkspace = route.url.includes('/:workspaceId');
  if (scoped && !underWorkspace) throw new Error(`${name} declares the permission ${JSON.stringify(access)} but has no :workspaceId to check it in.`);
  if (!scoped && underWorkspace) throw new Error(`${name} is under a workspace but declares "${String(access)}": declare the permission it needs.`);
}

const authorizedOf = new WeakMap<FastifyRequest, AuthorizedWorkspace>();

/** Getter of `request.authorized` (decorateRequest). */
export function authorizedWorkspace(this: FastifyRequest): AuthorizedWorkspace {
  const found = authorizedOf.get(this);
  if (!found) throw new Error(`${this.method} ${this.routeOptions.url} reads request.authorized but declares no workspace permission.`);
  return found;
}

/**
 * preValidation hook: decides access before the body is validated, so a caller who may not use a
 * route learns nothing from its validation errors (and gets 401/403/404 whatever they send). An API
 * token on a 'session' route: 403 `auth.session_required`.
 * `authorize` stays the one gate for workspace routes: 401 `auth.required`, 404 `workspace.not_found`,
 * 403 `auth.forbidden` or `auth.token_read_only`.
 */
export async function enforceAccess(request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access;
  // No route matched (the not-found handler), or the Swagger UI's pages: public.
  if (access === undefined || access === 'public') return;
  const actor = requireActor(request.actor);
  if (access === 'session' && actor.via !== 'session') {
    throw new AppError('auth.session_required', 'Only a signed-in person can do this, not an API token: a token acts in its one workspace only.', 403);
  }
  if (!isWorkspaceScoped(access)) return;
  const { workspaceId } = request.params as { workspaceId: string };
  authorizedOf.set(request, await authorize(request.server.deps.pool, actor, workspaceId, access));
}

type Transform = typeof jsonSchemaTransform;

const SESSION_ONLY = 'Needs a signed-in session: an API token answers 403 `auth.session_required`.';

/**
 * Wraps the OpenAPI transform: each operation carries its declaration as `x-groundwork-access`; a
 * workspace route's summary ends with its permission in parentheses, a public one needs no security,
 * a session-only one says so — all derived from the declaration, so the document cannot drift from
 * what is enforced.
 */
export function withAccess(transform: Transform): Transform {
  return (input) => {
    const result = transform(input);
    const access = input.route.config?.access;
    if (access === undefined) return result;
    const schema: Record<string, unknown> = { ...result.schema, [ACCESS_EXTENSION]: access };
    if (access === 'public') schema.security = [];
    if (access === 'session') schema.description = [schema.description, SESSION_ONLY].filter(Boolean).join(' ');
    if (isWorkspaceScoped(access) && typeof schema.summary === 'string') schema.summary = `${schema.summary} (${describePermissions(access)})`;
    return { ...result, schema };
  };
}
