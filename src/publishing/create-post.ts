/**
 * Creates a post (an idea or a draft) with one variant per strategy channel. The post belongs to a
 * strategy of the workspace, optionally to a campaign of that strategy, and may be tagged with one of
 * the strategy's pillars; wrong references are 422s. A planned time (`localTime` in `timezone`,
 * default the workspace's) places it on the calendar; it is not scheduled until `schedule`.
 * Drafts may exceed a network's limits (returned as warnings); submitting or scheduling may not.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { findPostWarnings } from './find-post-warnings.ts';
import {
  auditView,
  checkCampaign,
  checkMediaRefs,
  checkStrategyRefs,
  loadPost,
  presentPost,
  strategyOf,
  transitionContext,
  workspaceSettings,
  type PostContext,
} from './post-store.ts';
import { resolveLocalTime, zoneOf } from '../content/local-time.ts';
import type { CreatePostBody, PostView, PostWarning } from './schema.ts';
import { planTransition } from '../content/state-machine.ts';

export async function createPost(pool: Pool, ctx: PostContext, body: CreatePostBody): Promise<{ post: PostView; warnings: PostWarning[] }> {
  const now = ctx.now ?? new Date();
  return withTransaction(pool, async (tx) => {
    const settings = await workspaceSettings(tx, ctx.workspaceId);
    const tctx = transitionContext(ctx.role, settings, ctx.actor.userId);
    // Creating is writing content: the same permission as editing a draft.
    planTransition('edit', body.state, tctx);
    const strategy = await strategyOf(tx, ctx.workspaceId, body.strategy);
    checkStrategyRefs(strategy, { pillar: body.pillar, channels: Object.keys(body.variants) });
    await checkMediaRefs(tx, ctx.workspaceId, Object.entries(body.variants));
    const campaignChannels = body.campaign === undefined ? null : await checkCampaign(tx, ctx.workspaceId, strategy.id, body.campaign);
    const timezone = body.timezone ?? settings.timezone;
    zoneOf(timezone);
    const planned = body.localTime === undefined ? null : resolveLocalTime(body.localTime, timezone);

    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO posts (workspace_id, strategy_id, campaign_id, pillar_id, state, scheduled_at, timezone, created_by, content_updated_by, tracking)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id`,
      [
        ctx.workspaceId,
        strategy.id,
        body.campaign ?? null,
        body.pillar ?? null,
        body.state,
        planned?.at ?? null,
        timezone,
        ctx.actor.userId,
        body.tracking && Object.keys(body.tracking).length ? JSON.stringify(body.tracking) : null,
      ],
    );
    const postId = rows[0]!.id;
    for (const [channel, content] of Object.entries(body.variants)) {
      await tx.query('INSERT INTO post_variants (post_id, workspace_id, channel_id, content) VALUES ($1, $2, $3, $4)', [
        postId,
        ctx.workspaceId,
        channel,
        JSON.stringify(content),
      ]);
    }
    const record = await loadPost(tx, ctx.workspaceId, postId);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'post.create',
      entityType: 'post',
      entityId: postId,
      after: auditView(record),
    });
    const warnings = await findPostWarnings(tx, {
      workspaceId: ctx.workspaceId,
      strategy,
      record,
      campaignChannels,
      now,
      scheduling: false,
    });
    if (planned?.ambiguous) warnings.push(ambiguousWarning(planned.localTime, timezone, planned.alternatives!));
    return { post: presentPost(record, strategy, tctx), warnings };
  });
}

export const ambiguousWarning = (localTime: string, timezone: string, alternatives: [string, string]): PostWarning => ({
  code: 'post.ambiguous_local_time',
  message: `${localTime.replace('T', ' ')} happens twice in ${timezone} (the clocks go back that night); the earlier one, ${alternatives[0]}, was taken.`,
  path: '/localTime',
  details: { localTime, timezone, chosen: alternatives[0], alternatives },
});
