/**
 * Reads what a review of a strategy needs (./compose-review.ts composes it): KPI values
 * (`loadKpiValues`), the posts published in the period with their engagements, the strategy's
 * followers, its campaigns' ROI (`campaignRoi`), the plan's lint findings and the previous review's KPI statuses.
 */
import type { Queryable } from '../../db/pool.ts';
import type { Strategy } from '../../plan/schema.ts';
import { lintStoredStrategy } from '../../plan-store/lint-stored-strategy.ts';
import { listCampaignsOf } from '../../plan-store/store.ts';
import { loadKpiValues } from '../kpi-values.ts';
import { campaignRoi } from '../roi.ts';
import type { PublishedPost, ReviewInputs } from './compose-review.ts';
import type { CampaignRoiRow, KpiRow } from './schema.ts';

/** Characters of a post's text a review keeps. */
const EXCERPT = 140;

/** The start of a UTC day as a timestamp, in SQL. */
const dayStart = (param: string) => `(${param}::date)::timestamp AT TIME ZONE 'UTC'`;

/**
 * Posts published in [start, end] (by their variants' publication), with the engagements and
 * impressions counted for them up to the end of `end`. A post published in the period is counted
 * only from its publication, so the events are read from the period's start: one range of the
 * workspace's time index, not the whole history.
 */
async function publishedPosts(q: Queryable, workspaceId: string, strategyId: string, start: string, end: string): Promise<PublishedPost[]> {
  const { rows } = await q.query<{
    id: string;
    pillar_id: string | null;
    text: string | null;
    channels: string[];
    published_at: Date;
    engagements: number;
    impressions: number;
  }>(
    `WITH pub AS (
       SELECT p.id, p.pillar_id, left((array_agg(v.content->>'text' ORDER BY v.channel_id))[1], ${EXCERPT}) AS text,
              array_agg(v.channel_id ORDER BY v.channel_id) AS channels, min(v.published_at) AS published_at
         FROM posts p JOIN post_variants v ON v.post_id = p.id
        WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.deleted_at IS NULL AND p.state = 'published'
          AND v.state = 'published' AND v.published_at >= ${dayStart('$3')} AND v.published_at < ${dayStart('$4')} + interval '1 day'
        GROUP BY p.id, p.pillar_id
     ), counted AS (
       SELECT m.post_id, sum(m.value) FILTER (WHERE m.metric = 'engagements') AS engagements,
              sum(m.value) FILTER (WHERE m.metric = 'impressions') AS impressions
         FROM metric_events m
        WHERE m.workspace_id = $1 AND m.occurred_at >= ${dayStart('$3')} AND m.occurred_at < ${dayStart('$4')} + interval '1 day'
          AND m.metric IN ('engagements', 'impressions') AND m.post_id IN (SELECT id FROM pub)
        GROUP BY m.post_id
     )
     SELECT pub.*, coalesce(c.engagements, 0)::float8 AS engagements, coalesce(c.impressions, 0)::float8 AS impressions
       FROM pub LEFT JOIN counted c ON c.post_id = pub.id
      ORDER BY pub.published_at, pub.id`,
    [workspaceId, strategyId, start, end],
  );
  return rows.map((r) => ({
    postId: r.id,
    pillar: r.pillar_id,
    text: r.text ?? '',
    channels: r.channels,
    publishedAt: r.published_at.toISOString(),
    engagements: Number(r.engagements),
    impressions: Number(r.impressions),
  }));
}

/** The strategy's followers on `asOf`: each channel's last reading on or before it, summed; null without any. */
async function followersOn(q: Queryable, workspaceId: string, strategyId: string, asOf: string): Promise<number | null> {
  const { rows } = await q.query<{ followers: string | null }>(
    `SELECT sum(followers) AS followers FROM (
       SELECT DISTINCT ON (channel_id) followers FROM follower_snapshots
        WHERE workspace_id = $1 AND strategy_id = $2 AND day <= $3 ORDER BY channel_id, day DESC) f`,
    [workspaceId, strategyId, asOf],
  );
  return rows[0]?.followers == null ? null : Number(rows[0].followers);
}

/** Each campaign's ROI over its life to date (`campaignRoi`, one query each: a strategy has a handful). */
async function campaignRois(q: Queryable, workspaceId: string, strategyId: string): Promise<CampaignRoiRow[]> {
  const campaigns = await listCampaignsOf(q, workspaceId, strategyId);
  return Promise.all(campaigns.map(async ({ doc }) => ({ campaign: doc.id, name: doc.name, ...(await campaignRoi(q, workspaceId, doc)) })));
}

/** KPI statuses of the strategy's latest review as of a day before `asOf`; null when there is none. */
async function previousKpis(q: Queryable, workspaceId: string, strategyId: string, asOf: string): Promise<KpiRow[] | null> {
  const { rows } = await q.query<{ kpis: KpiRow[] }>(
    `SELECT content->'kpis' AS kpis FROM reviews
      WHERE workspace_id = $1 AND strategy_id = $2 AND as_of < $3 ORDER BY as_of DESC, created_at DESC LIMIT 1`,
    [workspaceId, strategyId, asOf],
  );
  return rows[0]?.kpis ?? null;
}

export async function loadReviewInputs(
  q: Queryable,
  workspaceId: string,
  strategy: Strategy,
  asOf: string,
  period: { start: string; end: string },
): Promise<ReviewInputs> {
  const [kpiValues, posts, followers, campaigns, lint, previous] = await Promise.all([
    loadKpiValues(q, workspaceId, strategy, asOf),
    publishedPosts(q, workspaceId, strategy.id, period.start, period.end),
    followersOn(q, workspaceId, strategy.id, asOf),
    campaignRois(q, workspaceId, strategy.id),
    lintStoredStrategy(q, workspaceId, strategy.id),
    previousKpis(q, workspaceId, strategy.id, asOf),
  ]);
  return { strategy, asOf, period, kpiValues, previousKpis: previous, posts, followers, campaigns, lint };
}
