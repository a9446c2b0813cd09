/**
 * The composition root of the HTTP side: builds the Fastify app (error shape, OpenAPI, security
 * headers, auth hooks, the web app's files) and registers every feature's routes. The one module
 * that imports the features: they import only the kit (src/http/kit.ts, contract.ts), never this.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import helmet from 'helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadConfig } from '../config.ts';
import { ROOT } from '../root.ts';
import { createLogger } from '../logger.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { requireActor } from '../auth/actor.ts';
import { authenticate } from '../auth/authenticate.ts';
import { postgresRateLimitStore } from '../auth/rate-limit.ts';
import { SESSION_COOKIE } from '../auth/secrets.ts';
import { authorize } from '../workspace/authorize.ts';
import { PERMISSIONS } from '../workspace/policy.ts';
import { auditContract } from '../audit/contract.ts';
import { auditRoutes } from '../audit/routes.ts';
import { authContract } from '../auth/contract.ts';
import { authRoutes } from '../auth/routes.ts';
import { accountContract } from '../account/contract.ts';
import { accountRoutes } from '../account/routes.ts';
import { calendarContract } from '../calendar/contract.ts';
import { calendarRoutes } from '../calendar/ics-routes.ts';
import { connectionsContract } from '../connections/contract.ts';
import { connectionRoutes } from '../connections/routes.ts';
import { conversionsContract } from '../measure/conversions/contract.ts';
import { conversionRoutes } from '../measure/conversions/routes.ts';
import { costsContract } from '../measure/costs/contract.ts';
import { costRoutes } from '../measure/costs/routes.ts';
import { linksContract } from '../measure/links/contract.ts';
import { linkRoutes } from '../measure/links/routes.ts';
import { isRedirectorPath, sendUnknownLink } from '../measure/links/unknown-link.ts';
import { dashboardsContract } from '../measure/dashboards/contract.ts';
import { dashboardRoutes } from '../measure/dashboards/routes.ts';
import { listeningContract } from '../listening/contract.ts';
import { listeningRoutes } from '../listening/routes.ts';
import { mediaContract } from '../media/contract.ts';
import { mediaRoutes } from '../media/routes.ts';
import { reportsContract } from '../measure/reports/contract.ts';
import { reportRoutes } from '../measure/reports/routes.ts';
import { reviewContract } from '../measure/review/contract.ts';
import { reviewRoutes } from '../measure/review/routes.ts';
import { inboxContract } from '../inbox/contract.ts';
import { inboxRoutes } from '../inbox/routes.ts';
import { notificationsContract } from '../notifications/contract.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { planContract } from '../plan-store/contract.ts';
import { planRoutes } from '../plan-store/routes.ts';
import { postsContract } from '../publishing/contract.ts';
import { postRoutes } from '../publishing/routes.ts';
import { listeningAlertsContract } from '../listening/alerts/contract.ts';
import { listeningAlertRoutes } from '../listening/alerts/routes.ts';
import { listeningDashboardContract } from '../listening/dashboards/contract.ts';
import { listeningDashboardRoutes } from '../listening/dashboards/routes.ts';
import { workspaceContract } from '../workspace/contract.ts';
import { workspaceRoutes } from '../workspace/routes.ts';
import { accessHooks, withAccess } from './access.ts';
import type { Contract, RouteDef } from './contract.ts';
import { DATABASE_RETRY_SECONDS, errorHandler, frameworkErrorHandler, notFoundHandler } from './errors.ts';
import { rejectCrossSiteWrites } from './cross-site.ts';
import { contractGuard, type App, type AppDeps, type ResolvedDeps } from './kit.ts';
import { rejectInvalidText } from './text-guard.ts';

export type { App, AppDeps } from './kit.ts';

/** A feature of the API: its contract, and the routes that implement exactly those entries. */
interface Feature {
  contract: Contract;
  routes: (app: App) => Promise<void>;
}

/** Every feature, in the order their operations appear in the OpenAPI document. */
const FEATURES: readonly Feature[] = [
  { contract: authContract, routes: authRoutes },
  { contract: accountContract, routes: accountRoutes },
  { contract: workspaceContract, routes: workspaceRoutes },
  { contract: planContract, routes: planRoutes },
  { contract: auditContract, routes: auditRoutes },
  { contract: postsContract, routes: postRoutes },
  { contract: connectionsContract, routes: connectionRoutes },
  { contract: notificationsContract, routes: notificationRoutes },
  { contract: calendarContract, routes: calendarRoutes },
  { contract: mediaContract, routes: mediaRoutes },
  { contract: conversionsContract, routes: conversionRoutes },
  { contract: costsContract, routes: costRoutes },
  { contract: linksContract, routes: linkRoutes },
  { contract: reportsContract, routes: reportRoutes },
  { contract: dashboardsContract, routes: dashboardRoutes },
  { contract: reviewContract, routes: reviewRoutes },
  { contract: listeningContract, routes: listeningRoutes },
  { contract: listeningDashboardContract, routes: listeningDashboardRoutes },
  { contract: listeningAlertsContract, routes: listeningAlertRoutes },
  { contract: inboxContract, routes: inboxRoutes },
];

