/**
 * Edits a post: its campaign, pillar, planned time, link tracking and per-channel content.
 *
 * Changing the content is the `edit` transition: where the workspace requires approval, an approved
 * or scheduled post goes back to `in_review` and its scheduled variants are taken off the schedule
 * (state `pending`, a new schedule token, so a job queued for the old time sends nothing); a failed
 * post becomes a draft. Without required approval a scheduled post stays scheduled with its new
 * content (the worker reads the content when it publishes). Campaign, pillar, tracking and planned-time
 * changes are not content and never send a post back to review; the time of a scheduled post changes only
 * through `reschedule` (409 `post.reschedule_required`). Publishing, published and cancelled posts
 * cannot be edited (409 `post.invalid_transition`).
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { ambiguousWarning } from './create-post.ts';
import { enqueueJobs, jobsOf } from './enqueue-jobs.ts';
import { findPostWarnings } from './find-post-warnings.ts';
import type { VariantContent } from '../content/limits.ts';
import {
  assertNotPublishing,
  assertPublishable,
  auditView,
  bumpPost,
  checkCampaign,
  checkMediaRefs,
  checkStrategyRefs,
  findCampaignChannels,
  loadPost,
  openPostForChange,
  type PostContext,
  presentPost,
  unscheduleVariants,
} from './post-store.ts';
import { notifyReview } from './notify-review.ts';
import type { PublishJob, PublishQueue } from '../scheduler/queue.ts';
import { formatLocal, resolveLocalTime, zoneOf, type ResolvedTime } from '../content/local-time.ts';
import { variantContentSchema, type PostView, type PostWarning, type UpdatePostBody } from './schema.ts';
import { planTransition, type PostState } from '../content/state-machine.ts';

/** JSON with sorted keys: JSONB does not keep key order, so content is compared canonically. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
const sameContent = (a: VariantContent, b: VariantContent) =>
  canonical(variantContentSchema.parse(a)) === canonical(variantContentSchema.parse(b));

const TIMED: PostState[] = ['scheduled', 'publishing', 'published'];

export async function updatePost(
  pool: Pool,
  ctx: PostContext,
  queue: PublishQueue,
  postId: string,
  body: UpdatePostBody,
  expectedVersion?: number,
): Promise<{ post: PostView; warnings: PostWarning[] }> {
  const now = ctx.now ?? new Date();
  let jobs: PublishJob[] = [];
  const result = await withTransaction(pool, async (tx) => {
    const { before, post, settings, tctx, strategy } = await openPostForChange(tx, ctx, postId, expectedVersion);

    const campaign = body.campaign !== undefined && body.campaign !== post.campaign_id ? body.campaign : undefined;
    if (campaign) await checkCampaign(tx, ctx.workspaceId, strategy.id, campaign);
    const pillar = body.pillar !== undefined && body.pillar !== post.pillar_id ? body.pillar : undefined;
    // `{}` is the defaults, stored as null.
    const wantedTracking = body.tracking && Object.keys(body.tracking).length ? body.tracking : null;
    const tracking = body.tracking !== undefined && canonical(wantedTracking) !== canonical(post.tracking) ? wantedTracking : undefined;
    checkStrategyRefs(strategy, { pillar });

    let planned: ResolvedTime | null | undefined;
    let timezone: string | undefined;
    if (body.localTime !== undefined || body.timezone !== undefined) {
      if (TIMED.includes(post.state)) {
        throw new AppError(
          'post.reschedule_required',
          `The post is ${post.state}; change its time with POST …/posts/${post.id}/reschedule.`,
          409,
          {
            state: post.state,
          },
        );
      }
      timezone = body.timezone ?? post.timezone;
      zoneOf(timezone);
      // Only a new zone: the same wall-clock time, read in the new zone.
      const local =
        body.localTime !== undefined ? body.localTime : post.scheduled_at ? formatLocal(post.scheduled_at, post.timezone) : null;
      planned = local === null ? null : resolveLocalTime(local, timezone);
    }

    const removed: string[] = [];
    const changed: [string, VariantContent][] = [];
    const added: [string, VariantContent][] = [];
    for (const [channel, content] of Object.entries(body.variants ?? {})) {
      const existing = before.variants.find((v) => v.channel_id === channel);
      if (existing?.state === 'published' && (content === null || !sameContent(existing.content, content))) {
        throw new AppError(
          'post.variant_published',
          `The "${channel}" variant is already published; it can no longer be changed or removed.`,
          409,
          {
            channel,
          },
        );
      }
      if (content === null) {
        if (existing) removed.push(channel);
      } else if (!existing) added.push([channel, content]);
      else if (!sameContent(existing.content, content)) changed.push([channel, content]);
    }
    const contentChanged = removed.length + changed.length + added.length > 0;
    const timeChanged = planned !== undefined && (planned?.at.getTime() ?? null) !== (post.scheduled_at?.getTime() ?? null);
    const zoneChanged = timezone !== undefined && timezone !== post.timezone;
    if (!contentChanged && campaign === undefined && pillar === undefined && tracking === undefined && !timeChanged && !zoneChanged) {
      return { post: presentPost(before, strategy, tctx), warnings: [] as PostWarning[] };
    }

    let to = post.state;
    if (contentChanged) {
      to = planTransition('edit', post.state, tctx);
      assertNotPublishing(before);
      checkStrategyRefs(strategy, { channels: [...changed, ...added].map(([c]) => c) });
      await checkMediaRefs(tx, ctx.workspaceId, [...changed, ...added]);
      if (before.variants.length - removed.length + added.length < 1) {
        throw new AppError('post.no_variants', 'A post needs at least one channel variant; delete the post instead.', 422, {
          path: '/variants',
        });
      }
      if (removed.length)
        await tx.query('DELETE FROM post_variants WHERE post_id = $1 AND channel_id = ANY($2::text[])', [post.id, removed]);
      for (const [channel, content] of changed) {
        await tx.query('UPDATE post_variants SET content = $3 WHERE post_id = $1 AND channel_id = $2', [
          post.id,
          channel,
          JSON.stringify(content),
        ]);
      }
      for (const [channel, content] of added) {
        await tx.query('INSERT INTO post_variants (post_id, workspace_id, channel_id, content) VALUES ($1, $2, $3, $4)', [
          post.id,
          ctx.workspaceId,
          channel,
          JSON.stringify(content),
        ]);
      }
      if (to !== 'scheduled' && (post.state === 'approved' || post.state === 'scheduled' || post.state === 'failed')) {
        await unscheduleVariants(tx, post.id, 'pending');
      }
      if (to === 'scheduled' && post.scheduled_at) {
        // No approval needed: a channel added to a scheduled post is scheduled with it.
        const { rows } = await tx.query<{ id: string; schedule_token: string; due_at: Date }>(
          `UPDATE post_variants SET state = 'scheduled', due_at = $2, schedule_token = gen_random_uuid()
            WHERE post_id = $1 AND state = 'pending' RETURNING id, schedule_token, due_at`,
          [post.id, post.scheduled_at],
        );
        jobs = jobsOf(rows);
      }
      if (to === 'in_review' || to === 'approved' || to === 'scheduled') {
        const { variants, media } = await loadPost(tx, ctx.workspaceId, post.id);
        assertPublishable(strategy, variants, media);
      }
    }

    await bumpPost(tx, post.id, {
      state: to,
      campaign,
      pillar,
      tracking,
      ...(planned !== undefined ? { scheduledAt: planned?.at ?? null } : {}),
      timezone,
      contentUpdatedBy: contentChanged ? ctx.actor.userId : undefined,
    });
    const after = await loadPost(tx, ctx.workspaceId, post.id);
    const audit = { workspaceId: ctx.workspaceId, actor: ctx.actor, entityType: 'post', entityId: post.id, reason: body.reason } as const;
    await recordAudit(tx, { ...audit, action: 'post.update', before: auditView(before), after: auditView(after) });
    if (to === 'in_review' && post.state !== 'in_review') {
      await recordAudit(tx, {
        ...audit,
        action: 'post.return_to_review',
        before: { state: post.state },
        after: { state: to },
        reason: body.reason ?? `Content edited after the post was ${post.state}; it needs approval again.`,
      });
      // Back in review is awaiting review: the approvers hear of it as of a submission.
      await notifyReview(tx, { workspaceId: ctx.workspaceId, actor: ctx.actor, event: 'submit', record: after, strategy, settings });
    }
    const campaignChannels = await findCampaignChannels(tx, ctx.workspaceId, strategy.id, after.post.campaign_id);
    const warnings = await findPostWarnings(tx, {
      workspaceId: ctx.workspaceId,
      strategy,
      record: after,
      campaignChannels,
      now,
      scheduling: false,
    });
    if (planned?.ambiguous) warnings.push(ambiguousWarning(planned.localTime, planned.timezone, planned.alternatives!));
    return { post: presentPost(after, strategy, tctx), warnings };
  });
  result.warnings.push(...(await enqueueJobs(queue, jobs)));
  return result;
}
