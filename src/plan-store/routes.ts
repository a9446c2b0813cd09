/** Plan API: strategies, the campaigns inside them, lint, import and export. Thin: parse → authorize → call → present. */
import { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { authRateLimit } from '../auth/rate-limit.ts';
import type { LoadedDocument } from '../plan/load.ts';
import { withSchemaFindings } from '../plan/parse-worker.ts';
import { campaignSchema, strategySchema, type LintResult } from '../plan/schema.ts';
import { deleteCampaign } from './delete-campaign.ts';
import { deleteStrategy } from './delete-strategy.ts';
import { CONTENT_TYPES, exportStrategy } from './export-strategy.ts';
import { findCampaignStatus } from './get-campaign-readiness.ts';
import { importPlan } from './import-plan.ts';
import { lintInWorkspace } from './lint-in-workspace.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';
import { listCampaigns, listStrategies } from './list-plan.ts';
import { saveCampaign } from './save-campaign.ts';
import { saveStrategy } from './save-strategy.ts';
import {
  campaignDetailResponse,
  campaignListQuery,
  campaignParams,
  campaignSummarySchema,
  documentsBodySchema,
  exportQuery,
  ifMatchHeaders,
  importResponse,
  lintResponse,
  savedCampaignResponse,
  savedStrategyResponse,
  strategyDetailResponse,
  strategyParams,
  strategySummarySchema,
  workspaceParams,
} from './schema.ts';
import { getCampaign, getStrategy } from './store.ts';

/** The exported file: text (yaml, md) or bytes (pdf, docx); Fastify sends a Buffer as it is. */
const exportedFileBody = z.custom<string | Buffer>((v) => typeof v === 'string' || Buffer.isBuffer(v)).describe('The exported file');

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema };
const versionOf = (ifMatch: string | undefined) => (ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, '')));
const flatten = <T extends { lint: LintResult }>({ lint, ...rest }: T) => ({ ...rest, ...lint });

/** A PUT replaces the document at its URL; ids are permanent (campaigns and exports refer to them). */
function assertSameId(bodyId: string, urlId: string): void {
  if (bodyId !== urlId) throw new AppError('plan.id_mismatch', `The body's id "${bodyId}" differs from the URL's "${urlId}"; ids cannot be renamed.`, 400);
}

/** Loads an import body (in a worker); a schema error refuses the whole import (warnings do not). */
async function loadForImport(parser: ParsePool, body: z.infer<typeof documentsBodySchema>): Promise<LoadedDocument[]> {
  const { documents, findings } = await parser.load(body);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    throw new AppError('plan.invalid', `The documents are not valid plan documents (${errors.length} problem(s)); see details.findings.`, 400, {
      findings: errors,
    });
  }
  return documents;
}

