/**
 * Plan vs actual of the content mix: the strategy's posts first published in the range, per pillar
 * (posts.pillar_id), against each pillar's planned share and the maximum promotional share.
 */
import type { Queryable } from '../../db/pool.ts';
import type { Strategy } from '../../plan/schema.ts';
import type { Period } from './range.ts';
import type { StrategyDashboard } from './schema.ts';

/** Posts whose first published variant falls in the range, by pillar id ('' for none). */
export async function readPublishedPerPillar(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  range: Pick<Period, 'start' | 'end'>,
): Promise<Map<string, number>> {
  const { rows } = await q.query<{ pillar: string; posts: number }>(
    `SELECT coalesce(p.pillar_id, '') AS pillar, count(*)::int AS posts
       FROM posts p
       JOIN LATERAL (SELECT min(v.published_at) AS first FROM post_variants v WHERE v.post_id = p.id AND v.state = 'published') f ON true
      WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.deleted_at IS NULL AND f.first >= $3 AND f.first < $4
      GROUP BY 1`,
    [workspaceId, strategyId, range.start, range.end],
  );
  return new Map(rows.map((r) => [r.pillar, r.posts]));
}

type Mix = Pick<StrategyDashboard['planVsActual'], 'pillars' | 'promotional'>;

/** Pure: each pillar's share of the published posts beside its plan; posts of no (known) pillar in one row. */
export function pillarMix(strategy: Pick<Strategy, 'pillars' | 'contentMix'>, perPillar: ReadonlyMap<string, number>): Mix {
  let posts = 0;
  for (const n of perPillar.values()) posts += n;
  const share = (n: number) => (posts === 0 ? null : n / posts);
  const known = new Set(strategy.pillars.map((p) => p.id));
  const rows: Mix['pillars']['rows'] = strategy.pillars.map((p) => {
    const n = perPillar.get(p.id) ?? 0;
    return { id: p.id, name: p.name, promotional: p.promotional, planned: p.share, posts: n, actual: share(n) };
  });
  let other = 0;
  for (const [id, n] of perPillar) if (!known.has(id)) other += n;
  if (other > 0) rows.push({ id: null, name: 'No pillar', promotional: false, planned: null, posts: other, actual: share(other) });
  const promotionalPosts = rows.reduce((sum, r) => sum + (r.promotional ? r.posts : 0), 0);
  return {
    pillars: { posts, rows },
    promotional: { max: strategy.contentMix.maxPromotionalShare, posts: promotionalPosts, actual: share(promotionalPosts) },
  };
}
