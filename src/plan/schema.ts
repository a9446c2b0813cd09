/**
 * The plan model: a long-term strategy and the campaigns that live inside it.
 *
 * These zod schemas are the single source of every plan shape (types are inferred). They check
 * *form* — types, enums, ranges, unknown keys. Whether a plan is *good* (complete KPIs, campaigns
 * inside the strategy's period and channels, capacity…) is the rules engine's job, so fields that a
 * rule reports on (a KPI's baseline, a campaign's owner or strategy…) are optional here: a draft plan
 * must be storable and lintable while it is still weak.
 */
import { z } from 'zod';

export const PLATFORMS = [
  'bluesky',
  'mastodon',
  'x',
  'linkedin',
  'instagram',
  'facebook',
  'threads',
  'youtube',
  'tiktok',
  'pinterest',
  'blog',
  'newsletter',
  'other',
] as const;
export const OBJECTIVE_AREAS = [
  'marketing',
  'pr',
  'sales',
  'product-development',
  'awareness',
  'customer-service',
  'traffic',
  'brand',
] as const;
export const KPI_KINDS = ['brand', 'financial', 'engagement', 'reach', 'traffic', 'service'] as const;
export const CAMPAIGN_TYPES = ['product-launch', 'event', 'service-promotion', 'other'] as const;
export const RESPONSE_METRICS = ['page_views', 'sales', 'signups', 'leads', 'downloads', 'registrations', 'other'] as const;
export const SUPPORT_KINDS = ['advertising', 'pr', 'influencers', 'marketing', 'partners', 'customers', 'investors'] as const;

/** Ids are user-chosen slugs, stable across files, exports and URLs. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit');

/**
 * The last year of a plan date. The rules compute dates up to 60 months (settings.campaignLeadMonths)
 * past a plan's dates and name them in their messages, and a date past 9999 cannot be written
 * YYYY: with plan dates up to 9999 the rules failed. A century of headroom for rules to come.
 */
export const MAX_PLAN_YEAR = 9899;

/** ISO calendar date `YYYY-MM-DD` that really exists (2027-02-30 is refused), in years 0001 to MAX_PLAN_YEAR. */
export const isoDateSchema = z.iso
  .date({ message: 'must be a date written YYYY-MM-DD' })
  // ISO 8601 has a year 0000 but Postgres does not (it goes from 1 BC to AD 1): storing it fails.
  .refine((d) => !d.startsWith('0000-'), { message: 'must be a date in year 0001 or later' })
  .refine((d) => Number(d.slice(0, 4)) <= MAX_PLAN_YEAR, { message: `must be a date in year ${MAX_PLAN_YEAR} or earlier` });

const text = (max = 2000) => z.string().trim().min(1).max(max);
const share = z.number().min(0).max(1);

export const moneySchema = z.strictObject({
  amount: z.number().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR or USD'),
});

export const personaSchema = z.strictObject({
  id: idSchema,
  name: text(200),
  description: text().optional(),
  painPoints: z.array(text(500)).default([]),
  /** Channel ids where this persona is reached. */
  channels: z.array(idSchema).default([]),
});

export const channelSchema = z.strictObject({
  id: idSchema,
  platform: z.enum(PLATFORMS),
  handle: text(200).optional(),
  /** How the channel is used: what it is for, in one sentence. */
  purpose: text().optional(),
  cadence: z.strictObject({ postsPerWeek: z.number().nonnegative().max(1000) }).optional(),
  /** Person id from resources.people. */
  owner: idSchema.optional(),
  baseline: z.strictObject({ followers: z.number().int().nonnegative(), engagementRate: share.optional() }).optional(),
});

export const pillarSchema = z.strictObject({
  id: idSchema,
  name: text(200),
  share,
  promotional: z.boolean().default(false),
});

/**
 * Where a KPI's values come from. `metric` is a catalogue id (src/plan/metrics.ts) or `manual`;
 * any text is accepted here so that the rule kpi-unknown-metric can report a wrong one with its line.
 */
export const kpiSourceSchema = z.strictObject({
  metric: z.string().trim().min(1).max(100),
  /** Channel id the metric is measured on; without it, the KPI's own `channel` (if any). */
  channel: idSchema.optional(),
  /** Campaign id: count only what belongs to this campaign of the strategy. */
  campaign: idSchema.optional(),
});

export const kpiSchema = z.strictObject({
  id: idSchema,
  /** What is measured, in words ("Instagram followers"). */
  metric: text(200),
  /** The metric it is bound to, for measured progress. Optional: plans without it stay valid. */
  source: kpiSourceSchema.optional(),
  /** Channel id, when the KPI is measured on one channel. */
  channel: idSchema.optional(),
  baseline: z.number().optional(),
  target: z.number().optional(),
  due: isoDateSchema.optional(),
  kind: z.enum(KPI_KINDS),
});

export const tacticSchema = z.strictObject({
  statement: text(),
  channels: z.array(idSchema).default([]),
});

export const objectiveStrategySchema = z.strictObject({
  statement: text(),
  tactics: z.array(tacticSchema).default([]),
});

