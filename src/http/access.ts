/**
 * Access, enforced: every route declares who may call it as `config.access` (from its contract entry,
 * src/http/contract.ts), the one place that the enforcement hook, the OpenAPI document
 * (`x-groundwork-access`) and the authorization matrix test (src/http/access-matrix.db.test.ts) all
 * read. A route without a declaration fails at startup.
 *
 * Who the caller is and what their role allows are the auth and workspace features' answers: the
 * composition root hands them in (AccessGate), so this kit imports no feature.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { ACCESS_EXTENSION, ACCOUNT_LEVELS, describePermissions, isWorkspaceScoped, type AnyOf, type Permission } from './contract.ts';

export { ACCESS_EXTENSION, describePermissions, isWorkspaceScoped, type Access, type AnyOf } from './contract.ts';

/** What the access hooks ask the features that know users and workspaces. */
export interface AccessGate<Authorized> {
  /** Every permission a route may declare (src/workspace/policy.ts). */
  permissions: ReadonlySet<string>;
  /** The signed-in caller and how they signed in; throws 401 `auth.required` when nobody is. */
  caller(request: FastifyRequest): { via: 'session' | 'token' };
  /**
   * The one gate for workspace routes (src/workspace/authorize.ts): 401 `auth.required`, 404
   * `workspace.not_found`, 403 `auth.forbidden` or `auth.token_read_only`; what it resolves to is
   * `request.authorized`.
   */
  authorize(request: FastifyRequest, workspaceRef: string, access: Permission | AnyOf): Promise<Authorized>;
}

export interface AccessHooks<Authorized> {
  /**
   * onRoute hook: refuses, at startup, a route that declares no access or declares it inconsistently
   * with its path — a permission needs `:workspaceId` to be checked against, and a route under a
   * workspace must ask for a permission (otherwise any signed-in user would reach every workspace).
   */
  requireAccessDeclaration(route: RouteOptions): void;
  /**
   * preValidation hook: decides access before the body is validated, so a caller who may not use a
   * route learns nothing from its validation errors (and gets 401/403/404 whatever they send). An API
   * token on a 'session' route: 403 `auth.session_required`.
   */
  enforceAccess(request: FastifyRequest): Promise<void>;
  /** Getter of `request.authorized` (decorateRequest): the workspace and role the hook authorized. */
  authorizedWorkspace(this: FastifyRequest): Authorized;
}

export function accessHooks<Authorized>(gate: AccessGate<Authorized>): AccessHooks<Authorized> {
  const isPermission = (access: unknown): access is Permission => typeof access === 'string' && gate.permissions.has(access);
  const isAnyOf = (access: unknown): access is AnyOf => Array.isArray(access) && access.length >= 2 && access.every(isPermission);
  const authorizedOf = new WeakMap<FastifyRequest, Authorized>();

  return {
    requireAccessDeclaration(route) {
      const access: unknown = route.config?.access;
      const name = `${String(route.method)} ${route.url}`;
      if (access === undefined)
        throw new Error(
          `${name} declares no access: add config.access ('public', 'signed-in', 'session' or a permission of src/workspace/policy.ts).`,
        );
      const scoped = isPermission(access) || isAnyOf(access);
      if (!scoped && !ACCOUNT_LEVELS.has(access)) throw new Error(`${name} declares unknown access ${JSON.stringify(access)}.`);
      const underWorkspace = route.url.includes('/:workspaceId');
      if (scoped && !underWorkspace)
        throw new Error(`${name} declares the permission ${JSON.stringify(access)} but has no :workspaceId to check it in.`);
      if (!scoped && underWorkspace)
        throw new Error(`${name} is under a workspace but declares "${String(access)}": declare the permission it needs.`);
    },

    async enforceAccess(request) {
      const access = request.routeOptions.config.access;
      // No route matched (the not-found handler), or the Swagger UI's pages: public.
      if (access === undefined || access === 'public') return;
      const caller = gate.caller(request);
      if (access === 'session' && caller.via !== 'session') {
        throw new AppError(
          'auth.session_required',
          'Only a signed-in person can do this, not an API token: a token acts in its one workspace only.',
          403,
        );
      }
      if (!isWorkspaceScoped(access)) return;
      const { workspaceId } = request.params as { workspaceId: string };
      authorizedOf.set(request, await gate.authorize(request, workspaceId, access));
    },

    authorizedWorkspace() {
      const found = authorizedOf.get(this);
      if (!found) throw new Error(`${this.method} ${this.routeOptions.url} reads request.authorized but declares no workspace permission.`);
      return found;
    },
  };
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
    if (isWorkspaceScoped(access) && typeof schema.summary === 'string')
      schema.summary = `${schema.summary} (${describePermissions(access)})`;
    return { ...result, schema };
  };
}
