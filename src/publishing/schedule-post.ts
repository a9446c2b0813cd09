/**
 * Schedules (or reschedules) a post: every variant that is not published yet becomes `scheduled` with
 * its due time and a NEW schedule token, and after COMMIT one job per variant goes to the queue. A job
 * left from an earlier time carries the old token, which no longer matches: the worker sends nothing.
 *
 * The time is one of:
 * - `{ localTime, timezone? }` — wall-clock time in the zone (default: the workspace's); a time in a
 *   DST gap is refused (422 `post.nonexistent_local_time`), an overlap takes the earlier instant and
 *   the response says `ambiguous`;
 * - `{ queue: true }` — each channel's next free slot from the strategy's cadence at the workspace's
 *   posting times, in the channel's time zone (its connection's override, else the workspace's); see
 *   queue-slots.ts. Slots are taken under a per-channel advisory lock, so two posts queued at once
 *   never get the same slot;
 * - `{}` — the planned time the post already has (422 `post.time_required` when it has none).
 * A time that is not in the future is refused (422 `post.schedule_in_past`). A channel with no
 * connected account (or one needing reconnection) is refused (409 `post.channel_not_connected`, naming
 * each channel) unless the body says `allowUnconnected: true` — the caller accepts that those
 * variants fail when due unless an account is connected first.
 *
 * Where the workspace requires approval only approved posts can be scheduled (409
 * `post.approval_required`); rescheduling moves a scheduled post and keeps its approval (the content
 * did not change).
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { unpublishableChannels } from '../plan/readiness.ts';
import type { Strategy } from '../plan/schema.ts';
import { findConnectionStates } from '../plan-store/connection-states.ts';
import { ambiguousWarning } from './create-post.ts';
import { enqueueJobs, jobsOf } from './enqueue-jobs.ts';
import { findPostWarnings } from './find-post-warnings.ts';
import {
  assertNotPublishing,
  assertPublishable,
  auditView,
  bumpPost,
  findCampaignChannels,
  loadPost,
  openPostForChange,
  type PostContext,
  type PostRecord,
  presentPost,
  type WorkspaceSettings,
} from './post-store.ts';
import { nextFreeSlot } from '../content/queue-slots.ts';
import { channelZones, takenSlots } from './queue-store.ts';
import type { PublishJob, PublishQueue } from '../scheduler/queue.ts';
import { formatLocal, resolveLocalTime, zoneOf, type ResolvedTime } from '../content/local-time.ts';
import type { PostView, PostWarning, ScheduleBody } from './schema.ts';
import { planTransition } from '../content/state-machine.ts';

export interface ScheduleResult {
  post: PostView;
  warnings: PostWarning[];
  schedule: {
    ambiguous: boolean;
    alternatives?: string[];
    slots: { channel: string; dueAt: string; localTime: string; timezone: string }[];
  };
}

interface Slot {
  channel: string;
  at: Date;
  timezone: string;
}

async function queueSlots(
  tx: PoolClient,
  ctx: PostContext,
  record: PostRecord,
  strategy: Strategy,
  settings: WorkspaceSettings,
  now: Date,
): Promise<Slot[]> {
  const channels = record.variants
    .filter((v) => v.state !== 'published')
    .map((v) => v.channel_id)
    .sort();
  const zones = await channelZones(tx, ctx.workspaceId, strategy.id);
  const slots: Slot[] = [];
  for (const channel of channels) {
    // Serialises "next free slot" per channel until COMMIT; channels in sorted order (no deadlock).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`gw.queue:${ctx.workspaceId}:${strategy.id}:${channel}`]);
    const timezone = zones.get(channel) ?? settings.timezone;
    zoneOf(timezone);
    const taken = await takenSlots(tx, ctx.workspaceId, strategy.id, channel, now, record.post.id);
    const at = nextFreeSlot({
      now,
      timezone,
      postsPerWeek: strategy.channels.find((c) => c.id === channel)?.cadence?.postsPerWeek,
      postingTimes: settings.postingTimes,
      taken: new Set(taken.map((t) => t.dueAt.getTime())),
    });
    if (!at)
      throw new AppError('post.no_free_slot', `"${channel}" has no free queue slot in the next year; pick a time instead.`, 422, {
        channel,
      });
    slots.push({ channel, at, timezone });
  }
  return slots;
}

export async function schedulePost(
  pool: Pool,
  ctx: PostContext,
  queue: PublishQueue,
  postId: string,
  mode: 'schedule' | 'reschedule',
  body: ScheduleBody,
  expectedVersion?: number,
): Promise<ScheduleResult> {
  const now = ctx.now ?? new Date();
  let jobs: PublishJob[] = [];
  const result = await withTransaction(pool, async (tx) => {
    const { before, post, settings, tctx, strategy } = await openPostForChange(tx, ctx, postId, expectedVersion);
    const to = planTransition(mode, post.state, tctx);
    assertNotPublishing(before);
    assertPublishable(strategy, before.variants, before.media);
    if (!body.allowUnconnected) await assertConnected(tx, ctx.workspaceId, strategy, before);

    let resolved: ResolvedTime | null = null;
    let slots: Slot[];
    let timezone: string;
    const open = before.variants.filter((v) => v.state !== 'published');
    if (body.queue) {
      slots = await queueSlots(tx, ctx, before, strategy, settings, now);
      timezone = settings.timezone;
    } else {
      if (body.localTime !== undefined) {
        timezone = body.timezone ?? settings.timezone;
        resolved = resolveLocalTime(body.localTime, timezone);
      } else if (post.scheduled_at) {
        timezone = post.timezone;
        resolved = { at: post.scheduled_at, timezone, localTime: formatLocal(post.scheduled_at, timezone), ambiguous: false };
      } else {
        throw new AppError('post.time_required', 'The post has no planned time: send { localTime, timezone } or { queue: true }.', 422, {
          path: '/localTime',
        });
      }
      const at = resolved.at;
      slots = open.map((v) => ({ channel: v.channel_id, at, timezone }));
      const due = slots[0]?.at ?? at;
      if (due.getTime() <= now.getTime()) {
        throw new AppError(
          'post.schedule_in_past',
          `${resolved.localTime.replace('T', ' ')} ${timezone} (${due.toISOString()}) is not in the future; pick a later time.`,
          422,
          { at: due.toISOString(), now: now.toISOString(), path: '/localTime' },
        );
      }
    }

    const returned: { id: string; schedule_token: string; due_at: Date }[] = [];
    for (const slot of slots) {
      const { rows } = await tx.query<{ id: string; schedule_token: string; due_at: Date }>(
        `UPDATE post_variants SET state = 'scheduled', due_at = $3, schedule_token = gen_random_uuid(), last_error = NULL
          WHERE post_id = $1 AND channel_id = $2 AND state <> 'published' RETURNING id, schedule_token, due_at`,
        [post.id, slot.channel, slot.at],
      );
      returned.push(...rows);
    }
    jobs = jobsOf(returned);
    const first = slots.reduce<Date | null>((min, s) => (min === null || s.at < min ? s.at : min), null) ?? post.scheduled_at;
    await bumpPost(tx, post.id, { state: to, scheduledAt: first, timezone });

    const after = await loadPost(tx, ctx.workspaceId, post.id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: `post.${mode}`,
      entityType: 'post',
      entityId: post.id,
      before: { state: post.state, scheduledAt: auditView(before).scheduledAt, variants: dueTimes(before) },
      after: { state: to, scheduledAt: auditView(after).scheduledAt, timezone, queue: body.queue === true, variants: dueTimes(after) },
      reason: body.reason,
    });
    const campaignChannels = await findCampaignChannels(tx, ctx.workspaceId, strategy.id, after.post.campaign_id);
    const warnings = await findPostWarnings(tx, {
      workspaceId: ctx.workspaceId,
      strategy,
      record: after,
      campaignChannels,
      now,
      scheduling: true,
    });
    if (resolved?.ambiguous) warnings.push(ambiguousWarning(resolved.localTime, resolved.timezone, resolved.alternatives!));
    return {
      post: presentPost(after, strategy, tctx),
      warnings,
      schedule: {
        ambiguous: resolved?.ambiguous ?? false,
        ...(resolved?.alternatives ? { alternatives: resolved.alternatives } : {}),
        slots: slots.map((s) => ({
          channel: s.channel,
          dueAt: s.at.toISOString(),
          localTime: formatLocal(s.at, s.timezone),
          timezone: s.timezone,
        })),
      },
    };
  });
  result.warnings.push(...(await enqueueJobs(queue, jobs)));
  return result;
}

async function assertConnected(tx: PoolClient, workspaceId: string, strategy: Strategy, record: PostRecord): Promise<void> {
  const open = record.variants.filter((v) => v.state !== 'published' && v.state !== 'cancelled').map((v) => v.channel_id);
  const missing = unpublishableChannels(open, await findConnectionStates(tx, workspaceId, strategy.id));
  if (missing.length === 0) return;
  const names = missing.map((m) => `"${m.channel}"${m.reason === 'reconnect_needed' ? ' (needs reconnecting)' : ''}`).join(', ');
  throw new AppError(
    'post.channel_not_connected',
    `No working account on ${names} of strategy "${strategy.name}": the post would fail there when due. Connect the account${missing.length === 1 ? '' : 's'} on the Connections screen, or schedule anyway with allowUnconnected.`,
    409,
    {
      strategy: strategy.id,
      channels: missing.map(({ channel, reason }) => ({ channel, reason })),
      path: `/variants/${missing[0]!.channel}`,
    },
  );
}

const dueTimes = (r: PostRecord) =>
  Object.fromEntries(r.variants.map((v) => [v.channel_id, { state: v.state, dueAt: v.due_at?.toISOString() ?? null }]));