export const objectiveSchema = z.strictObject({
  id: idSchema,
  area: z.enum(OBJECTIVE_AREAS),
  statement: text(),
  strategies: z.array(objectiveStrategySchema).default([]),
  kpis: z.array(kpiSchema).default([]),
});

export const personSchema = z.strictObject({
  id: idSchema,
  name: text(200),
  role: text(200).optional(),
  hoursPerWeek: z.number().nonnegative().max(168).default(0),
});

export const strategySettingsSchema = z.strictObject({
  /** Months between the strategy's start and the first campaign: the base must exist first. */
  campaignLeadMonths: z.number().int().nonnegative().max(60).default(6),
  minBaseFollowers: z.number().int().nonnegative().default(100),
  minutesPerPost: z
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
});

/** How often a strategy is reviewed (KPIs against targets, suggestions, decisions). Absent: quarterly. */
export const REVIEW_CADENCES = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type ReviewCadence = (typeof REVIEW_CADENCES)[number];
export const DEFAULT_REVIEW_CADENCE: ReviewCadence = 'quarterly';

export const strategySchema = z.strictObject({
  kind: z.literal('strategy').default('strategy'),
  id: idSchema,
  name: text(200),
  organisation: text(200),
  period: z.strictObject({ start: isoDateSchema, end: isoDateSchema }),
  integration: z.strictObject({ marketingPlan: text().optional(), notes: text(5000).optional() }).prefault({}),
  audience: z.strictObject({ personas: z.array(personaSchema).default([]) }).prefault({}),
  channels: z.array(channelSchema).default([]),
  pillars: z.array(pillarSchema).default([]),
  contentMix: z.strictObject({ maxPromotionalShare: share.default(0.2) }).prefault({}),
  objectives: z.array(objectiveSchema).default([]),
  resources: z
    .strictObject({
      people: z.array(personSchema).default([]),
      budget: moneySchema.optional(),
      tools: z.array(text(200)).default([]),
    })
    .prefault({}),
  settings: strategySettingsSchema.prefault({}),
  /** Optional and without a default, so documents written before it export byte for byte as they were. */
  review: z.strictObject({ cadence: z.enum(REVIEW_CADENCES) }).optional(),
});

export const taskSchema = z.strictObject({
  title: text(500),
  owner: idSchema.optional(),
  due: isoDateSchema.optional(),
});

export const phaseSchema = z.strictObject({
  name: text(200),
  start: isoDateSchema,
  end: isoDateSchema,
  tasks: z.array(taskSchema).default([]),
});

export const campaignSchema = z.strictObject({
  kind: z.literal('campaign').default('campaign'),
  id: idSchema,
  /** Id of the strategy this campaign lives in. Optional in form only, so the rule can name it. */
  strategy: idSchema.optional(),
  name: text(200),
  type: z.enum(CAMPAIGN_TYPES),
  start: isoDateSchema,
  end: isoDateSchema,
  /** Persona ids of the strategy. */
  audience: z.array(idSchema).default([]),
  /** Channel ids of the strategy. */
  channels: z.array(idSchema).default([]),
  /** Person id of the strategy's resources.people. */
  owner: idSchema.optional(),
  response: z
    .strictObject({
      metric: z.enum(RESPONSE_METRICS).optional(),
      target: z.number().optional(),
      unit: text(100).optional(),
    })
    .optional(),
  budget: moneySchema.optional(),
  expectedRevenue: z.number().nonnegative().optional(),
  support: z.array(z.enum(SUPPORT_KINDS)).default([]),
  phases: z.array(phaseSchema).default([]),
});

/** One YAML/JSON document: either a strategy or a campaign, told apart by `kind`. */
export const planDocumentSchema = z.discriminatedUnion('kind', [
  strategySchema.extend({ kind: z.literal('strategy') }),
  campaignSchema.extend({ kind: z.literal('campaign') }),
]);

export type Strategy = z.output<typeof strategySchema>;
export type StrategyInput = z.input<typeof strategySchema>;
export type Campaign = z.output<typeof campaignSchema>;
export type CampaignInput = z.input<typeof campaignSchema>;
export type PlanDocument = z.output<typeof planDocumentSchema>;
export type Channel = z.output<typeof channelSchema>;
export type Kpi = z.output<typeof kpiSchema>;
export type Platform = (typeof PLATFORMS)[number];

// ——— Lint findings: the one shape shared by the CLI, the API and the UI ———

export const severitySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  rule: z.string(),
  severity: severitySchema,
  message: z.string(),
  /** File the document came from (CLI), or omitted for API bodies. */
  file: z.string().optional(),
  /** JSON pointer into the document, e.g. `/objectives/1/kpis/0`; "" is the whole document. */
  path: z.string(),
  /** Id of the document the finding is about, when it has one. */
  document: z.string().optional(),
  /** 1-based line in the file, when the document came from YAML. */
  line: z.number().int().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const lintSummarySchema = z.object({ errors: z.number().int(), warnings: z.number().int() });
export const lintResultSchema = z.object({ findings: z.array(findingSchema), summary: lintSummarySchema });
export type LintResult = z.infer<typeof lintResultSchema>;
