/**
 * What the queue reads from the database, shared by "add to queue" (schedule-post.ts) and the queue
 * view (list-queue.ts), so both see the same zones and the same taken slots.
 */
import type { Queryable } from '../db/pool.ts';
import type { PostState } from '../content/state-machine.ts';

/** Each connected channel's own time zone (its connection's override); others use the workspace's. */
export async function channelZones(q: Queryable, workspaceId: string, strategyId: string): Promise<Map<string, string>> {
  const { rows } = await q.query<{ channel_id: string; timezone: string | null }>(
    'SELECT channel_id, timezone FROM channel_connections WHERE workspace_id = $1 AND strategy_id = $2',
    [workspaceId, strategyId],
  );
  return new Map(rows.flatMap((r) => (r.timezone ? [[r.channel_id, r.timezone] as const] : [])));
}

export interface TakenSlot {
  dueAt: Date;
  postId: string;
  postState: PostState;
  /** The variant's text (the queue view names the post by it). */
  text: string;
}

/**
 * Instants after `after` already taken on a channel: its scheduled, publishing or published variants
 * (optionally leaving out one post, which is being queued again).
 */
export async function takenSlots(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  channel: string,
  after: Date,
  exceptPost?: string,
): Promise<TakenSlot[]> {
  const { rows } = await q.query<{ due_at: Date; post_id: string; state: PostState; text: string | null }>(
    `SELECT v.due_at, p.id AS post_id, p.state, v.content->>'text' AS text FROM post_variants v JOIN posts p ON p.id = v.post_id
      WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.deleted_at IS NULL AND ($5::uuid IS NULL OR p.id <> $5)
        AND v.channel_id = $3 AND v.state IN ('scheduled', 'publishing', 'published') AND v.due_at > $4
      ORDER BY v.due_at`,
    [workspaceId, strategyId, channel, after, exceptPost ?? null],
  );
  return rows.map((r) => ({ dueAt: r.due_at, postId: r.post_id, postState: r.state, text: r.text ?? '' }));
}
