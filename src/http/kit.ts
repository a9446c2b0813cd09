/**
 * The HTTP kit every feature's routes use: the App type, what a feature reads from `app.deps`, and
 * `register`, which turns a contract entry (src/http/contract.ts) and a handler into a Fastify route.
 *
 * Imports no feature: a feature that needs more in `app.deps` adds it to AppDeps by module
 * augmentation (`declare module '../http/kit.ts'`), and the composition root (src/http/app.ts) is
 * the one module that imports every feature.
 */
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyError,
  FastifyReply,
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteOptions,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logger.ts';
import { fullPath, pathParamNames, type Access, type RouteDef, type SchemaAt } from './contract.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** What the app is built from; features add theirs by module augmentation (queue, connectors, media storage…). */
export interface AppDeps {
  pool: Pool;
  /**
   * The settings the HTTP layer reads. Those optional here take the defaults an empty environment
   * gives (loadConfig): tests set only what they exercise.
   */
  config: Pick<Config, 'sessionTtlDays' | 'cookieSecure' | 'logLevel'> &
    Partial<Pick<Config, 'publicUrl' | 'trustProxy' | 'authRateLimits' | 'lintRateLimit'>>;
  /** Directory of the built web app (`npm run build`); default `dist/web` in the repository. */
  webRoot?: string;
  /** The process's logger (a child for the HTTP part). */
  logger?: Logger;
}

/** AppDeps with every optional setting filled in, as the routes see them (app.deps). */
export type ResolvedDeps = AppDeps & { config: Required<AppDeps['config']> };

declare module 'fastify' {
  interface FastifyInstance {
    deps: ResolvedDeps;
  }
  interface FastifyContextConfig {
    /** Who may call the route; required of every route (checked at startup, src/http/access.ts). */
    access?: Access;
    /** The contract entry the route was registered from (`register`); required of every documented route. */
    contract?: RouteDef;
  }
}

/** The schemas of an entry as Fastify's zod type provider reads them: they type the handler's request and reply. */
export interface FastifySchemaOf<R extends RouteDef> extends FastifySchema {
  params: SchemaAt<R, 'params'>;
  querystring: SchemaAt<R, 'query'>;
  headers: SchemaAt<R, 'headers'>;
  body: SchemaAt<R, 'body'>;
  response: R['responses'];
}

/** A handler of the route an entry defines: `request.params`, `.query`, `.body` and the reply typed by its schemas. */
export type HandlerOf<R extends RouteDef> = RouteHandlerMethod<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  RouteGenericInterface,
  ContextConfigDefault,
  FastifySchemaOf<R>,
  ZodTypeProvider,
  FastifyBaseLogger
>;

/** Route-level hooks beside the handler (a rate limit), and the answer to its errors where it is not the API's JSON. */
export interface RouteHooks {
  preHandler?: RouteHook | RouteHook[];
  errorHandler?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown;
}
type RouteHook = (request: FastifyRequest) => Promise<void>;

const shapeKeys = (schema: unknown): string[] | undefined => {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : undefined;
};

/**
 * Registers the route a contract entry defines: its method and whole path, its schemas (validation,
 * serialization, the OpenAPI operation), its access (`config.access`, enforced by the access hook)
 * and the entry itself (`config.contract`, which the composition root checks every documented route has).
 * Throws at startup when the entry's params do not name exactly its path's `:params`.
 */
export function register<const R extends RouteDef>(app: App, contract: R, handler: HandlerOf<R>, hooks: RouteHooks = {}): void {
  const url = fullPath(contract);
  const name = `${contract.method} ${url}`;
  // The entry's path is the whole path: a prefixed scope would move the route away from what the web client calls.
  if (app.prefix !== '') throw new Error(`${name}: register contract routes in an unprefixed scope (this one adds "${app.prefix}").`);
  const inPath = pathParamNames(contract.path).sort();
  const inSchema = (contract.params === undefined ? [] : (shapeKeys(contract.params) ?? ['(not an object)'])).sort();
  if (inPath.join() !== inSchema.join())
    throw new Error(`${name}: params schema has [${inSchema.join(', ')}] but the path names [${inPath.join(', ')}].`);

  const schema: Record<string, unknown> = { tags: [...contract.tags], summary: contract.summary };
  if (contract.description !== undefined) schema.description = contract.description;
  if (contract.params !== undefined) schema.params = contract.params;
  if (contract.query !== undefined) schema.querystring = contract.query;
  if (contract.headers !== undefined) schema.headers = contract.headers;
  if (contract.body !== undefined) schema.body = contract.body;
  if (contract.produces !== undefined) schema.produces = [...contract.produces];
  if (contract.consumes !== undefined) schema.consumes = [...contract.consumes];
  schema.response = contract.responses;

  app.route({
    method: contract.method,
    url,
    config: { access: contract.access, contract },
    schema,
    ...hooks,
    handler: handler as RouteHandlerMethod,
  });
}

/**
 * The check that every documented route comes from a contract entry of `entries` (the composition
 * root's API_CONTRACT), once, and that every entry is registered: a route registered by hand, or
 * from an entry no feature's contract lists, fails at startup (onRoute); so does an entry without a
 * route (onReady), which the web client would call in vain. Hidden routes (the root's own
 * /api/openapi.json and /api/health) are not part of the API.
 */
export function contractGuard(entries: readonly RouteDef[]) {
  const known = new Set(entries);
  const registered = new Set<RouteDef>();
  return {
    requireContract(route: RouteOptions): void {
      if ((route.schema as { hide?: boolean } | undefined)?.hide || route.method === 'HEAD') return;
      const contract = route.config?.contract;
      const name = `${String(route.method)} ${route.url}`;
      if (!contract || !known.has(contract)) {
        throw new Error(
          `${name} is not registered from a contract entry: define it in its feature's contract.ts and register it with register() (src/http/kit.ts).`,
        );
      }
      if (registered.has(contract)) throw new Error(`${name}: its contract entry is registered twice.`);
      registered.add(contract);
    },
    requireAllRegistered(): void {
      const missing = entries.filter((c) => !registered.has(c)).map((c) => `${c.method} ${fullPath(c)}`);
      if (missing.length) throw new Error(`Contract entries no route implements: ${missing.join(', ')}.`);
    },
  };
}
