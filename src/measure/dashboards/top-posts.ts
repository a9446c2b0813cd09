/**
 * A campaign's best posts over a range: what each published variant gained in likes, reposts, replies
 * and quotes between the networks' last snapshot before the range and the last one inside it
 * (post_metric_snapshots, read by its (variant, time) key), summed per post. Bounded: the campaign's
 * published variants, two index lookups each.
 */
import type { Queryable } from '../../db/pool.ts';
import type { Period } from './range.ts';
import type { CampaignDashboard } from './schema.ts';

export const TOP_POSTS = 5;
const EXCERPT = 140;

export async function readTopPosts(
  q: Queryable,
  scope: { workspaceId: string; strategyId: string; campaignId: string },
  range: Pick<Period, 'start' | 'end'>,
): Promise<CampaignDashboard['topPosts']> {
  const { rows } = await q.query<{ id: string; text: string | null; channels: string[]; published_at: Date | null; engagements: number }>(
    `WITH v AS (
       SELECT p.id, v.id AS variant_id, v.channel_id, v.published_at, v.content->>'text' AS text
         FROM posts p JOIN post_variants v ON v.post_id = p.id
        WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.campaign_id = $3 AND p.deleted_at IS NULL AND v.state = 'published'
     )
     SELECT v.id, left((array_agg(v.text ORDER BY v.channel_id))[1], $6) AS text, array_agg(v.channel_id ORDER BY v.channel_id) AS channels,
            min(v.published_at) AS published_at, sum(coalesce(e.n, 0) - coalesce(s.n, 0))::float8 AS engagements
       FROM v
       LEFT JOIN LATERAL (SELECT likes + reposts + replies + quotes AS n FROM post_metric_snapshots m
                           WHERE m.variant_id = v.variant_id AND m.taken_at < $5 ORDER BY m.taken_at DESC LIMIT 1) e ON true
       LEFT JOIN LATERAL (SELECT likes + reposts + replies + quotes AS n FROM post_metric_snapshots m
                           WHERE m.variant_id = v.variant_id AND m.taken_at < $4 ORDER BY m.taken_at DESC LIMIT 1) s ON true
      GROUP BY v.id
     HAVING sum(coalesce(e.n, 0) - coalesce(s.n, 0)) > 0
      ORDER BY engagements DESC, published_at, v.id
      LIMIT ${TOP_POSTS}`,
    [scope.workspaceId, scope.strategyId, scope.campaignId, range.start, range.end, EXCERPT],
  );
  return rows.map((r) => ({
    id: r.id,
    text: r.text ?? '',
    channels: r.channels,
    publishedAt: r.published_at?.toISOString() ?? null,
    engagements: Number(r.engagements),
  }));
}
