/** Plan API: strategies, the campaigns inside them, lint, import and export, as ./contract.ts defines them. Thin: parse → authorize → call → present. */
import type { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import { register, type App } from '../http/kit.ts';
import { authRateLimit } from '../auth/rate-limit.ts';
import type { LoadedDocument } from '../plan/load.ts';
import { withSchemaFindings } from '../plan/parse-worker.ts';
import type { LintResult } from '../plan/schema.ts';
import { planContract as contract } from './contract.ts';
import { deleteCampaign } from './delete-campaign.ts';
import { deleteStrategy } from './delete-strategy.ts';
import { diffStrategyVersions } from './diff-strategy-versions.ts';
import { exportStrategy } from './export-strategy.ts';
import { findCampaignStatus } from './get-campaign-readiness.ts';
import { getStrategyVersion } from './get-strategy-version.ts';
import { importPlan } from './import-plan.ts';
import { lintInWorkspace } from './lint-in-workspace.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';
import { listCampaigns, listStrategies } from './list-plan.ts';
import { listStrategyVersions } from './list-strategy-versions.ts';
import { saveCampaign } from './save-campaign.ts';
import { saveStrategy } from './save-strategy.ts';
import type { documentsBodySchema } from './schema.ts';
import { campaignStatusRoutes } from './status-routes.ts';
import { getCampaign, getStrategy } from './store.ts';

const versionOf = (ifMatch: string | undefined) => (ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, '')));
const flatten = <T extends { lint: LintResult }>({ lint, ...rest }: T) => ({ ...rest, ...lint });

/** A PUT replaces the document at its URL; ids are permanent (campaigns and exports refer to them). */
function assertSameId(bodyId: string, urlId: string): void {
  if (bodyId !== urlId)
    throw new AppError('plan.id_mismatch', `The body's id "${bodyId}" differs from the URL's "${urlId}"; ids cannot be renamed.`, 400);
}

/** Loads an import body (in a worker); a schema error refuses the whole import (warnings do not). */
async function loadForImport(parser: ParsePool, body: z.infer<typeof documentsBodySchema>): Promise<LoadedDocument[]> {
  const { documents, findings } = await parser.load(body);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    throw new AppError(
      'plan.invalid',
      `The documents are not valid plan documents (${errors.length} problem(s)); see details.findings.`,
      400,
      {
        findings: errors,
      },
    );
  }
  return documents;
}

