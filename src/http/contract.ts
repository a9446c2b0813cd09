/**
 * The route contract kit. Each API operation is defined once, as a contract entry: where it is (its
 * endpoint: method and path, from the feature's `endpoints.ts`), who may call it, its documentation
 * and its zod shapes (params, query, headers, body, one schema per answered status). The server
 * registers the route from the entry (`register`, src/http/kit.ts), the OpenAPI document is generated
 * from those registrations, and the web app's client takes its argument and result types from the
 * same entry (web/src/api/client.ts): a changed schema breaks the compiler on both sides.
 *
 * PURE, and free of zod at run time (its types only): the web app imports this module and every
 * feature's `endpoints.ts` at run time — the sign-in page needs no schema library — and the
 * contracts themselves (`contract.ts`, with the schemas) as types. The shared answers (the error
 * shape, 204) are in ./responses.ts.
 */
import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where routes live unless an entry says otherwise (`base`). */
export const API_BASE = '/api/v1';

// ——— access: who may call a route ———

/**
 * The permission vocabulary, declared by src/workspace/policy.ts through module augmentation
 * (`permission: <its Permission union>`), so that this kit imports no feature and a contract entry
 * naming an unknown permission still fails to compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by module augmentation
export interface AccessVocabulary {}
export type Permission = AccessVocabulary extends { permission: infer P extends string } ? P : string;

/** Any of these permissions lets the caller in; the handler checks which one the request needs (e.g. by its body). */
export type AnyOf = readonly [Permission, Permission, ...Permission[]];

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

export const ACCOUNT_LEVELS: ReadonlySet<unknown> = new Set(['public', 'signed-in', 'session']);
export const isWorkspaceScoped = (access: Access): access is Permission | AnyOf => !ACCOUNT_LEVELS.has(access);

/** Human form, for the OpenAPI summary and the rendered matrix: `plan.write`, `content.write or content.approve`. */
export const describePermissions = (access: Permission | AnyOf): string => (typeof access === 'string' ? access : access.join(' or '));

// ——— the contract entry ———

/**
 * Where a route is. A feature lists its endpoints in `endpoints.ts` (no schemas: the web app holds
 * them at run time) and each contract entry spreads its endpoint.
 */
export interface Endpoint {
  readonly method: Method;
  /** Fastify's syntax (`/workspaces/:workspaceId/posts`), under `base`. */
  readonly path: string;
  /** The prefix of `path`; default API_BASE (`/api/v1`). */
  readonly base?: string;
}

export interface RouteDef extends Endpoint {
  readonly access: Access;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  /** A z.object whose keys are exactly the path's `:names`. */
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: z.ZodType;
  readonly body?: z.ZodType;
  /** One schema per documented status: the success (2xx) and the errors. */
  readonly responses: { readonly [status: number]: z.ZodType };
  /** Content types of the answer when it is not JSON (a file). */
  readonly produces?: readonly string[];
  /** Content types of the body when it is not JSON (an upload). */
  readonly consumes?: readonly string[];
}

/** A contract entry, with every literal kept (its schemas give the types on both sides). */
export const defineRoute = <const R extends RouteDef>(route: R): R => route;

/** The route's whole path as the server mounts it: `/api/v1/workspaces/:workspaceId/posts`. */
export const fullPath = (route: Endpoint): string => `${route.base ?? API_BASE}${route.path}`;

/** The `:names` of a path, in order. */
export const pathParamNames = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

// ——— types the server and the web client read off an entry ———

/** The zod schema of an entry's part (`params`, `query`, `headers`, `body`), or undefined. */
export type SchemaAt<R, K extends string> = R extends { readonly [P in K]: infer S extends z.ZodType } ? S : undefined;
type InputAt<R, K extends string> = SchemaAt<R, K> extends z.ZodType ? z.input<SchemaAt<R, K>> : undefined;

/** What a client sends (zod input: before defaults and coercion). */
export type ParamsOf<R extends RouteDef> = InputAt<R, 'params'>;
export type QueryOf<R extends RouteDef> = InputAt<R, 'query'>;
export type HeadersOf<R extends RouteDef> = InputAt<R, 'headers'>;
export type BodyOf<R extends RouteDef> = InputAt<R, 'body'>;

/** The statuses of an entry that mean success. */
export type SuccessStatus<R extends RouteDef> = Extract<keyof R['responses'], 200 | 201 | 202 | 204>;

/** The JSON a status answers (by default the success's): what the server's serializer checked. */
export type ResponseOf<R extends RouteDef, S extends keyof R['responses'] = SuccessStatus<R>> = z.output<R['responses'][S]>;

/** A feature's contract: its entries by name. */
export type Contract = { readonly [name: string]: RouteDef };
