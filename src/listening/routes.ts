/** Listening API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import { register, type App } from '../http/kit.ts';
import { archiveQuery } from './archive-query.ts';
import type { ListeningContext } from './context.ts';
import { listeningContract as contract } from './contract.ts';
import { createQuery } from './create-query.ts';
import { createSource } from './create-source.ts';
import { deleteSource } from './delete-source.ts';
import { importMentions } from './import-mentions.ts';
import { listMentions } from './list-mentions.ts';
import { listQueries } from './list-queries.ts';
import { listSources } from './list-sources.ts';
import { previewQuery } from './preview-query.ts';
import { MENTION_IMPORT_LIMITS } from './schema.ts';
import { updateQuery } from './update-query.ts';
import { updateSource } from './update-source.ts';

const tooLarge = (): AppError =>
  new AppError(
    'import.too_large',
    `The file is larger than ${MENTION_IMPORT_LIMITS.bytes / 1024 / 1024} MB, the most one import takes. Split it into several files.`,
    413,
    { limit: MENTION_IMPORT_LIMITS.bytes },
  );

/** The file as text, refused with 413 `import.too_large` as soon as it is over the limit (declared or read). */
async function readFileBody(request: FastifyRequest, payload: AsyncIterable<Buffer>): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > MENTION_IMPORT_LIMITS.bytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += chunk.length;
    if (size > MENTION_IMPORT_LIMITS.bytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function listeningRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const ws = (req: FastifyRequest): string => req.authorized.workspace.id;
  const context = (req: FastifyRequest): ListeningContext => ({ workspaceId: ws(req), actor: requireActor(req.actor) });

  register(app, contract.listQueries, async (req) => ({ queries: await listQueries(pool, ws(req), req.query.archived) }));
  register(app, contract.createQuery, async (req, reply) =>
    reply.status(201).send({ query: await createQuery(pool, context(req), req.body) }),
  );
  register(app, contract.checkQuery, async (req) => previewQuery(pool, ws(req), req.body.query));
  register(app, contract.updateQuery, async (req) => ({ query: await updateQuery(pool, context(req), req.params.queryId, req.body) }));
  register(app, contract.archiveQuery, async (req) => ({ query: await archiveQuery(pool, context(req), req.params.queryId) }));

  register(app, contract.listMentions, async (req) => listMentions(pool, ws(req), req.query));

  register(app, contract.listSources, async (req) => ({ sources: await listSources(pool, ws(req)) }));
  register(app, contract.createSource, async (req, reply) =>
    reply.status(201).send({ source: await createSource(pool, context(req), req.body) }),
  );
  register(app, contract.updateSource, async (req) => ({ source: await updateSource(pool, context(req), req.params.sourceId, req.body) }));
  register(app, contract.deleteSource, async (req, reply) => {
    await deleteSource(pool, context(req), req.params.sourceId);
    return reply.status(204).send(null);
  });

  // File bodies only here (their own scope), with the import's own size limit.
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin (FastifyPluginAsync); the rule misreads register's overloads
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    const parse = (request: FastifyRequest, payload: IncomingMessage) => readFileBody(request, payload);
    scope.addContentTypeParser(['text/csv', 'application/x-ndjson', 'application/jsonl'], parse);
    register(scope, contract.importMentions, async (req) =>
      importMentions(pool, context(req), req.body, {
        format: /^text\/csv/i.test(req.headers['content-type']) ? 'csv' : 'jsonl',
        dryRun: req.query.dryRun,
      }),
    );
  });
}
