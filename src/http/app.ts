/** The Fastify app factory: error shape, OpenAPI, auth, and every domain's routes. */
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Pool } from '../db/pool.ts';
import { authenticate } from '../auth/authenticate.ts';
import type { Actor } from '../auth/actor.ts';
import { authRoutes } from '../auth/routes.ts';
import { workspaceRoutes } from '../workspace/routes.ts';
import { planRoutes } from '../plan-store/routes.ts';
import { auditRoutes } from '../audit/routes.ts';
import { errorHandler, frameworkErrorHandler, notFoundHandler } from './errors.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface AppDeps {
  pool: Pool;
  config: Pick<Config, 'sessionTtlDays' | 'cookieSecure' | 'logLevel'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user (session cookie or API token), or null. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/**
 * A strategy with 1,000 objectives is ~1.3 MB of YAML; more is refused with 413. The cap is below the
 * loader's 5 MB because YAML parsing is memory-hungry (measured: a 5 MB worst case takes seconds and ~1 GB).
 */
export const BODY_LIMIT = 2 * 1024 * 1024;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: BODY_LIMIT,
    // Ids in URLs are up to 200 characters; longer ones get a coded 404/414 via frameworkErrors.
    routerOptions: { maxParamLength: 300 },
    frameworkErrors: frameworkErrorHandler,
    // One line per request only when debugging; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);

  // Plan-as-code arrives as YAML too: keep it as text, the plan loader parses it with line numbers.
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  await app.register(fastifyCookie);
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
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    request.actor = await authenticate(deps.pool, request);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await deps.pool.query('SELECT 1');
    return { ok: true };
  });

  await app.register(
    async (api) => {
      await authRoutes(api as App);
      await workspaceRoutes(api as App);
      await planRoutes(api as App);
      await auditRoutes(api as App);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
