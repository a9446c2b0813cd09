/**
 * The queue view: for each channel of the workspace's strategies (or one strategy's), the coming
 * queue slots — from the channel's cadence and the workspace's posting times, exactly as "add to
 * queue" computes them (queue-slots.ts) — up to the n-th free one, each filled slot with the post
 * going out then.
 */
import type { Queryable } from '../db/pool.ts';
import type { Strategy } from '../plan/schema.ts';
import { workspaceSettings } from './post-store.ts';
import { upcomingSlots } from '../content/queue-slots.ts';
import { channelZones, takenSlots } from './queue-store.ts';
import { formatLocal } from '../content/local-time.ts';
import type { QueueQuery, QueueView } from './schema.ts';

export async function listQueue(q: Queryable, workspaceId: string, query: QueueQuery, now = new Date()): Promise<QueueView> {
  const settings = await workspaceSettings(q, workspaceId);
  const { rows } = await q.query<{ document: Strategy }>(
    'SELECT document FROM strategies WHERE workspace_id = $1 AND ($2::text IS NULL OR id = $2) ORDER BY id',
    [workspaceId, query.strategy ?? null],
  );
  const channels: QueueView['channels'] = [];
  for (const { document: strategy } of rows) {
    const zones = await channelZones(q, workspaceId, strategy.id);
    for (const channel of strategy.channels) {
      const timezone = zones.get(channel.id) ?? settings.timezone;
      const taken = await takenSlots(q, workspaceId, strategy.id, channel.id, now);
      const byInstant = new Map(taken.map((t) => [t.dueAt.getTime(), t]));
      const slots = upcomingSlots(
        {
          now,
          timezone,
          postsPerWeek: channel.cadence?.postsPerWeek,
          postingTimes: settings.postingTimes,
          taken: new Set(byInstant.keys()),
        },
        query.free,
      );
      channels.push({
        strategy: strategy.id,
        strategyName: strategy.name,
        channel: channel.id,
        platform: channel.platform,
        timezone,
        postsPerWeek: channel.cadence?.postsPerWeek ?? null,
        slots: slots.map(({ at }) => {
          const filled = byInstant.get(at.getTime());
          return {
            at: at.toISOString(),
            localTime: formatLocal(at, timezone),
            post: filled ? { id: filled.postId, state: filled.postState, text: filled.text.slice(0, 200) } : null,
          };
        }),
      });
    }
  }
  return { postingTimes: settings.postingTimes, channels };
}
