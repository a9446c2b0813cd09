/** Follower readings of a strategy's channels over a range (follower_snapshots: one level per channel and day). */
import type { Queryable } from '../../db/pool.ts';
import { followerGrowth } from '../formulas.ts';
import type { Period } from './range.ts';
import type { SeriesPoint } from './schema.ts';

export interface ChannelFollowers {
  /** Readings inside the range, by day. */
  points: SeriesPoint[];
  /** The latest reading on or before the first day, else the first inside the range. */
  start: number | null;
  /** The latest reading on or before the last day. */
  end: number | null;
  growth: number | null;
}

/** Per channel (those with a reading): the readings in the range and the last one before it. Two index range scans. */
export async function readFollowers(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  range: Pick<Period, 'from' | 'to'>,
): Promise<Map<string, ChannelFollowers>> {
  const { rows } = await q.query<{ channel_id: string; day: string; followers: number; before: boolean }>(
    `SELECT channel_id, day, followers, day < $3 AS before FROM (
       SELECT channel_id, day, followers FROM follower_snapshots
        WHERE workspace_id = $1 AND strategy_id = $2 AND day >= $3 AND day <= $4
       UNION ALL
       (SELECT DISTINCT ON (channel_id) channel_id, day, followers FROM follower_snapshots
         WHERE workspace_id = $1 AND strategy_id = $2 AND day < $3 ORDER BY channel_id, day DESC)
     ) s ORDER BY channel_id, day`,
    [workspaceId, strategyId, range.from, range.to],
  );
  const out = new Map<string, ChannelFollowers>();
  for (const r of rows) {
    let c = out.get(r.channel_id);
    if (!c) {
      c = { points: [], start: null, end: null, growth: null };
      out.set(r.channel_id, c);
    }
    if (r.before) c.start = r.followers;
    else {
      c.points.push({ date: r.day, value: r.followers });
      c.start ??= r.followers;
    }
    c.end = r.followers;
  }
  for (const c of out.values()) c.growth = c.start === null || c.end === null ? null : followerGrowth({ start: c.start, end: c.end });
  return out;
}
