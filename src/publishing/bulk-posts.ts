/**
 * One action on several posts (the posts list's bulk actions). Each post goes through the same
 * service function as its single-post route — the same rules, version check, audit entry and queue
 * jobs — in a transaction of its own, one after the other: a refusal (an AppError) becomes that
 * item's result and never undoes the posts before or after it. An unexpected error is not an
 * answer about the post, so it still fails the request.
 *
 * `reschedule` schedules each post at its new time: a scheduled post is moved, any other is
 * scheduled (so a draft where approval is required is refused with `post.approval_required`).
 * With `shiftMinutes` the new time is the post's own wall-clock time moved by that much in its own
 * zone (a day later stays at 09:00 across a DST change); a post without a time is refused with
 * `post.time_required`.
 */
import { DateTime } from 'luxon';
import type { Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { deletePost } from './delete-post.ts';
import { loadPost, type PostContext } from './post-store.ts';
import type { PublishQueue } from '../scheduler/queue.ts';
import { schedulePost } from './schedule-post.ts';
import type { BulkItemResult, BulkPostsBody, BulkPostsResult, PostView } from './schema.ts';
import { transitionPost } from './transition-post.ts';

async function rescheduleOne(
  pool: Pool,
  ctx: PostContext,
  queue: PublishQueue,
  id: string,
  version: number | undefined,
  body: BulkPostsBody,
): Promise<PostView> {
  const { post } = await loadPost(pool, ctx.workspaceId, id);
  // The shift is computed from the version read here; the service refuses it if the post moved on since.
  const expected = version ?? post.version;
  let localTime: string;
  let timezone: string;
  if (body.shiftMinutes !== undefined) {
    if (!post.scheduled_at) {
      throw new AppError('post.time_required', 'The post has no time to shift; give it a time first.', 422, { path: '/shiftMinutes' });
    }
    timezone = post.timezone;
    // Wall-clock arithmetic: read the local time as if it were UTC, add, write it back.
    const local = DateTime.fromJSDate(post.scheduled_at, { zone: timezone });
    const wall = DateTime.fromObject(
      { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute },
      { zone: 'utc' },
    );
    localTime = wall.plus({ minutes: body.shiftMinutes }).toFormat("yyyy-MM-dd'T'HH:mm");
  } else {
    localTime = body.localTime!;
    timezone = body.timezone ?? post.timezone;
  }
  const mode = post.state === 'scheduled' ? 'reschedule' : 'schedule';
  const result = await schedulePost(
    pool,
    ctx,
    queue,
    id,
    mode,
    { localTime, timezone, reason: body.comment, allowUnconnected: body.allowUnconnected },
    expected,
  );
  return result.post;
}

async function applyOne(
  pool: Pool,
  ctx: PostContext,
  queue: PublishQueue,
  item: { id: string; version?: number },
  body: BulkPostsBody,
): Promise<PostView | undefined> {
  switch (body.action) {
    case 'submit':
    case 'approve':
    case 'cancel':
      return (await transitionPost(pool, ctx, item.id, body.action, { comment: body.comment }, item.version)).post;
    case 'delete':
      await deletePost(pool, ctx, item.id, { reason: body.comment }, item.version);
      return undefined;
    case 'reschedule':
      return rescheduleOne(pool, ctx, queue, item.id, item.version, body);
  }
}

export async function bulkPosts(pool: Pool, ctx: PostContext, queue: PublishQueue, body: BulkPostsBody): Promise<BulkPostsResult> {
  const results: BulkItemResult[] = [];
  for (const item of body.posts) {
    try {
      const post = await applyOne(pool, ctx, queue, item, body);
      results.push({ id: item.id, ok: true, ...(post ? { post } : {}) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ id: item.id, ok: false, error: { code: e.code, message: e.message, status: e.status } });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action: body.action, results, summary: { succeeded, failed: results.length - succeeded } };
}
