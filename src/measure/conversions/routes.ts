/** Conversions API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import { requireActor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { register, type App } from '../../http/kit.ts';
import { conversionsContract as contract } from './contract.ts';
import { importConversions } from './import-conversions.ts';
import { importKpiValues } from './import-kpi-values.ts';
import { recordConversion, type ConversionContext } from './record-conversion.ts';
import { CSV_CONTENT_TYPE, IMPORT_LIMITS } from './schema.ts';

const tooLarge = (): AppError =>
  new AppError(
    'import.too_large',
    `The file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB, the most one import takes. Split it into several files.`,
    413,
    { limit: IMPORT_LIMITS.bytes },
  );

/** The CSV body as text, refused with 413 `import.too_large` as soon as it is over the limit (declared or read). */
async function readCsvBody(request: FastifyRequest, payload: AsyncIterable<Buffer>): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > IMPORT_LIMITS.bytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += chunk.length;
    if (size > IMPORT_LIMITS.bytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function conversionRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const context = (req: FastifyRequest): ConversionContext => ({
    workspaceId: req.authorized.workspace.id,
    actor: requireActor(req.actor),
  });

  register(app, contract.recordConversion, async (req, reply) => {
    const result = await recordConversion(pool, context(req), req.body);
    return reply.status(result.duplicate ? 200 : 201).send(result);
  });

  // CSV bodies only here (their own scope), with the imports' own size limit.
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin (FastifyPluginAsync); the rule misreads register's overloads
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(CSV_CONTENT_TYPE, (request: FastifyRequest, payload: IncomingMessage) => readCsvBody(request, payload));

    register(scope, contract.importConversions, async (req) =>
      importConversions(pool, context(req), req.body, { dryRun: req.query.dryRun }),
    );

    register(scope, contract.importKpiValues, async (req) =>
      importKpiValues(pool, context(req), req.query.strategy, req.body, { dryRun: req.query.dryRun }),
    );
  });
}
