/**
 * Reading posts and the checks every post service shares: scoped loading (another workspace's post,
 * a deleted post and a malformed id all answer the same 404), versions, the strategy references, the
 * networks' limits, and the one way a post is presented.
 */
import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { Strategy } from '../plan/schema.ts';
import { findStrategy } from '../plan-store/store.ts';
import { can, type Role } from '../workspace/policy.ts';
import { isUuid } from '../db/uuid.ts';
import { findMediaInfo } from '../media/find-media.ts';
import { validateVariant, type MediaInfo, type VariantContent, type VariantIssue } from '../content/limits.ts';
import { DEFAULT_POSTING_TIMES } from '../content/queue-slots.ts';
import { formatLocal } from '../content/local-time.ts';
import { variantContentSchema, type PostTracking, type PostView, type VariantState } from './schema.ts';
import { availableActions, isSelfApproval, type PostState, type TransitionContext } from '../content/state-machine.ts';

/** Who acts on a post, in which workspace, with which role (from `authorize`). */
export interface PostContext {
  workspaceId: string;
  actor: Actor;
  role: Role;
  /** The current time (tests pass one). */
  now?: Date;
}

export interface PostRow {
  id: string;
  strategy_id: string;
  campaign_id: string | null;
  pillar_id: string | null;
  state: PostState;
  scheduled_at: Date | null;
  timezone: string;
  version: number;
  created_by: string | null;
  content_updated_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** Its link tracking settings (null: the defaults). */
  tracking: PostTracking | null;
}

export interface VariantRow {
  id: string;
  channel_id: string;
  content: VariantContent;
  state: VariantState;
  due_at: Date | null;
  schedule_token: string | null;
  published_at: Date | null;
  remote_url: string | null;
  last_error: string | null;
}

export interface PostRecord {
  post: PostRow;
  variants: VariantRow[];
  /** What the variants' uploaded files are (type, size), by media id, for the networks' media rules. */
  media: ReadonlyMap<string, MediaInfo>;
}

export interface WorkspaceSettings {
  timezone: string;
  requireApproval: boolean;
  allowSelfApproval: boolean;
  postingTimes: string[];
}

const POST_COLUMNS = `id, strategy_id, campaign_id, pillar_id, state, scheduled_at, timezone, version, created_by,
  content_updated_by, created_at, updated_at, tracking`;
export const VARIANT_COLUMNS = `id, post_id, channel_id, content, state, due_at, schedule_token, published_at, remote_url, last_error`;

export const postNotFound = (id: string): AppError =>
  new AppError('post.not_found', `No post with id "${id}" in this workspace.`, 404, { id });

