/**
 * Request and response shapes of the plan API (the documents themselves come from plan/schema.ts).
 * Pure (zod and the pure plan model): the API contract (./contract.ts) and the web app import it.
 */
import { z } from 'zod';
import { DIFF_ENTITIES } from '../plan/diff.ts';
import { campaignStatusSchema, READINESS_ITEM_IDS, readinessSchema } from '../plan/readiness.ts';
import { campaignSchema, findingSchema, lintSummarySchema, strategySchema } from '../plan/schema.ts';

/** The plan documents themselves: the bodies of create and replace. */
export { campaignSchema, strategySchema };

export const EXPORT_FORMATS = ['yaml', 'md', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  yaml: 'application/yaml; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

// Ids in URLs are checked by lookup, not by shape, so any unknown or foreign id answers the same 404.
const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });
export const strategyParams = workspaceParams.extend({ strategyId: ref });
export const campaignParams = workspaceParams.extend({ campaignId: ref });

export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'must be the version number you last read, e.g. "3"')
    .optional()
    .describe('Optimistic concurrency: refuse the write (409 plan.version_conflict) unless the stored version is this one.'),
});

const lintFields = { findings: z.array(findingSchema), summary: lintSummarySchema };
const meta = { version: z.number().int(), outcome: z.enum(['created', 'updated', 'unchanged']) };

export const savedStrategyResponse = z.object({ strategy: strategySchema, ...meta, ...lintFields });
export const savedCampaignResponse = z.object({ campaign: campaignSchema, ...meta, ...lintFields });

export const strategySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  period: z.object({ start: z.string(), end: z.string() }),
  campaignCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const campaignSummarySchema = z.object({
  id: z.string(),
  strategy: z.string(),
  name: z.string(),
  type: z.string(),
  start: z.string(),
  end: z.string(),
  owner: z.string().nullable(),
  /** Operational status (not part of the plan document). */
  status: campaignStatusSchema,
  version: z.number().int(),
  updatedAt: z.string(),
});

export const strategyDetailResponse = z.object({
  strategy: strategySchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  campaigns: z.array(campaignSummarySchema),
  ...lintFields,
});
export const campaignDetailResponse = z.object({
  campaign: campaignSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  strategy: z.object({ id: z.string(), name: z.string() }),
  /** Operational status (not part of the plan document); change it with POST …/campaigns/{id}/status. */
  status: campaignStatusSchema,
  statusChangedAt: z.string().nullable(),
  ...lintFields,
});

/** JSON form of plan documents for lint and import; YAML bodies (application/yaml, application/x-yaml, text/yaml, text/x-yaml) are accepted too; text/plain is not (415: another site's page can send it without a preflight). */
export const documentsBodySchema = z.union([
  z.object({ documents: z.array(z.unknown()).max(10_000) }).describe('{ documents: [strategy | campaign, …] }'),
  z.array(z.unknown()).max(10_000).describe('[strategy | campaign, …]'),
  z.string().describe('YAML text, documents separated by ---'),
  z.record(z.string(), z.unknown()).describe('one strategy or campaign document'),
]);
export const lintResponse = z.object(lintFields);

export const importResponse = z.object({
  documents: z.array(
    z.object({ kind: z.enum(['strategy', 'campaign']), id: z.string(), outcome: meta.outcome, version: z.number().int() }),
  ),
  ...lintFields,
});

export const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('yaml') });
/** The exported file: text (yaml, md) or bytes (pdf, docx: a Buffer, which Fastify sends as it is). */
export const exportedFileBody = z
  .custom<string | Uint8Array>((v) => typeof v === 'string' || v instanceof Uint8Array)
  .describe('The exported file');
export const campaignListQuery = z.object({ strategy: ref.optional() });

export const strategyListResponse = z.object({ strategies: z.array(strategySummarySchema) });
export const campaignListResponse = z.object({ campaigns: z.array(campaignSummarySchema) });

// ——— campaign status and readiness ———

export const campaignReadinessResponse = readinessSchema.extend({
  status: campaignStatusSchema,
  /** When the status last changed; null while it is still the initial `planned`. */
  statusChangedAt: z.string().nullable(),
  /** Statuses the campaign may change to from its current one. */
  nextStatuses: z.array(campaignStatusSchema),
});

export const campaignStatusBody = z.strictObject({
  status: campaignStatusSchema,
  overrideReason: z
    .string()
    .trim()
    .min(10)
    .max(1000)
    .optional()
    .describe('Activate despite unmet readiness items (workspace owners only); recorded in the audit log.'),
});

export const campaignStatusResponse = z.object({
  campaign: z.string(),
  status: campaignStatusSchema,
  previousStatus: campaignStatusSchema,
  /** False when the campaign already had the requested status (nothing written). */
  changed: z.boolean(),
  statusChangedAt: z.string().nullable(),
  /** Set when an owner activated the campaign despite unmet readiness items. */
  override: z.object({ reason: z.string(), unmet: z.array(z.enum(READINESS_ITEM_IDS)) }).nullable(),
});

// ——— strategy versions ———

/** Why a version of a strategy exists: an edit (the builder, PUT), an import, or an accepted review suggestion. */
export const VERSION_REASONS = ['edit', 'import', 'review'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

export const versionParams = strategyParams.extend({ version: ref });

export const versionSummarySchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  /** Who saved it; null for a system write (or a user since deleted). */
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.enum(VERSION_REASONS),
  /** The review whose accepted suggestion made this version. */
  reviewId: z.string().nullable(),
});
export const versionListResponse = z.object({ versions: z.array(versionSummarySchema) });
export const versionDetailResponse = versionSummarySchema.extend({ strategy: strategySchema });

export const diffQuery = z.object({
  // Postgres integers: a larger number would be an error there, not an unknown version.
  from: z.coerce.number().int().min(1).max(2_147_483_647).describe('The older version'),
  to: z.coerce.number().int().min(1).max(2_147_483_647).describe('The newer version'),
});
/** One change of the semantic diff (src/plan/diff.ts). */
export const planChangeSchema = z.object({
  op: z.enum(['added', 'removed', 'changed']),
  entity: z.enum(DIFF_ENTITIES),
  id: z.string(),
  field: z.string(),
  old: z.unknown(),
  new: z.unknown(),
});
export const versionDiffResponse = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(planChangeSchema) });
