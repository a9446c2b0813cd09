/**
 * Warnings (never errors) about a post against its strategy and what is already planned:
 * - `post.duplicate_text` — the same text (case and whitespace ignored) is already scheduled or
 *   published on that channel within 30 days of this post's time (or of now, when it has none);
 * - `post.cadence_exceeded` — on scheduling: the channel has more scheduled/published posts in the
 *   post's ISO week (in the post's time zone) than its cadence, rounded up, plans;
 * - `post.promotional_share_exceeded` — on scheduling a post of a promotional pillar: promotional
 *   posts make up more than the strategy's `contentMix.maxPromotionalShare` of the strategy's
 *   scheduled/published posts in the 30-day window that starts now, or that ends at the post's time
 *   when that is more than 30 days away (so the post itself is always inside the window);
 * - `post.channel_not_in_campaign` — a variant on a channel the post's campaign does not use;
 * - `post.time_in_past`, `post.outside_strategy_period`, `post.outside_campaign_period` — see
 *   timing-warnings.ts (the composer shows the same ones live);
 * - `post.channel_not_connected` — a variant still to be sent on a channel with no connected account,
 *   or one that needs reconnecting: it would fail when due (scheduling refuses it; see schedule-post.ts);
 * - the networks' limit issues (`post.text_too_long`…) while the post is an idea or a draft — they
 *   become a 422 `post.content_invalid` when it is submitted or scheduled.
 */
import type { Queryable } from '../db/pool.ts';
import { unpublishableChannels } from '../plan/readiness.ts';
import type { Strategy } from '../plan/schema.ts';
import { findConnectionStates } from '../plan-store/connection-states.ts';
import { contentIssues, type PostRecord } from './post-store.ts';
import { formatLocal, isoWeekOf } from '../content/local-time.ts';
import { timingWarnings } from '../content/timing-warnings.ts';
import type { PostWarning } from './schema.ts';

const DAY = 24 * 3600 * 1000;
export const DUPLICATE_WINDOW_DAYS = 30;
export const PROMOTIONAL_WINDOW_DAYS = 30;
const LIVE = `('scheduled', 'publishing', 'published')`;

export interface WarningInput {
  workspaceId: string;
  strategy: Strategy;
  /** The post as it is now (after the write, inside the same transaction). */
  record: PostRecord;
  /** Channels of the post's campaign, when it has one. */
  campaignChannels: readonly string[] | null;
  now: Date;
  /** Scheduling checks (cadence, promotional share) run only when the post was just scheduled. */
  scheduling: boolean;
}