export async function planRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;
  const tags = ['plan'];
  // Parsing and linting a body runs in worker threads, so a hostile one cannot stall other requests.
  const parser = createParsePool();
  app.addHook('onClose', () => parser.close());
  // Anyone may lint without an account: per client address only (LINT_RATE_*), there is no account to count.
  const lintLimit = authRateLimit(app, { ...config.lintRateLimit, maxPerAccount: config.lintRateLimit.maxPerIp }, 'lint', () => null);

  app.post('/lint', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Lint plan documents (YAML or JSON) with every rule; stores nothing',
      description:
        'Needs no account. Requests per client address are limited (LINT_RATE_*; over the limit: 429 `auth.rate_limited` with ' +
        '`Retry-After`); a body with more than 1,000 documents, or that takes more than 5 s to read, gets 413 `plan.too_complex`; ' +
        'while many bodies wait to be read, 503 `server.busy` with `Retry-After`.',
      body: documentsBodySchema,
      response: { 200: lintResponse, 400: errorBodySchema, 413: errorBodySchema, 429: errorBodySchema, 503: errorBodySchema },
    },
    preHandler: lintLimit,
  }, async (req) => parser.lint(req.body));

  app.get('/workspaces/:workspaceId/strategies', {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'List strategies', params: workspaceParams, response: { 200: z.object({ strategies: z.array(strategySummarySchema) }), ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    return { strategies: await listStrategies(pool, workspace.id) };
  });

  app.post('/workspaces/:workspaceId/strategies', {
    config: { access: 'plan.write' },
    schema: { tags, summary: 'Create a strategy', params: workspaceParams, body: strategySchema, response: { 201: savedStrategyResponse, ...errors } },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const saved = await saveStrategy(pool, { workspaceId: workspace.id, actor: req.actor }, req.body, 'create');
    return reply.status(201).send(flatten(saved));
  });

  app.get('/workspaces/:workspaceId/strategies/:strategyId', {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'A strategy with its campaigns and findings', params: strategyParams, response: { 200: strategyDetailResponse, ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    const stored = await getStrategy(pool, workspace.id, req.params.strategyId);
    const [campaigns, lint] = await Promise.all([
      listCampaigns(pool, workspace.id, stored.doc.id),
      lintStoredStrategy(pool, workspace.id, stored.doc.id),
    ]);
    return { strategy: stored.doc, version: stored.version, createdAt: stored.createdAt, updatedAt: stored.updatedAt, campaigns, ...lint };
  });

  app.put('/workspaces/:workspaceId/strategies/:strategyId', {
    config: { access: 'plan.write' },
    schema: { tags, summary: 'Replace a strategy', params: strategyParams, headers: ifMatchHeaders, body: strategySchema, response: { 200: savedStrategyResponse, ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    assertSameId(req.body.id, req.params.strategyId);
    const ctx = { workspaceId: workspace.id, actor: req.actor, expectedVersion: versionOf(req.headers['if-match']) };
    return flatten(await saveStrategy(pool, ctx, req.body, 'update'));
  });

  app.delete('/workspaces/:workspaceId/strategies/:strategyId', {
    config: { access: 'plan.write' },
    schema: { tags, summary: 'Delete a strategy that has no campaigns', params: strategyParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    await deleteStrategy(pool, { workspaceId: workspace.id, actor: req.actor }, req.params.strategyId);
    return reply.status(204).send(null);
  });

  app.get('/workspaces/:workspaceId/strategies/:strategyId/export', {
    config: { access: 'plan.export' },
    schema: {
      tags,
      summary: 'Export a strategy with its campaigns: YAML (plan-as-code), or the master document as Markdown, PDF or DOCX',
      description: 'Answers the file as an attachment named `<strategy id>.<format>`.',
      params: strategyParams,
      querystring: exportQuery,
      produces: Object.values(CONTENT_TYPES),
      response: { 200: exportedFileBody, ...errors },
    },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const file = await exportStrategy(pool, workspace.id, req.params.strategyId, req.query.format);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });

  app.get('/workspaces/:workspaceId/campaigns', {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'List campaigns, optionally of one strategy', params: workspaceParams, querystring: campaignListQuery, response: { 200: z.object({ campaigns: z.array(campaignSummarySchema) }), ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    return { campaigns: await listCampaigns(pool, workspace.id, req.query.strategy) };
  });

  app.post('/workspaces/:workspaceId/campaigns', {
    config: { access: 'plan.write' },
    schema: {
      tags,
      summary: 'Create a campaign inside a strategy (`strategy` must name an existing strategy)',
      params: workspaceParams,
      body: campaignSchema,
      response: { 201: savedCampaignResponse, ...errors },
    },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const saved = await saveCampaign(pool, { workspaceId: workspace.id, actor: req.actor }, req.body, 'create');
    return reply.status(201).send(flatten(saved));
  });

  app.post('/workspaces/:workspaceId/strategies/:strategyId/campaigns', {
    config: { access: 'plan.write' },
    schema: {
      tags,
      summary: 'Create a campaign inside this strategy',
      params: strategyParams,
      body: campaignSchema,
      response: { 201: savedCampaignResponse, ...errors },
    },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const { strategyId } = req.params;
    if (req.body.strategy !== undefined && req.body.strategy !== strategyId) {
      throw new AppError('plan.strategy_mismatch', `The body names strategy "${req.body.strategy}" but the URL "${strategyId}".`, 400);
    }
    const saved = await saveCampaign(pool, { workspaceId: workspace.id, actor: req.actor }, { ...req.body, strategy: strategyId }, 'create');
    return reply.status(201).send(flatten(saved));
  });

  app.get('/workspaces/:workspaceId/campaigns/:campaignId', {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'A campaign, its strategy and the findings', params: campaignParams, response: { 200: campaignDetailResponse, ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    const stored = await getCampaign(pool, workspace.id, req.params.campaignId);
    const strategyId = stored.doc.strategy!;
    const [strategy, lint, status] = await Promise.all([
      getStrategy(pool, workspace.id, strategyId),
      lintStoredStrategy(pool, workspace.id, strategyId),
      findCampaignStatus(pool, workspace.id, stored.doc.id),
    ]);
    if (!status) throw notFound('campaign', stored.doc.id); // deleted between the two reads
    return {
      campaign: stored.doc,
      version: stored.version,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      strategy: { id: strategy.doc.id, name: strategy.doc.name },
      status: status.status,
      statusChangedAt: status.statusChangedAt,
      ...lint,
    };
  });

  app.put('/workspaces/:workspaceId/campaigns/:campaignId', {
    config: { access: 'plan.write' },
    schema: { tags, summary: 'Replace a campaign', params: campaignParams, headers: ifMatchHeaders, body: campaignSchema, response: { 200: savedCampaignResponse, ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    assertSameId(req.body.id, req.params.campaignId);
    const ctx = { workspaceId: workspace.id, actor: req.actor, expectedVersion: versionOf(req.headers['if-match']) };
    return flatten(await saveCampaign(pool, ctx, req.body, 'update'));
  });

  app.delete('/workspaces/:workspaceId/campaigns/:campaignId', {
    config: { access: 'plan.write' },
    schema: { tags, summary: 'Delete a campaign', params: campaignParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    await deleteCampaign(pool, { workspaceId: workspace.id, actor: req.actor }, req.params.campaignId);
    return reply.status(204).send(null);
  });

  app.post('/workspaces/:workspaceId/lint', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      summary: 'Preview an import: lint documents together with what the workspace already stores',
      params: workspaceParams,
      body: documentsBodySchema,
      response: { 200: lintResponse, ...errors, 413: errorBodySchema, 503: errorBodySchema },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    // Schema problems are findings here, as in the CLI: the preview shows them instead of refusing.
    const loaded = await parser.load(req.body);
    return withSchemaFindings(loaded.findings, await lintInWorkspace(pool, workspace.id, loaded.documents));
  });

  app.post('/workspaces/:workspaceId/import', {
    config: { access: 'plan.write' },
    schema: {
      tags,
      summary: 'Import plan documents (YAML or JSON) in one transaction',
      params: workspaceParams,
      body: documentsBodySchema,
      response: { 200: importResponse, ...errors, 413: errorBodySchema, 503: errorBodySchema },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    const docs = (await loadForImport(parser, req.body)).map((l) => l.doc);
    return flatten(await importPlan(pool, { workspaceId: workspace.id, actor: req.actor }, docs));
  });

  // Campaigns of one strategy, for screens that start from the strategy.
  app.get('/workspaces/:workspaceId/strategies/:strategyId/campaigns', {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'Campaigns of a strategy', params: strategyParams, response: { 200: z.object({ campaigns: z.array(campaignSummarySchema) }), ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    await getStrategy(pool, workspace.id, req.params.strategyId);
    return { campaigns: await listCampaigns(pool, workspace.id, req.params.strategyId) };
  });
}
