/**
 * Posts of a workspace for the calendar and lists, with their variants: filtered by state(s),
 * strategy, channel (has a variant there), campaign, pillar, author (creator), text (`q`: a variant's
 * text contains it, case-insensitive, taken literally) and a time range over the planned time
 * (`from` inclusive, `to` exclusive; posts without a time are left out when a range is given).
 * Ordered by time, posts without a time last.
 */
import type { Queryable } from '../db/pool.ts';
import { findStrategies } from '../plan-store/store.ts';
import type { Role } from '../workspace/policy.ts';
import { loadVariantsOf, presentPost, transitionContext, workspaceSettings, type PostRow } from './post-store.ts';
import type { ListPostsQuery, PostView } from './schema.ts';

export async function listPosts(
  q: Queryable,
  workspaceId: string,
  viewer: { userId: string; role: Role },
  f: ListPostsQuery,
): Promise<PostView[]> {
  const { rows } = await q.query<PostRow>(
    `SELECT id, strategy_id, campaign_id, pillar_id, state, scheduled_at, timezone, version, created_by,
            content_updated_by, created_at, updated_at, tracking
       FROM posts p
      WHERE workspace_id = $1 AND deleted_at IS NULL
        AND ($2::text[] IS NULL OR state = ANY($2))
        AND ($3::text IS NULL OR strategy_id = $3)
        AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM post_variants v WHERE v.post_id = p.id AND v.channel_id = $4))
        AND ($5::text IS NULL OR campaign_id = $5)
        AND ($6::text IS NULL OR pillar_id = $6)
        AND ($7::timestamptz IS NULL OR scheduled_at >= $7)
        AND ($8::timestamptz IS NULL OR scheduled_at < $8)
        AND ($10::uuid IS NULL OR created_by = $10)
        AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM post_variants v WHERE v.post_id = p.id AND v.content->>'text' ILIKE $11))
      ORDER BY scheduled_at NULLS LAST, created_at, id
      LIMIT $9`,
    [
      workspaceId,
      f.state?.length ? f.state : null,
      f.strategy ?? null,
      f.channel ?? null,
      f.campaign ?? null,
      f.pillar ?? null,
      f.from ?? null,
      f.to ?? null,
      f.limit,
      f.author ?? null,
      f.q === undefined ? null : `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    ],
  );
  const settings = await workspaceSettings(q, workspaceId);
  const tctx = transitionContext(viewer.role, settings, viewer.userId);
  const variants = await loadVariantsOf(
    q,
    rows.map((r) => r.id),
  );
  const strategies = await findStrategies(q, workspaceId, [...new Set(rows.map((r) => r.strategy_id))]);
  return rows.map((post) => presentPost({ post, variants: variants.get(post.id) ?? [] }, strategies.get(post.strategy_id)?.doc, tctx));
}
