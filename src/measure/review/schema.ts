/**
 * Shapes of the review cycle: what a review found (stored as generated), the changes its suggestions
 * propose to the strategy document, and the API's bodies and answers. Pure (zod and the plan model):
 * the contract (./contract.ts) and the web app import it.
 */
import { z } from 'zod';
import { campaignRoiSchema } from '../costs/schema.ts';
import { kpiProgressFields } from '../dashboards/schema.ts';
import { findingSchema, isoDateSchema, lintSummarySchema, REVIEW_CADENCES } from '../../plan/schema.ts';

// ——— what a suggestion proposes: one change to the strategy document ———
// Each names the value it expects to find (`from`), so accepting it against a strategy that changed
// since is refused (409 review.suggestion_conflict) instead of overwriting someone's edit.

const setKpiTarget = z.strictObject({ op: z.literal('set-kpi-target'), kpi: z.string(), from: z.number(), to: z.number() });
const setKpiDue = z.strictObject({ op: z.literal('set-kpi-due'), kpi: z.string(), from: isoDateSchema, to: isoDateSchema });
/** Moves `amount` of content share from one pillar to another (`from` is the first pillar's share). */
const movePillarShare = z.strictObject({
  op: z.literal('move-pillar-share'),
  pillar: z.string(),
  toPillar: z.string(),
  from: z.number(),
  amount: z.number().positive(),
});
const setChannelCadence = z.strictObject({
  op: z.literal('set-channel-cadence'),
  channel: z.string(),
  from: z.number(),
  to: z.number().nonnegative(),
});
export const strategyChangeSchema = z.discriminatedUnion('op', [setKpiTarget, setKpiDue, movePillarShare, setChannelCadence]);
export type StrategyChange = z.infer<typeof strategyChangeSchema>;

export const SUGGESTION_RULES = ['pillar-low-engagement', 'kpi-behind-twice', 'channel-under-cadence', 'kpi-achieved-early'] as const;
export type SuggestionRule = (typeof SUGGESTION_RULES)[number];

export const suggestionDraftSchema = z.object({ rule: z.enum(SUGGESTION_RULES), change: strategyChangeSchema, rationale: z.string() });
export type SuggestionDraft = z.infer<typeof suggestionDraftSchema>;

// ——— what a review found ———

const kpiRowSchema = z.object({
  id: z.string(),
  objective: z.string(),
  metric: z.string(),
  ...kpiProgressFields,
});

const postSummarySchema = z.object({
  postId: z.string(),
  /** The post's text, shortened. */
  text: z.string(),
  channels: z.array(z.string()),
  publishedAt: z.string(),
  engagements: z.number(),
});
export type PostSummary = z.infer<typeof postSummarySchema>;

export const ENGAGEMENT_METHODS = ['per_impression', 'per_follower', 'per_post'] as const;

const pillarRowSchema = z.object({
  pillar: z.string(),
  name: z.string(),
  share: z.number(),
  posts: z.number().int(),
  engagements: z.number(),
  impressions: z.number(),
  /** Null with no posts in the period. */
  engagementRate: z.number().nullable(),
  /** How the rate was computed: the same method for every pillar of a review, so they compare. */
  method: z.enum(ENGAGEMENT_METHODS).nullable(),
  best: z.array(postSummarySchema),
  worst: z.array(postSummarySchema),
});

const channelRowSchema = z.object({
  channel: z.string(),
  platform: z.string(),
  plannedPerWeek: z.number().nullable(),
  posts: z.number().int(),
  postsPerWeek: z.number(),
});

/** A campaign's ROI over its life to date (src/measure/roi.ts), named. */
const campaignRoiRowSchema = campaignRoiSchema.extend({ campaign: z.string(), name: z.string() });

export const reviewContentSchema = z.object({
  strategyName: z.string(),
  cadence: z.enum(REVIEW_CADENCES),
  kpis: z.array(kpiRowSchema),
  pillars: z.array(pillarRowSchema),
  channels: z.array(channelRowSchema),
  campaigns: z.array(campaignRoiRowSchema),
  lint: z.object({ findings: z.array(findingSchema), summary: lintSummarySchema }),
});
export type ReviewContent = z.infer<typeof reviewContentSchema>;
export type KpiRow = z.infer<typeof kpiRowSchema>;
export type PillarRow = z.infer<typeof pillarRowSchema>;
export type ChannelRow = z.infer<typeof channelRowSchema>;
export type CampaignRoiRow = z.infer<typeof campaignRoiRowSchema>;

// ——— the API ———

const ref = z.string().min(1).max(200);
export const strategyParams = z.object({ workspaceId: ref, strategyId: ref });
export const reviewParams = z.object({ workspaceId: ref, reviewId: ref });
export const suggestionParams = reviewParams.extend({ suggestionId: ref });

export const runReviewBody = z
  .strictObject({
    asOf: isoDateSchema.optional().describe('The day the review is as of (default: today, UTC); it covers the cadence step ending then.'),
  })
  .prefault({});

export const DECISIONS = ['accepted', 'rejected'] as const;
export const decisionBody = z.strictObject({
  decision: z.enum(DECISIONS),
  note: z.string().trim().max(2000).optional(),
});

export const suggestionSchema = z.object({
  id: z.string(),
  rule: z.enum(SUGGESTION_RULES),
  change: strategyChangeSchema,
  rationale: z.string(),
  decision: z.enum(DECISIONS).nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** The strategy version accepting it made. */
  appliedVersion: z.number().int().nullable(),
});

const reviewFields = {
  id: z.string(),
  strategy: z.string(),
  /** The scheduled review date; null for a review run by hand. */
  reviewDate: z.string().nullable(),
  period: z.object({ start: z.string(), end: z.string() }),
  asOf: z.string(),
  /** The strategy version reviewed. */
  strategyVersion: z.number().int(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
};

export const reviewSummarySchema = z.object({
  ...reviewFields,
  suggestions: z.object({ open: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
});
export const reviewListResponse = z.object({
  reviews: z.array(reviewSummarySchema),
  cadence: z.enum(REVIEW_CADENCES),
  /** The next scheduled review date; null after the last. */
  nextReviewDate: z.string().nullable(),
});
export const reviewDetailSchema = z.object({ ...reviewFields, content: reviewContentSchema, suggestions: z.array(suggestionSchema) });
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;
export const reviewResponse = z.object({ review: reviewDetailSchema });

export const decisionResponse = z.object({
  suggestion: suggestionSchema,
  review: z.object({ id: z.string(), status: z.enum(['open', 'closed']) }),
  /** The new strategy version (accepted), or null (rejected). */
  version: z.number().int().nullable(),
  findings: z.array(findingSchema),
  summary: lintSummarySchema,
});
