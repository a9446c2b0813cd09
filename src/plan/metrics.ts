/**
 * The metric catalogue: what a KPI's `source.metric` may name. Pure data, the one list the rules,
 * KPI progress, the measurement code and the README table (checked by test/readme.test.ts) use.
 *
 * A value of a metric is what it measures on one day; a metric over a period (posts published,
 * mentions…) counts the reporting period that ends on that day (a week, a month: the team's choice,
 * kept the same for one KPI). `manual` is not in the catalogue: it says the values are entered by
 * people or imported, nothing is collected automatically.
 */

export const METRIC_UNITS = ['count', 'ratio', 'money', 'minutes'] as const;
/** count: a whole number of things; ratio: a share (0.25 = 25 %); money: in the strategy budget's currency; minutes: a duration. */
export type MetricUnit = (typeof METRIC_UNITS)[number];

export interface MetricDefinition {
  /** Stable id, written in plan YAML as `source.metric`. */
  readonly id: string;
  readonly label: string;
  readonly unit: MetricUnit;
  /** True when a value only means something for one channel: the KPI must name one. */
  readonly needsChannel: boolean;
  /** False when lower values are better (cost per acquisition, response time). */
  readonly higherIsBetter: boolean;
  /** One line: what is counted or how it is computed. */
  readonly definition: string;
}

/** `source.metric: manual`: values entered by people or imported. */
export const MANUAL_METRIC = 'manual';
export const MANUAL_METRIC_DEFINITION = 'Values entered by people or imported (CSV); nothing is collected automatically.';

export const METRICS = [
  {
    id: 'followers',
    label: 'Followers',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Accounts following the channel; without a channel, the sum over the strategy’s channels.',
  },
  {
    id: 'follower_growth',
    label: 'Follower growth',
    unit: 'ratio',
    needsChannel: false,
    higherIsBetter: true,
    definition: '(followers at the end − followers at the start of the period) / followers at the start.',
  },
  {
    id: 'posts_published',
    label: 'Posts published',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Posts published in the period.',
  },
  {
    id: 'impressions',
    label: 'Impressions',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Times the period’s posts were shown, as the networks report them.',
  },
  {
    id: 'engagements',
    label: 'Engagements',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Interactions with the period’s posts (likes, reposts, replies, saves, clicks), as the networks count them.',
  },
  {
    id: 'engagement_rate',
    label: 'Engagement rate',
    unit: 'ratio',
    needsChannel: true,
    higherIsBetter: true,
    definition:
      'Engagements / impressions, or per post per follower where the network reports no impressions (the method is kept with the value).',
  },
  {
    id: 'reposts',
    label: 'Reposts',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Reposts, boosts and shares of the period’s posts.',
  },
  {
    id: 'replies',
    label: 'Replies',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Replies and comments on the period’s posts.',
  },
  {
    id: 'link_clicks',
    label: 'Link clicks',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Clicks on tracked links in the period.',
  },
  {
    id: 'ctr',
    label: 'Click-through rate',
    unit: 'ratio',
    needsChannel: true,
    higherIsBetter: true,
    definition: 'Link clicks / impressions on one channel (networks count impressions differently).',
  },
  {
    id: 'unique_visitors',
    label: 'Unique visitors',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Distinct visitors who reached the website from social media in the period.',
  },
  {
    id: 'conversions',
    label: 'Conversions',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Sign-ups, sales or leads attributed to social media in the period.',
  },
  {
    id: 'revenue',
    label: 'Revenue',
    unit: 'money',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Revenue attributed to social media in the period.',
  },
  {
    id: 'cost_per_acquisition',
    label: 'Cost per acquisition',
    unit: 'money',
    needsChannel: false,
    higherIsBetter: false,
    definition: 'Cost / conversions in the period.',
  },
  {
    id: 'mentions',
    label: 'Mentions',
    unit: 'count',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Posts by others that mention the organisation in the period.',
  },
  {
    id: 'share_of_voice',
    label: 'Share of voice',
    unit: 'ratio',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Mentions of the organisation / mentions of the organisation and its competitors.',
  },
  {
    id: 'net_sentiment',
    label: 'Net sentiment',
    unit: 'ratio',
    needsChannel: false,
    higherIsBetter: true,
    definition: '(positive − negative mentions) / (positive + negative mentions), from −1 to 1.',
  },
  {
    id: 'first_response_minutes',
    label: 'First response time',
    unit: 'minutes',
    needsChannel: false,
    higherIsBetter: false,
    definition: 'Median minutes from an incoming message to its first reply, over the period’s answered messages.',
  },
  {
    id: 'response_rate',
    label: 'Response rate',
    unit: 'ratio',
    needsChannel: false,
    higherIsBetter: true,
    definition: 'Incoming messages answered / incoming messages received in the period.',
  },
] as const satisfies readonly MetricDefinition[];

const BY_ID: ReadonlyMap<string, MetricDefinition> = new Map(METRICS.map((m) => [m.id, m]));

/** The catalogue entry for `id`, or undefined (for `manual` too, and for unknown ids). */
export function findMetric(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}

/** True for a catalogue id or `manual`: what `source.metric` may say. */
export function isKnownMetric(id: string): boolean {
  return id === MANUAL_METRIC || BY_ID.has(id);
}

/** Every value `source.metric` may take: the catalogue ids, then `manual`. */
export const METRIC_SOURCE_IDS: readonly string[] = [...METRICS.map((m) => m.id), MANUAL_METRIC];

/**
 * The channel a KPI's metric is measured on: `source.channel`, else the KPI's own `channel`, else
 * undefined (all the strategy's channels). When both are given and differ, the rule
 * kpi-source-channel-conflict reports it and `source.channel` is used.
 */
export function kpiSourceChannel(kpi: {
  channel?: string | undefined;
  source?: { channel?: string | undefined } | undefined;
}): string | undefined {
  return kpi.source?.channel ?? kpi.channel;
}
