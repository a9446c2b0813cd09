/**
 * The dashboards' shapes: the query (a date range, compare or not) and the two answers. Pure (zod and
 * the pure plan model): the contract (./contract.ts) and the web app's client are typed by them.
 * Dates are YYYY-MM-DD (UTC days); ratios are shares (0.042 is 4.2 %); money is in `currency`.
 */
import { z } from 'zod';
import { KPI_STATUSES } from '../../plan/kpi-progress.ts';
import { METRIC_UNITS } from '../../plan/metrics.ts';
import { isoDateSchema, PLATFORMS, RESPONSE_METRICS } from '../../plan/schema.ts';

// Ids in URLs are checked by lookup, not by shape: an unknown or foreign id answers the same 404.
const ref = z.string().min(1).max(200);
export const strategyDashboardParams = z.object({ workspaceId: ref, strategyId: ref });
export const campaignDashboardParams = z.object({ workspaceId: ref, campaignId: ref });

export const dashboardQuery = z.object({
  from: isoDateSchema.optional().meta({ description: 'First day shown (UTC). Default: 89 days before `to`.' }),
  to: isoDateSchema.optional().meta({ description: 'Last day shown, included (UTC). Default: today.' }),
  compare: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'Also sum the period of the same length just before `from`, with the change.' }),
});

const point = z.object({ date: z.string(), value: z.number() });
export type SeriesPoint = z.infer<typeof point>;

const periodSchema = z.object({ from: z.string(), to: z.string() });
export const rangeSchema = periodSchema.extend({
  days: z.number().int(),
  /** The period of the same length just before, with compare; null without. */
  previous: periodSchema.nullable(),
});

/** The totals a dashboard shows for its range. */
export const TOTAL_METRICS = ['impressions', 'engagements', 'link_clicks', 'unique_visitors', 'conversions', 'revenue'] as const;
export type TotalMetric = (typeof TOTAL_METRICS)[number];

export const totalSchema = z.object({
  metric: z.enum(TOTAL_METRICS),
  value: z.number(),
  /** The same over the previous period (compare); null without. */
  previous: z.number().nullable(),
  /** (value − previous) / previous; null without compare or when previous is 0. */
  change: z.number().nullable(),
});
export type Total = z.infer<typeof totalSchema>;

/** A KPI's progress as `kpiProgress` (src/plan/kpi-progress.ts) reports it: the fields every KPI row of the API shares. */
export const kpiProgressFields = {
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  due: z.string().nullable(),
  current: z.number().nullable(),
  progress: z.number().nullable(),
  expected: z.number().nullable(),
  forecast: z.number().nullable(),
  status: z.enum(KPI_STATUSES),
};

export const kpiCardSchema = z.object({
  id: z.string(),
  objective: z.string(),
  /** What is measured, in the plan's words. */
  name: z.string(),
  /** `source.metric`: a catalogue id, `manual`, or null when the KPI is bound to none. */
  metric: z.string().nullable(),
  channel: z.string().nullable(),
  /** The catalogue unit of the metric; null for manual and unbound KPIs. */
  unit: z.enum(METRIC_UNITS).nullable(),
  ...kpiProgressFields,
  /** The KPI's values dated inside the range (the sparkline). */
  series: z.array(point),
});
export type KpiCard = z.infer<typeof kpiCardSchema>;

const engagementRateSchema = z.object({ value: z.number(), method: z.enum(['per_impression', 'per_follower']) });

export const CONNECTION_STATES = ['connected', 'reconnect_needed', 'none'] as const;

export const channelGrowthSchema = z.object({
  id: z.string(),
  platform: z.enum(PLATFORMS),
  handle: z.string().nullable(),
  /** The account serving the channel: `none` when no account is connected. */
  connection: z.enum(CONNECTION_STATES),
  /** Follower count per day with a snapshot inside the range. */
  followers: z.array(point),
  /** The latest count on or before the range's first day (else the first inside it). */
  followersStart: z.number().nullable(),
  /** The latest count on or before the range's last day. */
  followersEnd: z.number().nullable(),
  /** followerGrowth(start, end). */
  growth: z.number().nullable(),
  impressions: z.number(),
  engagements: z.number(),
  /** engagementRate over the range: per impression where impressions exist, else per follower (at the end). */
  engagementRate: engagementRateSchema.nullable(),
});

export const campaignResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  /** The plan's `response.metric`. */
  goal: z.enum(RESPONSE_METRICS).nullable(),
  /** What it is counted in (see RESPONSE_MEASURES); null when not counted automatically. */
  measuredAs: z.enum(['conversions', 'link_clicks']).nullable(),
  target: z.number().nullable(),
  unit: z.string().nullable(),
  /** Everything attributed to the campaign up to the as-of date; null when not measured. */
  actual: z.number().nullable(),
  /** actual / target; null without both. */
  progress: z.number().nullable(),
});
export type CampaignResponse = z.infer<typeof campaignResponseSchema>;