/** The post and its variants; `lock` takes row locks on both (a worker's claim waits for our commit). */
export async function loadPost(q: Queryable, workspaceId: string, postId: string, lock = false): Promise<PostRecord> {
  if (!isUuid(postId)) throw postNotFound(postId);
  const forUpdate = lock ? ' FOR UPDATE' : '';
  const { rows } = await q.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM posts WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL${forUpdate}`,
    [workspaceId, postId],
  );
  const post = rows[0];
  if (!post) throw postNotFound(postId);
  const variants = await q.query<VariantRow>(
    `SELECT ${VARIANT_COLUMNS} FROM post_variants WHERE post_id = $1 ORDER BY channel_id${forUpdate}`,
    [postId],
  );
  const media = await findMediaInfo(
    q,
    workspaceId,
    variants.rows.flatMap((v) => mediaIdsOf(v.content)),
  );
  return { post, variants: variants.rows, media };
}

const mediaIdsOf = (content: VariantContent): string[] => content.media.flatMap((m) => (m.mediaId === undefined ? [] : [m.mediaId]));

/** 422 `post.unknown_media` when a variant refers to a file that is not an upload of this workspace. */
export async function checkMediaRefs(q: Queryable, workspaceId: string, variants: readonly [string, VariantContent][]): Promise<void> {
  const known = await findMediaInfo(
    q,
    workspaceId,
    variants.flatMap(([, c]) => mediaIdsOf(c)),
  );
  for (const [channel, content] of variants) {
    const i = content.media.findIndex((m) => m.mediaId !== undefined && !known.has(m.mediaId));
    if (i >= 0) {
      const mediaId = content.media[i]!.mediaId;
      throw new AppError('post.unknown_media', `No uploaded file "${mediaId}" in this workspace: upload it first (POST …/media).`, 422, {
        mediaId,
        path: `/variants/${channel}/media/${i}`,
      });
    }
  }
}

export async function loadVariantsOf(q: Queryable, postIds: readonly string[]): Promise<Map<string, VariantRow[]>> {
  const byPost = new Map<string, VariantRow[]>(postIds.map((id) => [id, []]));
  if (postIds.length === 0) return byPost;
  const { rows } = await q.query<VariantRow & { post_id: string }>(
    `SELECT ${VARIANT_COLUMNS} FROM post_variants WHERE post_id = ANY($1::uuid[]) ORDER BY post_id, channel_id`,
    [postIds],
  );
  for (const r of rows) byPost.get(r.post_id)?.push(r);
  return byPost;
}

export async function workspaceSettings(q: Queryable, workspaceId: string): Promise<WorkspaceSettings> {
  const { rows } = await q.query<{ timezone: string; require_approval: boolean; allow_self_approval: boolean; posting_times: string[] }>(
    'SELECT timezone, require_approval, allow_self_approval, posting_times FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  const row = rows[0];
  return {
    timezone: row?.timezone ?? 'UTC',
    requireApproval: row?.require_approval ?? true,
    allowSelfApproval: row?.allow_self_approval ?? false,
    postingTimes: row?.posting_times?.length ? row.posting_times : [...DEFAULT_POSTING_TIMES],
  };
}

/** The state machine's context for a caller, plus who they are and whether self-approval is allowed (four eyes). */
export interface ViewerContext extends TransitionContext {
  userId: string;
  allowSelfApproval: boolean;
}

export const transitionContext = (role: Role, settings: WorkspaceSettings, userId: string): ViewerContext => ({
  requireApproval: settings.requireApproval,
  can: (p) => can(role, p),
  userId,
  allowSelfApproval: settings.allowSelfApproval,
});

/** Four eyes for this post: its creator and the last person to change its content are its authors. */
export const mayNotApprove = (post: PostRow, viewer: ViewerContext): boolean =>
  isSelfApproval([post.created_by, post.content_updated_by], viewer.userId, viewer);

/** 409 `post.version_conflict` unless the post is at `expected` (If-Match). */
export function checkVersion(post: PostRow, expected: number | undefined): void {
  if (expected !== undefined && post.version !== expected) {
    throw new AppError(
      'post.version_conflict',
      `The post changed since version ${expected} (now ${post.version}); reload and try again.`,
      409,
      {
        id: post.id,
        expected,
        current: post.version,
      },
    );
  }
}

/** The post's strategy; 422 `post.unknown_strategy` when the workspace has none by that id. */
/** What every change to a post starts with: the post locked, its version checked, the rules that apply and its strategy. */
export async function openPostForChange(tx: Queryable, ctx: PostContext, postId: string, expectedVersion: number | undefined) {
  const before = await loadPost(tx, ctx.workspaceId, postId, true);
  checkVersion(before.post, expectedVersion);
  const settings = await workspaceSettings(tx, ctx.workspaceId);
  const tctx = transitionContext(ctx.role, settings, ctx.actor.userId);
  const strategy = await strategyOf(tx, ctx.workspaceId, before.post.strategy_id);
  return { before, post: before.post, settings, tctx, strategy };
}

export async function strategyOf(q: Queryable, workspaceId: string, strategyId: string): Promise<Strategy> {
  const found = await findStrategy(q, workspaceId, strategyId);
  if (!found) {
    throw new AppError(
      'post.unknown_strategy',
      `No strategy "${strategyId}" in this workspace: a post belongs to one of the workspace's strategies.`,
      422,
      {
        strategy: strategyId,
      },
    );
  }
  return found.doc;
}