export async function findPostWarnings(q: Queryable, input: WarningInput): Promise<PostWarning[]> {
  const { record, strategy } = input;
  const { post } = record;
  const warnings: PostWarning[] = [];

  if (post.state === 'idea' || post.state === 'draft') {
    for (const issue of contentIssues(strategy, record.variants, record.media)) warnings.push({ ...issue });
  }

  if (input.campaignChannels) {
    for (const v of record.variants) {
      if (!input.campaignChannels.includes(v.channel_id)) {
        warnings.push({
          code: 'post.channel_not_in_campaign',
          message: `Campaign "${post.campaign_id}" is not promoted on "${v.channel_id}" (its channels: ${input.campaignChannels.join(', ') || 'none'}).`,
          channel: v.channel_id,
          path: `/variants/${v.channel_id}`,
        });
      }
    }
  }

  const campaign = post.campaign_id === null ? null : await findCampaignPeriod(q, input.workspaceId, strategy.id, post.campaign_id);
  warnings.push(
    ...timingWarnings({
      localDate: post.scheduled_at ? formatLocal(post.scheduled_at, post.timezone).slice(0, 10) : null,
      at: post.scheduled_at,
      now: input.now,
      preparing: PREPARING.has(post.state),
      strategy,
      campaign,
    }),
  );

  const pending = record.variants.filter((v) => v.state !== 'published' && v.state !== 'cancelled').map((v) => v.channel_id);
  if (pending.length > 0) {
    const states = await findConnectionStates(q, input.workspaceId, strategy.id);
    for (const u of unpublishableChannels(pending, states)) warnings.push(notConnectedWarning(strategy, u));
  }

  for (const v of record.variants) {
    if (v.content.text.trim() === '' || v.state === 'cancelled') continue;
    const ref = v.due_at ?? post.scheduled_at ?? input.now;
    const { rows } = await q.query<{ post_id: string; at: Date }>(
      `SELECT p.id AS post_id, COALESCE(v.published_at, v.due_at) AS at
         FROM post_variants v JOIN posts p ON p.id = v.post_id
        WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.deleted_at IS NULL AND p.id <> $3
          AND v.channel_id = $4 AND v.state IN ${LIVE}
          AND COALESCE(v.published_at, v.due_at) BETWEEN $5::timestamptz - make_interval(days => $7) AND $5::timestamptz + make_interval(days => $7)
          AND lower(regexp_replace(btrim(v.content->>'text'), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim($6::text), '\\s+', ' ', 'g'))
        ORDER BY at LIMIT 5`,
      [input.workspaceId, post.strategy_id, post.id, v.channel_id, ref, v.content.text, DUPLICATE_WINDOW_DAYS],
    );
    if (rows.length) {
      warnings.push({
        code: 'post.duplicate_text',
        message: `The same text is already scheduled or published on "${v.channel_id}" within ${DUPLICATE_WINDOW_DAYS} days (${rows[0]!.at.toISOString().slice(0, 10)}); networks and followers punish repeats.`,
        channel: v.channel_id,
        path: `/variants/${v.channel_id}/text`,
        details: { posts: rows.map((r) => r.post_id) },
      });
    }
  }

  if (!input.scheduling) return warnings;

  for (const v of record.variants) {
    if (v.state !== 'scheduled' || !v.due_at) continue;
    const cadence = strategy.channels.find((c) => c.id === v.channel_id)?.cadence?.postsPerWeek;
    if (cadence === undefined) continue;
    const week = isoWeekOf(v.due_at, post.timezone);
    const { rows } = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM post_variants v JOIN posts p ON p.id = v.post_id
        WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.deleted_at IS NULL AND v.channel_id = $3
          AND v.state IN ${LIVE} AND COALESCE(v.published_at, v.due_at) >= $4 AND COALESCE(v.published_at, v.due_at) < $5`,
      [input.workspaceId, post.strategy_id, v.channel_id, week.start, week.end],
    );
    const n = rows[0]!.n;
    const planned = Math.ceil(cadence);
    if (n > planned) {
      warnings.push({
        code: 'post.cadence_exceeded',
        message: `"${v.channel_id}" now has ${n} posts in week ${week.label}; the strategy plans ${cadence} a week.`,
        channel: v.channel_id,
        details: { week: week.label, scheduled: n, postsPerWeek: cadence },
      });
    }
  }

  const pillar = strategy.pillars.find((p) => p.id === post.pillar_id);
  if (pillar?.promotional && post.scheduled_at) {
    const promotional = strategy.pillars.filter((p) => p.promotional).map((p) => p.id);
    const start = new Date(Math.max(input.now.getTime(), post.scheduled_at.getTime() - PROMOTIONAL_WINDOW_DAYS * DAY));
    const end = new Date(start.getTime() + PROMOTIONAL_WINDOW_DAYS * DAY + 1);
    const { rows } = await q.query<{ total: number; promo: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE pillar_id = ANY($3::text[]))::int AS promo
         FROM posts WHERE workspace_id = $1 AND strategy_id = $2 AND deleted_at IS NULL
          AND state IN ${LIVE} AND scheduled_at >= $4 AND scheduled_at < $5`,
      [input.workspaceId, post.strategy_id, promotional, start, end],
    );
    const { total, promo } = rows[0]!;
    const max = strategy.contentMix.maxPromotionalShare;
    if (total > 0 && promo / total > max) {
      const pct = (x: number) => `${Math.round(x * 100)}%`;
      warnings.push({
        code: 'post.promotional_share_exceeded',
        message: `${promo} of the ${total} posts scheduled between ${start.toISOString().slice(0, 10)} and ${end.toISOString().slice(0, 10)} are promotional (${pct(promo / total)}); the strategy allows at most ${pct(max)}.`,
        path: '/pillar',
        details: {
          promotional: promo,
          total,
          share: promo / total,
          maxPromotionalShare: max,
          from: start.toISOString(),
          to: end.toISOString(),
        },
      });
    }
  }
  return warnings;
}

const PREPARING = new Set(['idea', 'draft', 'in_review', 'approved']);

async function findCampaignPeriod(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  campaignId: string,
): Promise<{ name: string; start: string; end: string } | null> {
  const { rows } = await q.query<{ name: string; start: string; end: string }>(
    `SELECT document->>'name' AS name, document->>'start' AS start, document->>'end' AS "end" FROM campaigns WHERE workspace_id = $1 AND id = $2 AND strategy_id = $3`,
    [workspaceId, campaignId, strategyId],
  );
  return rows[0] ?? null;
}

/** Names the channel and its strategy, and where to fix it: the web app links `details.fix` to the Connections screen. */
export function notConnectedWarning(strategy: Strategy, u: { channel: string; reason: 'not_connected' | 'reconnect_needed' }): PostWarning {
  const why = u.reason === 'reconnect_needed' ? 'its account needs reconnecting' : 'has no connected account';
  return {
    code: 'post.channel_not_connected',
    message: `"${u.channel}" of strategy "${strategy.name}" ${why}: this post would fail there when due. Connect an account on the Connections screen.`,
    channel: u.channel,
    path: `/variants/${u.channel}`,
    details: { strategy: strategy.id, channel: u.channel, reason: u.reason, fix: 'connections' },
  };
}
