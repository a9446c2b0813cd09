/**
 * The plan API's contract: strategies, the campaigns inside them, lint, import and export, a
 * campaign's readiness and status, and a strategy's versions. Routes in ./routes.ts.
 */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { planEndpoints as at } from './endpoints.ts';
import {
  campaignDetailResponse,
  campaignListQuery,
  campaignListResponse,
  campaignParams,
  campaignReadinessResponse,
  campaignSchema,
  campaignStatusBody,
  campaignStatusResponse,
  diffQuery,
  documentsBodySchema,
  EXPORT_CONTENT_TYPES,
  exportedFileBody,
  exportQuery,
  ifMatchHeaders,
  importResponse,
  lintResponse,
  savedCampaignResponse,
  savedStrategyResponse,
  strategyDetailResponse,
  strategyListResponse,
  strategyParams,
  strategySchema,
  versionDetailResponse,
  versionDiffResponse,
  versionListResponse,
  versionParams,
  workspaceParams,
} from './schema.ts';

const tags = ['plan'] as const;
const errors = errorResponses(400, 401, 403, 404, 409, 422);

export const planContract = {
  lint: defineRoute({
    ...at.lint,
    access: 'public',
    tags,
    summary: 'Lint plan documents (YAML or JSON) with every rule; stores nothing',
    description:
      'Needs no account. Requests per client address are limited (LINT_RATE_*; over the limit: 429 `auth.rate_limited` with ' +
      '`Retry-After`); a body with more than 1,000 documents, or that takes more than 5 s to read, gets 413 `plan.too_complex`; ' +
      'while many bodies wait to be read, 503 `server.busy` with `Retry-After`.',
    body: documentsBodySchema,
    responses: { 200: lintResponse, ...errorResponses(400, 413, 429, 503) },
  }),

  listStrategies: defineRoute({
    ...at.listStrategies,
    access: 'workspace.read',
    tags,
    summary: 'List strategies',
    params: workspaceParams,
    responses: { 200: strategyListResponse, ...errors },
  }),

  createStrategy: defineRoute({
    ...at.createStrategy,
    access: 'plan.write',
    tags,
    summary: 'Create a strategy',
    params: workspaceParams,
    body: strategySchema,
    responses: { 201: savedStrategyResponse, ...errors },
  }),

  getStrategy: defineRoute({
    ...at.getStrategy,
    access: 'workspace.read',
    tags,
    summary: 'A strategy with its campaigns and findings',
    params: strategyParams,
    responses: { 200: strategyDetailResponse, ...errors },
  }),

  replaceStrategy: defineRoute({
    ...at.replaceStrategy,
    access: 'plan.write',
    tags,
    summary: 'Replace a strategy',
    params: strategyParams,
    headers: ifMatchHeaders,
    body: strategySchema,
    responses: { 200: savedStrategyResponse, ...errors },
  }),

  deleteStrategy: defineRoute({
    ...at.deleteStrategy,
    access: 'plan.write',
    tags,
    summary: 'Delete a strategy that has no campaigns',
    params: strategyParams,
    responses: { 204: noContent, ...errors },
  }),

  exportStrategy: defineRoute({
    ...at.exportStrategy,
    access: 'plan.export',
    tags,
    summary: 'Export a strategy with its campaigns: YAML (plan-as-code), or the master document as Markdown, PDF or DOCX',
    description: 'Answers the file as an attachment named `<strategy id>.<format>`.',
    params: strategyParams,
    query: exportQuery,
    produces: Object.values(EXPORT_CONTENT_TYPES),
    responses: { 200: exportedFileBody, ...errors },
  }),

  listCampaigns: defineRoute({
    ...at.listCampaigns,
    access: 'workspace.read',
    tags,
    summary: 'List campaigns, optionally of one strategy',
    params: workspaceParams,
    query: campaignListQuery,
    responses: { 200: campaignListResponse, ...errors },
  }),

  createCampaign: defineRoute({
    ...at.createCampaign,
    access: 'plan.write',
    tags,
    summary: 'Create a campaign inside a strategy (`strategy` must name an existing strategy)',
    params: workspaceParams,
    body: campaignSchema,
    responses: { 201: savedCampaignResponse, ...errors },
  }),

  createStrategyCampaign: defineRoute({
    ...at.createStrategyCampaign,
    access: 'plan.write',
    tags,
    summary: 'Create a campaign inside this strategy',
    params: strategyParams,
    body: campaignSchema,
    responses: { 201: savedCampaignResponse, ...errors },
  }),

  getCampaign: defineRoute({
    ...at.getCampaign,
    access: 'workspace.read',
    tags,
    summary: 'A campaign, its strategy and the findings',
    params: campaignParams,
    responses: { 200: campaignDetailResponse, ...errors },
  }),

  replaceCampaign: defineRoute({
    ...at.replaceCampaign,
    access: 'plan.write',
    tags,
    summary: 'Replace a campaign',
    params: campaignParams,
    headers: ifMatchHeaders,
    body: campaignSchema,
    responses: { 200: savedCampaignResponse, ...errors },
  }),

  deleteCampaign: defineRoute({
    ...at.deleteCampaign,
    access: 'plan.write',
    tags,
    summary: 'Delete a campaign',
    params: campaignParams,
    responses: { 204: noContent, ...errors },
  }),

  lintInWorkspace: defineRoute({
    ...at.lintInWorkspace,
    access: 'workspace.read',
    tags,
    summary: 'Preview an import: lint documents together with what the workspace already stores',
    params: workspaceParams,
    body: documentsBodySchema,
    responses: { 200: lintResponse, ...errors, ...errorResponses(413, 503) },
  }),

  importPlan: defineRoute({
    ...at.importPlan,
    access: 'plan.write',
    tags,
    summary: 'Import plan documents (YAML or JSON) in one transaction',
    params: workspaceParams,
    body: documentsBodySchema,
    responses: { 200: importResponse, ...errors, ...errorResponses(413, 503) },
  }),

  // Campaigns of one strategy, for screens that start from the strategy.
  listStrategyCampaigns: defineRoute({
    ...at.listStrategyCampaigns,
    access: 'workspace.read',
    tags,
    summary: 'Campaigns of a strategy',
    params: strategyParams,
    responses: { 200: campaignListResponse, ...errors },
  }),

  // ——— campaign status: the readiness checklist, and status changes (activation is readiness-gated) ———

  getCampaignReadiness: defineRoute({
    ...at.getCampaignReadiness,
    access: 'workspace.read',
    tags,
    summary: "A campaign's readiness checklist (what must be true before it is activated) and its status",
    params: campaignParams,
    responses: { 200: campaignReadinessResponse, ...errorResponses(400, 401, 403, 404, 409) },
  }),

  changeCampaignStatus: defineRoute({
    ...at.changeCampaignStatus,
    access: 'plan.write',
    tags,
    summary: "Change a campaign's status (planned, active, completed, cancelled)",
    description:
      'Activating needs every readiness item met; otherwise 409 `plan.campaign_not_ready` (details.unmet), unless a ' +
      'workspace owner sends `overrideReason` (recorded in the audit log; other roles get 403 `auth.forbidden`). ' +
      'Transitions outside the table answer 409 `plan.invalid_status_transition`. Setting the current status again changes nothing.',
    params: campaignParams,
    body: campaignStatusBody,
    responses: { 200: campaignStatusResponse, ...errorResponses(400, 401, 403, 404, 409) },
  }),

  // ——— strategy versions: every saved state, kept for good, and the semantic diff of any two ———
  // workspace.read, like the strategy itself: an old version shows nothing a reader could not see when it was current.

  listStrategyVersions: defineRoute({
    ...at.listStrategyVersions,
    access: 'workspace.read',
    tags,
    summary: "A strategy's versions, newest first: who saved each, when and why (edit, import, review)",
    params: strategyParams,
    responses: { 200: versionListResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  getStrategyVersion: defineRoute({
    ...at.getStrategyVersion,
    access: 'workspace.read',
    tags,
    summary: 'One version of a strategy, with its document as it was saved',
    params: versionParams,
    responses: { 200: versionDetailResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  diffStrategyVersions: defineRoute({
    ...at.diffStrategyVersions,
    access: 'workspace.read',
    tags,
    summary: 'What changed between two versions of a strategy: entities added, removed, and fields old → new',
    description: 'The semantic diff of `groundwork diff`: objectives, KPIs, channels, personas, pillars and people matched by id.',
    params: strategyParams,
    query: diffQuery,
    responses: { 200: versionDiffResponse, ...errorResponses(400, 401, 403, 404) },
  }),
};