/** 422 `post.unknown_pillar` / `post.unknown_channel` when the strategy has no such pillar or channel. */
export function checkStrategyRefs(strategy: Strategy, refs: { pillar?: string | null; channels?: readonly string[] }): void {
  if (refs.pillar != null && !strategy.pillars.some((p) => p.id === refs.pillar)) {
    throw new AppError(
      'post.unknown_pillar',
      `Strategy "${strategy.id}" has no content pillar "${refs.pillar}" (it has: ${strategy.pillars.map((p) => p.id).join(', ') || 'none'}).`,
      422,
      {
        pillar: refs.pillar,
        strategy: strategy.id,
        path: '/pillar',
      },
    );
  }
  const unknown = (refs.channels ?? []).filter((c) => !strategy.channels.some((ch) => ch.id === c));
  if (unknown.length) {
    throw new AppError(
      'post.unknown_channel',
      `Strategy "${strategy.id}" has no channel ${unknown.map((c) => `"${c}"`).join(', ')}; variants are keyed by the strategy's channel ids (${strategy.channels.map((c) => c.id).join(', ') || 'none'}).`,
      422,
      { channels: unknown, strategy: strategy.id, path: `/variants/${unknown[0]}` },
    );
  }
}

/** The campaign's channels; 422 `post.unknown_campaign` or `post.campaign_not_in_strategy`. */
export async function checkCampaign(q: Queryable, workspaceId: string, strategyId: string, campaignId: string): Promise<string[]> {
  const { rows } = await q.query<{ strategy_id: string; document: { channels?: string[] } }>(
    'SELECT strategy_id, document FROM campaigns WHERE workspace_id = $1 AND id = $2',
    [workspaceId, campaignId],
  );
  const row = rows[0];
  if (!row)
    throw new AppError('post.unknown_campaign', `No campaign "${campaignId}" in this workspace.`, 422, {
      campaign: campaignId,
      path: '/campaign',
    });
  if (row.strategy_id !== strategyId) {
    throw new AppError(
      'post.campaign_not_in_strategy',
      `Campaign "${campaignId}" lives in strategy "${row.strategy_id}", not in the post's strategy "${strategyId}".`,
      422,
      { campaign: campaignId, campaignStrategy: row.strategy_id, strategy: strategyId, path: '/campaign' },
    );
  }
  return row.document.channels ?? [];
}

/** The channels of a campaign, for warnings; null when it is gone or no longer in this strategy. */
export async function findCampaignChannels(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  campaignId: string | null,
): Promise<string[] | null> {
  if (campaignId === null) return null;
  const { rows } = await q.query<{ channels: string[] | null }>(
    `SELECT document->'channels' AS channels FROM campaigns WHERE workspace_id = $1 AND id = $2 AND strategy_id = $3`,
    [workspaceId, campaignId, strategyId],
  );
  return rows[0] ? (rows[0].channels ?? []) : null;
}

/** Every limit issue of every variant, against its channel's platform (`media`: the uploads' types and sizes). */
export function contentIssues(
  strategy: Strategy,
  variants: readonly { channel_id: string; content: VariantContent }[],
  media: ReadonlyMap<string, MediaInfo>,
): VariantIssue[] {
  return variants.flatMap((v) => {
    const channel = strategy.channels.find((c) => c.id === v.channel_id);
    return channel ? validateVariant(channel.platform, v.content, v.channel_id, (id) => media.get(id)) : [];
  });
}

/**
 * Before a post leaves draft (review, approval, scheduling) every variant must be publishable:
 * its channel still in the strategy (422 `post.unknown_channel`) and within the network's limits
 * (422 `post.content_invalid`, details.issues with JSON pointers).
 */
