/** A workspace's report schedules with their stored reports, optionally of one strategy or campaign. */
import type { Queryable } from '../../db/pool.ts';
import { presentSchedules, SCHEDULE_SELECT, type ScheduleRow } from './schedule-store.ts';
import type { ScheduleView } from './schema.ts';

export async function listSchedules(
  q: Queryable,
  workspaceId: string,
  filter: { strategy?: string | undefined; campaign?: string | undefined },
  today: string,
): Promise<ScheduleView[]> {
  const { rows } = await q.query<ScheduleRow>(
    `${SCHEDULE_SELECT}
      WHERE r.workspace_id = $1 AND ($2::text IS NULL OR r.strategy_id = $2) AND ($3::text IS NULL OR r.campaign_id = $3)
      ORDER BY r.created_at, r.id`,
    [workspaceId, filter.strategy ?? null, filter.campaign ?? null],
  );
  return presentSchedules(q, rows, today);
}