/** Every operation of the API: the contract entries of all features. */
export const API_CONTRACT: readonly RouteDef[] = FEATURES.flatMap((f) => Object.values(f.contract));

/** `dist/web` of the repository, wherever the process was started from. */
export const DEFAULT_WEB_ROOT = path.join(ROOT, 'dist', 'web');

/** Vite's content-hashed build output: safe to cache for a year. */
const ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * Everything no route answers. API paths and other methods get the JSON 404 `route.not_found`.
 * A GET elsewhere is a file of the built web app when one exists (hashed `/assets/*` cached for a
 * year, the rest `no-cache`; its brotli or gzip copy when the browser accepts one), a missing asset is a 404, and any other path is one of the web app's
 * routes: `index.html`. Without a build, a page says how to make one.
 */
async function serveWebApp(webRoot: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const url = request.url;
  if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(url)) return notFoundHandler(request, reply);
  const file = await webFile(webRoot, url);
  if (file !== null) return reply.sendFile(file);
  if (url.startsWith(ASSETS_PREFIX)) return notFoundHandler(request, reply);
  if ((await webFile(webRoot, '/index.html')) !== null) return reply.sendFile('index.html');
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT_PAGE);
}

/** The regular file of `webRoot` a URL names (path relative to the root), or null: no dotfiles, nothing outside the root. */
async function webFile(webRoot: string, url: string): Promise<string | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split('?')[0]!);
  } catch {
    return null;
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return null;
  const rel = segments.join('/');
  const abs = path.resolve(webRoot, rel);
  if (!abs.startsWith(webRoot + path.sep)) return null;
  try {
    return (await stat(abs)).isFile() ? rel : null;
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy of the web app, the API and its Swagger UI. Scripts only from our own
 * origin, never inline, so injected markup cannot run code. Styles allow 'unsafe-inline':
 * FullCalendar and the Gantt chart insert <style> elements at run time and the Swagger UI sets
 * inline styles (a style cannot run code). Images and media may be blob: and data: (upload
 * previews, the favicon, the Swagger UI's icons). No framing at all (clickjacking), no plugins,
 * forms post only here. No upgrade-insecure-requests: a self-hosted instance on plain http
 * (localhost, a LAN) would otherwise ask the browser for https and load nothing.
 */
const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Groundwork: web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Groundwork is running, but the web app is not built</h1>
<p>Run <code>npm run build</code> and reload this page, or <code>npm run dev</code> for the web app with hot reload.</p>
<p>The API works already: <a href="/api/docs">API documentation</a>.</p>
</body></html>
`;

/**
 * A strategy with 1,000 objectives is ~1.3 MB of YAML; more is refused with 413. The cap is below the
 * loader's 5 MB because YAML parsing is memory-hungry (measured: a 5 MB worst case takes seconds and ~1 GB).
 */
export const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * How a request is logged (with LOG_LEVEL=debug): Fastify's own fields, but for a tracked link no
 * address — a visitor following a link from a post is counted without their address being kept anywhere.
 */
const requestLogFields = (request: FastifyRequest) => ({
  method: request.method,
  url: request.url,
  host: request.host,
  ...(isRedirectorPath(request.url) ? {} : { remoteAddress: request.ip, remotePort: request.socket?.remotePort }),
});

export async function buildApp(given: AppDeps): Promise<App> {
  const defaults = loadConfig({});
  const deps: ResolvedDeps = {
    ...given,
    config: {
      publicUrl: defaults.publicUrl,
      trustProxy: defaults.trustProxy,
      authRateLimits: defaults.authRateLimits,
      lintRateLimit: defaults.lintRateLimit,
      ...given.config,
    },
  };
  const app = Fastify({
    // request.ip (per-IP rate limits) believes X-Forwarded-For only from the proxies configured.
    trustProxy: deps.config.trustProxy,
    // The process's one logger when given (main.ts); tests get one at their LOG_LEVEL (usually silent).
    loggerInstance: (deps.logger ?? createLogger(deps.config.logLevel)).child(
      {},
      { serializers: { req: requestLogFields } },
    ) as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // Ids in URLs are up to 200 characters; longer ones get a coded 404/414 via frameworkErrors.
    routerOptions: { maxParamLength: 300 },
    // Under the redirector's /l/ a malformed URL is a broken short link: its HTML page, not the API's JSON.
    frameworkErrors: (error, request, reply) =>
      isRedirectorPath(request.url) ? sendUnknownLink(reply) : frameworkErrorHandler(error, request, reply),
    // One line per request only when debugging; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // The built web app: its files, and index.html for its routes (a single-page app).
  const webRoot = path.resolve(deps.webRoot ?? DEFAULT_WEB_ROOT);
  app.setNotFoundHandler((request, reply) =>
    isRedirectorPath(request.url) ? sendUnknownLink(reply) : serveWebApp(webRoot, request, reply),
  );
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);

  // Plan-as-code arrives as YAML too: keep it as text, the plan loader parses it with line numbers.
  // Not text/plain (Fastify parses it by default): a page of another site can send text/plain, and
  // form types, without a CORS preflight, so they are refused with 415 like every undocumented type.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  // Security headers on every answer (API, web app, not-found pages): CSP, nosniff, no referrer, HSTS…
  // helmet's middleware built once (@fastify/helmet built it, parsing the policy, on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    // The same as frame-ancestors 'none', for browsers that only know X-Frame-Options.
    frameguard: { action: 'deny' },
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie);
  // Counters in Postgres; limiters are attached to the routes that need them (auth/rate-limit.ts).
  await app.register(fastifyRateLimit, { global: false, store: postgresRateLimitStore(deps.pool) });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Groundwork API',
        version: '1',
        description:
          'Strategy-first social media planning. Errors are `{ error: { code, message, details } }`. ' +
          'Authenticate with the session cookie or `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'gw_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: withAccess(jsonSchemaTransform),
  });
  // Under the same CSP as the rest (its scripts are files, its inline styles allowed; e2e/screens.test.ts checks it renders).
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  // Who the caller is and what their role allows, as the auth and workspace features decide it.
  const access = accessHooks({
    permissions: new Set(Object.keys(PERMISSIONS)),
    caller: (request) => requireActor(request.actor),
    authorize: (request, workspaceRef, permission) => authorize(deps.pool, request.actor, workspaceRef, permission),
  });
  // From here on every route declares its access (the Swagger UI's pages above are public documentation),
  // and every documented one comes from a contract entry.
  app.addHook('onRoute', access.requireAccessDeclaration);
  const contracts = contractGuard(API_CONTRACT);
  app.addHook('onRoute', contracts.requireContract);
  app.addHook('onReady', async () => contracts.requireAllRegistered());
  app.decorateRequest('authorized', { getter: access.authorizedWorkspace });

  // Before the session lookup: a forged write is refused without touching the database.
  app.addHook('onRequest', rejectCrossSiteWrites(SESSION_COOKIE));
  app.addHook('onRequest', async (request) => {
    // Only the API knows users; the web app's files are public and need no session lookup.
    if (!isApiPath(request.url)) return;
    request.actor = await authenticate(deps.pool, request);
  });
  // Who may call the route (its config.access), decided before anything about the request is validated.
  app.addHook('preValidation', access.enforceAccess);
  // Before any route's schema: NUL and lone surrogates in bodies, params and queries are a coded 400, not a database error.
  app.addHook('preValidation', rejectInvalidText);

  // Only decorates reply.sendFile: the files are served by the not-found handler above, so no
  // catch-all route shadows the API's own 404/414 answers, and a build made while the server runs
  // is picked up without a restart.
  await app.register(fastifyStatic, {
    root: webRoot,
    serve: false,
    suppressWarning: true,
    dotfiles: 'deny',
    // The build writes a brotli and a gzip copy beside each text file (vite.config.ts): the one the
    // browser accepts is sent as is, without compressing on every request.
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      const rel = path.relative(webRoot, file).split(path.sep).join('/');
      reply.header('cache-control', `/${rel}`.startsWith(ASSETS_PREFIX) ? IMMUTABLE : 'no-cache');
    },
  });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  // Load balancers and supervisors read this: 503 while the database is away, not a 500 or a hang.
  app.get('/api/health', { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) => {
    try {
      await deps.pool.query('SELECT 1');
      return { ok: true, database: 'up' };
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      return reply.status(503).header('retry-after', String(DATABASE_RETRY_SECONDS)).send({ ok: false, database: 'down' });
    }
  });

  // The features, in one scope of their own; each entry's path is its whole path (/api/v1/…, /api/calendar/…).
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin (FastifyPluginAsync); the rule misreads register's overloads
  await app.register(async (api) => {
    for (const feature of FEATURES) await feature.routes(api as App);
  });
  return app;
}