export function assertPublishable(
  strategy: Strategy,
  variants: readonly { channel_id: string; content: VariantContent; state?: VariantState }[],
  media: ReadonlyMap<string, MediaInfo>,
): void {
  const open = variants.filter((v) => v.state !== 'published');
  checkStrategyRefs(strategy, { channels: open.map((v) => v.channel_id) });
  const issues = contentIssues(strategy, open, media);
  if (issues.length) {
    throw new AppError(
      'post.content_invalid',
      `${issues[0]!.message}${issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : ''}`,
      422,
      {
        issues,
      },
    );
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentPost(
  record: Pick<PostRecord, 'post' | 'variants'>,
  strategy: Strategy | undefined,
  viewer: ViewerContext | null,
): PostView {
  const { post } = record;
  return {
    id: post.id,
    strategy: post.strategy_id,
    campaign: post.campaign_id,
    pillar: post.pillar_id,
    state: post.state,
    scheduledAt: iso(post.scheduled_at),
    timezone: post.timezone,
    localTime: post.scheduled_at ? formatLocal(post.scheduled_at, post.timezone) : null,
    version: post.version,
    createdBy: post.created_by,
    createdAt: post.created_at.toISOString(),
    updatedAt: post.updated_at.toISOString(),
    tracking: post.tracking ?? {},
    variants: record.variants.map((v) => ({
      id: v.id,
      channel: v.channel_id,
      platform: strategy?.channels.find((c) => c.id === v.channel_id)?.platform ?? null,
      content: variantContentSchema.parse(v.content),
      state: v.state,
      dueAt: iso(v.due_at),
      publishedAt: iso(v.published_at),
      remoteUrl: v.remote_url,
      lastError: v.last_error,
    })),
    actions: viewer ? availableActions(post.state, viewer).filter((a) => a !== 'approve' || !mayNotApprove(post, viewer)) : [],
  };
}

/** The post as the audit log records it (before/after). */
export const auditView = (record: PostRecord) => ({
  state: record.post.state,
  strategy: record.post.strategy_id,
  campaign: record.post.campaign_id,
  pillar: record.post.pillar_id,
  scheduledAt: iso(record.post.scheduled_at),
  timezone: record.post.timezone,
  tracking: record.post.tracking,
  version: record.post.version,
  variants: Object.fromEntries(record.variants.map((v) => [v.channel_id, { state: v.state, dueAt: iso(v.due_at), content: v.content }])),
});

/**
 * Takes variants off the schedule: a new schedule token (a job queued with the old one finds nothing
 * to send), the given state. Published and in-flight variants are left alone.
 */
export async function unscheduleVariants(q: Queryable, postId: string, state: 'pending' | 'cancelled'): Promise<void> {
  await q.query(
    `UPDATE post_variants SET state = $2, schedule_token = gen_random_uuid(), due_at = CASE WHEN $2 = 'pending' THEN NULL ELSE due_at END
      WHERE post_id = $1 AND state NOT IN ('published', 'publishing')`,
    [postId, state],
  );
}

/** 409 `post.publishing` while a variant is being sent: its outcome must be known first. */
export function assertNotPublishing(record: PostRecord): void {
  const busy = record.variants.filter((v) => v.state === 'publishing').map((v) => v.channel_id);
  if (busy.length) {
    throw new AppError(
      'post.publishing',
      `The post is being published on ${busy.join(', ')} right now; try again when that has finished.`,
      409,
      {
        channels: busy,
      },
    );
  }
}

export async function bumpPost(
  q: Queryable,
  postId: string,
  set: {
    state?: PostState;
    scheduledAt?: Date | null;
    timezone?: string;
    campaign?: string | null;
    pillar?: string | null;
    contentUpdatedBy?: string;
    /** null: back to the defaults. */
    tracking?: PostTracking | null;
  },
): Promise<void> {
  await q.query(
    `UPDATE posts SET
       state = COALESCE($2, state),
       scheduled_at = CASE WHEN $3 THEN $4::timestamptz ELSE scheduled_at END,
       timezone = COALESCE($5, timezone),
       campaign_id = CASE WHEN $6 THEN $7 ELSE campaign_id END,
       pillar_id = CASE WHEN $8 THEN $9 ELSE pillar_id END,
       content_updated_by = COALESCE($10, content_updated_by),
       tracking = CASE WHEN $11 THEN $12::jsonb ELSE tracking END,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      postId,
      set.state ?? null,
      set.scheduledAt !== undefined,
      set.scheduledAt ?? null,
      set.timezone ?? null,
      set.campaign !== undefined,
      set.campaign ?? null,
      set.pillar !== undefined,
      set.pillar ?? null,
      set.contentUpdatedBy ?? null,
      set.tracking !== undefined,
      set.tracking == null ? null : JSON.stringify(set.tracking),
    ],
  );
}