export const planVsActualSchema = z.object({
  cadence: z.array(
    z.object({
      channel: z.string(),
      /** Posts published on the channel in the range (posts_published events). */
      posts: z.number(),
      /** posts / (days / 7). */
      perWeek: z.number(),
      /** The channel's cadence.postsPerWeek; null when the plan sets none. */
      planned: z.number().nullable(),
    }),
  ),
  pillars: z.object({
    /** Posts of the strategy with a variant published in the range. */
    posts: z.number().int(),
    rows: z.array(
      z.object({
        /** Pillar id; null for posts without a pillar. */
        id: z.string().nullable(),
        name: z.string(),
        promotional: z.boolean(),
        /** The pillar's planned share; null for posts without a (known) pillar. */
        planned: z.number().nullable(),
        posts: z.number().int(),
        /** posts / all published posts; null when none was published. */
        actual: z.number().nullable(),
      }),
    ),
  }),
  promotional: z.object({
    /** contentMix.maxPromotionalShare. */
    max: z.number(),
    posts: z.number().int(),
    /** Share of the published posts in promotional pillars; null when none was published. */
    actual: z.number().nullable(),
  }),
  campaigns: z.array(campaignResponseSchema),
});

/** What the screen needs to say what to connect when there is nothing to show. */
export const emptyStateSchema = z.object({
  /** Whether any event or follower snapshot was ever recorded for it. */
  hasData: z.boolean(),
  /** Channels with no connected account. */
  unconnectedChannels: z.array(z.string()),
  /** KPIs whose values are entered by people (`manual`): "Import values". */
  manualKpis: z.array(z.string()),
});

const seriesSchema = z.object({
  metric: z.enum(TOTAL_METRICS),
  /** Daily sums over the range (days without events are 0). */
  points: z.array(point),
  /** The previous period's daily sums (compare), the same number of days; null without. */
  previous: z.array(point).nullable(),
});

export const strategyDashboardResponse = z.object({
  strategy: z.object({ id: z.string(), name: z.string(), period: z.object({ start: z.string(), end: z.string() }) }),
  range: rangeSchema,
  asOf: z.string(),
  /** The strategy budget's currency, for revenue; null when it has no budget. */
  currency: z.string().nullable(),
  kpis: z.array(kpiCardSchema),
  totals: z.array(totalSchema),
  series: z.array(seriesSchema),
  channels: z.array(channelGrowthSchema),
  planVsActual: planVsActualSchema,
  empty: emptyStateSchema,
});
export type StrategyDashboard = z.infer<typeof strategyDashboardResponse>;

export const COST_CATEGORIES = ['ads', 'production', 'influencers', 'tools', 'other'] as const;

export const campaignDashboardResponse = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    start: z.string(),
    end: z.string(),
    strategy: z.object({ id: z.string(), name: z.string() }),
  }),
  range: rangeSchema,
  asOf: z.string(),
  /** The campaign's currency (campaignRoi's: its budget's, else its costs'), else the strategy budget's; null without any. */
  currency: z.string().nullable(),
  response: campaignResponseSchema,
  spend: z.object({
    /** All its cost entries (what the ROI counts). */
    total: z.number(),
    /** The planned budget; null without one. */
    budget: z.number().nullable(),
    byCategory: z.array(z.object({ category: z.enum(COST_CATEGORIES), amount: z.number() })),
    /** Cost entries per day inside the range. */
    series: z.array(point),
  }),
  roi: z.object({
    /** (attributed revenue − cost) / cost over the campaign's whole life (campaignRoi); null without a cost. */
    real: z.number().nullable(),
    /** (expected revenue − budget) / budget from the plan; null without both. */
    projected: z.number().nullable(),
    revenue: z.number(),
    cost: z.number().nullable(),
    /** `actual`: the sum of the cost entries; `planned`: none yet, the budget stands in; `none`: neither. */
    costBasis: z.enum(['actual', 'planned', 'none']),
  }),
  totals: z.array(totalSchema),
  series: z.array(seriesSchema),
  topPosts: z.array(
    z.object({
      id: z.string(),
      /** The start of the first variant's text. */
      text: z.string(),
      channels: z.array(z.string()),
      publishedAt: z.string().nullable(),
      /** Likes, reposts, replies and quotes gained inside the range (the networks' snapshots). */
      engagements: z.number(),
    }),
  ),
  empty: emptyStateSchema,
});
export type CampaignDashboard = z.infer<typeof campaignDashboardResponse>;