export async function planRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;
  // Parsing and linting a body runs in worker threads, so a hostile one cannot stall other requests.
  const parser = createParsePool();
  app.addHook('onClose', () => parser.close());
  // Anyone may lint without an account: per client address only (LINT_RATE_*), there is no account to count.
  const lintLimit = authRateLimit(app, { ...config.lintRateLimit, maxPerAccount: config.lintRateLimit.maxPerIp }, 'lint', () => null);

  register(app, contract.lint, async (req) => parser.lint(req.body), { preHandler: lintLimit });

  register(app, contract.listStrategies, async (req) => {
    const { workspace } = req.authorized;
    return { strategies: await listStrategies(pool, workspace.id) };
  });

  register(app, contract.createStrategy, async (req, reply) => {
    const { workspace } = req.authorized;
    const saved = await saveStrategy(pool, { workspaceId: workspace.id, actor: req.actor }, req.body, 'create');
    return reply.status(201).send(flatten(saved));
  });

  register(app, contract.getStrategy, async (req) => {
    const { workspace } = req.authorized;
    const stored = await getStrategy(pool, workspace.id, req.params.strategyId);
    const [campaigns, lint] = await Promise.all([
      listCampaigns(pool, workspace.id, stored.doc.id),
      lintStoredStrategy(pool, workspace.id, stored),
    ]);
    return { strategy: stored.doc, version: stored.version, createdAt: stored.createdAt, updatedAt: stored.updatedAt, campaigns, ...lint };
  });

  register(app, contract.replaceStrategy, async (req) => {
    const { workspace } = req.authorized;
    assertSameId(req.body.id, req.params.strategyId);
    const ctx = { workspaceId: workspace.id, actor: req.actor, expectedVersion: versionOf(req.headers['if-match']) };
    return flatten(await saveStrategy(pool, ctx, req.body, 'update'));
  });

  register(app, contract.deleteStrategy, async (req, reply) => {
    const { workspace } = req.authorized;
    await deleteStrategy(pool, { workspaceId: workspace.id, actor: req.actor }, req.params.strategyId);
    return reply.status(204).send(null);
  });

  register(app, contract.exportStrategy, async (req, reply) => {
    const { workspace } = req.authorized;
    const file = await exportStrategy(pool, workspace.id, req.params.strategyId, req.query.format);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  });

  register(app, contract.listCampaigns, async (req) => {
    const { workspace } = req.authorized;
    return { campaigns: await listCampaigns(pool, workspace.id, req.query.strategy) };
  });

  register(app, contract.createCampaign, async (req, reply) => {
    const { workspace } = req.authorized;
    const saved = await saveCampaign(pool, { workspaceId: workspace.id, actor: req.actor }, req.body, 'create');
    return reply.status(201).send(flatten(saved));
  });

  register(app, contract.createStrategyCampaign, async (req, reply) => {
    const { workspace } = req.authorized;
    const { strategyId } = req.params;
    if (req.body.strategy !== undefined && req.body.strategy !== strategyId) {
      throw new AppError('plan.strategy_mismatch', `The body names strategy "${req.body.strategy}" but the URL "${strategyId}".`, 400);
    }
    const saved = await saveCampaign(
      pool,
      { workspaceId: workspace.id, actor: req.actor },
      { ...req.body, strategy: strategyId },
      'create',
    );
    return reply.status(201).send(flatten(saved));
  });

  register(app, contract.getCampaign, async (req) => {
    const { workspace } = req.authorized;
    const stored = await getCampaign(pool, workspace.id, req.params.campaignId);
    const strategyId = stored.doc.strategy!;
    const strategy = await getStrategy(pool, workspace.id, strategyId);
    const [lint, status] = await Promise.all([
      lintStoredStrategy(pool, workspace.id, strategy),
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

  register(app, contract.replaceCampaign, async (req) => {
    const { workspace } = req.authorized;
    assertSameId(req.body.id, req.params.campaignId);
    const ctx = { workspaceId: workspace.id, actor: req.actor, expectedVersion: versionOf(req.headers['if-match']) };
    return flatten(await saveCampaign(pool, ctx, req.body, 'update'));
  });

  register(app, contract.deleteCampaign, async (req, reply) => {
    const { workspace } = req.authorized;
    await deleteCampaign(pool, { workspaceId: workspace.id, actor: req.actor }, req.params.campaignId);
    return reply.status(204).send(null);
  });

  register(app, contract.lintInWorkspace, async (req) => {
    const { workspace } = req.authorized;
    // Schema problems are findings here, as in the CLI: the preview shows them instead of refusing.
    const loaded = await parser.load(req.body);
    return withSchemaFindings(loaded.findings, await lintInWorkspace(pool, workspace.id, loaded.documents));
  });

  register(app, contract.importPlan, async (req) => {
    const { workspace } = req.authorized;
    const docs = (await loadForImport(parser, req.body)).map((l) => l.doc);
    return flatten(await importPlan(pool, { workspaceId: workspace.id, actor: req.actor }, docs));
  });

  register(app, contract.listStrategyCampaigns, async (req) => {
    const { workspace } = req.authorized;
    await getStrategy(pool, workspace.id, req.params.strategyId);
    return { campaigns: await listCampaigns(pool, workspace.id, req.params.strategyId) };
  });

  register(app, contract.listStrategyVersions, async (req) => {
    const { workspace } = req.authorized;
    return { versions: await listStrategyVersions(pool, workspace.id, req.params.strategyId) };
  });

  register(app, contract.getStrategyVersion, async (req) => {
    const { workspace } = req.authorized;
    return getStrategyVersion(pool, workspace.id, req.params.strategyId, req.params.version);
  });

  register(app, contract.diffStrategyVersions, async (req) => {
    const { workspace } = req.authorized;
    return diffStrategyVersions(pool, workspace.id, req.params.strategyId, req.query.from, req.query.to);
  });

  // The campaign status entries of the same contract.
  await campaignStatusRoutes(app);
}
