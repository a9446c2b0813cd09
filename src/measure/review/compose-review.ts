/**
 * A review from what was measured: KPIs against their targets, best and worst posts per pillar,
 * posts per week per channel against the plan, campaigns' ROI, the plan's lint findings, and the
 * suggestions of the stated rules (./rules/). Pure: ./load-review-inputs.ts reads the inputs.
 *
 * - KPIs: `kpiProgressReport` (src/plan/kpi-progress.ts) on the as-of day.
 * - Pillars: the posts published in the period with the pillar, their engagements (and impressions)
 *   counted up to the as-of day. A pillar's engagement rate is engagements / impressions when every
 *   pillar with posts has impressions; otherwise engagements per post per follower (the strategy's
 *   followers on the as-of day); with no follower readings either, engagements per post. One method
 *   for all pillars of a review, so they compare. Best: the top posts by engagements, worst: the
 *   bottom ones — up to 3 each, never the same post in both.
 * - Channels: published variants per channel in the part of the period inside the strategy's
 *   period, per week (days / 7), beside the planned cadence.
 */
import { compareDates, daysBetween } from '../../plan/dates.ts';
import { kpiProgressReport, type KpiValue } from '../../plan/kpi-progress.ts';
import { cadenceOf } from '../../plan/review-dates.ts';
import type { LintResult, Strategy } from '../../plan/schema.ts';
import { engagementRate } from '../formulas.ts';
import { SUGGESTION_RULE_DEFS } from './rules/index.ts';
import type { ReviewFacts } from './rules/types.ts';
import type { CampaignRoiRow, ChannelRow, KpiRow, PillarRow, PostSummary, ReviewContent, SuggestionDraft } from './schema.ts';

/** Best and worst posts shown per pillar. */
const SHOWN_POSTS = 3;

export interface PublishedPost extends PostSummary {
  pillar: string | null;
  impressions: number;
}

export interface ReviewInputs {
  strategy: Strategy;
  asOf: string;
  period: { start: string; end: string };
  kpiValues: ReadonlyMap<string, readonly KpiValue[]>;
  previousKpis: ReviewFacts['previousKpis'];
  /** Posts of the strategy published in the period (`channels`: where, in the period). */
  posts: readonly PublishedPost[];
  /** The strategy's followers on the as-of day (all channels), null without readings. */
  followers: number | null;
  campaigns: readonly CampaignRoiRow[];
  lint: LintResult;
}

const byEngagement = (a: PublishedPost, b: PublishedPost) =>
  b.engagements - a.engagements || a.publishedAt.localeCompare(b.publishedAt) || a.postId.localeCompare(b.postId);

const summary = ({ postId, text, channels, publishedAt, engagements }: PublishedPost): PostSummary => ({
  postId,
  text,
  channels,
  publishedAt,
  engagements,
});

function pillarRows(inputs: ReviewInputs): PillarRow[] {
  const groups = inputs.strategy.pillars.map((pillar) => ({
    pillar,
    posts: inputs.posts.filter((p) => p.pillar === pillar.id).sort(byEngagement),
  }));
  const withPosts = groups.filter((g) => g.posts.length > 0);
  const sum = (posts: readonly PublishedPost[], pick: (p: PublishedPost) => number) => posts.reduce((s, p) => s + pick(p), 0);
  const byImpression = withPosts.length > 0 && withPosts.every((g) => sum(g.posts, (p) => p.impressions) > 0);
  const followers = inputs.followers !== null && inputs.followers > 0 ? inputs.followers : null;
  const method = withPosts.length === 0 ? null : byImpression ? 'per_impression' : followers !== null ? 'per_follower' : 'per_post';
  return groups.map(({ pillar, posts }) => {
    const engagements = sum(posts, (p) => p.engagements);
    const impressions = sum(posts, (p) => p.impressions);
    let rate: number | null = null;
    if (posts.length > 0) {
      if (method === 'per_impression') rate = engagementRate({ engagements, posts: posts.length, impressions })?.value ?? null;
      else if (method === 'per_follower') rate = engagementRate({ engagements, posts: posts.length, followers })?.value ?? null;
      else rate = engagements / posts.length;
    }
    const nBest = Math.min(SHOWN_POSTS, Math.ceil(posts.length / 2));
    const nWorst = Math.min(SHOWN_POSTS, Math.floor(posts.length / 2));
    return {
      pillar: pillar.id,
      name: pillar.name,
      share: pillar.share,
      posts: posts.length,
      engagements,
      impressions,
      engagementRate: rate,
      method: posts.length > 0 ? method : null,
      best: posts.slice(0, nBest).map(summary),
      worst: posts
        .slice(posts.length - nWorst)
        .reverse()
        .map(summary),
    };
  });
}

/** Days of the review period inside the strategy's period. */
function daysInStrategy({ strategy, period }: ReviewInputs): number {
  const start = compareDates(period.start, strategy.period.start) > 0 ? period.start : strategy.period.start;
  const end = compareDates(period.end, strategy.period.end) < 0 ? period.end : strategy.period.end;
  return Math.max(0, daysBetween(start, end) + 1);
}

function channelRows(inputs: ReviewInputs, days: number): ChannelRow[] {
  return inputs.strategy.channels.map((c) => {
    const posts = inputs.posts.filter((p) => p.channels.includes(c.id)).length;
    return {
      channel: c.id,
      platform: c.platform,
      plannedPerWeek: c.cadence?.postsPerWeek ?? null,
      posts,
      postsPerWeek: days === 0 ? 0 : posts / (days / 7),
    };
  });
}

export function composeReview(inputs: ReviewInputs): { content: ReviewContent; suggestions: SuggestionDraft[] } {
  const kpis: KpiRow[] = kpiProgressReport(inputs.strategy, inputs.kpiValues, inputs.asOf).kpis;
  const pillars = pillarRows(inputs);
  const periodDays = daysInStrategy(inputs);
  const channels = channelRows(inputs, periodDays);
  const facts: ReviewFacts = {
    strategy: inputs.strategy,
    asOf: inputs.asOf,
    kpis,
    previousKpis: inputs.previousKpis,
    pillars,
    channels,
    publishedPosts: inputs.posts.length,
    periodDays,
  };
  return {
    content: {
      strategyName: inputs.strategy.name,
      cadence: cadenceOf(inputs.strategy),
      kpis,
      pillars,
      channels,
      campaigns: [...inputs.campaigns],
      lint: inputs.lint,
    },
    suggestions: SUGGESTION_RULE_DEFS.flatMap((rule) => rule.suggest(facts)),
  };
}
