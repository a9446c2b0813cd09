/** Tells whoever set up a report schedule (the owners, when that person is gone) that its webhook gave up. */
import type { Queryable } from '../../db/pool.ts';
import { notify } from '../../notifications/notify.ts';

export async function notifyReportDeliveryFailed(
  q: Queryable,
  n: { workspaceId: string; scheduleId: string; userId: string | null; message: string },
): Promise<void> {
  // The creator may have left the workspace since: then the owners hear it.
  const { rows } = await q.query<{ member: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM memberships WHERE workspace_id = $1 AND user_id = $2) AS member',
    [n.workspaceId, n.userId],
  );
  await notify(q, n.workspaceId, [
    {
      userId: rows[0]?.member ? n.userId : null,
      kind: 'report_delivery_failed',
      entityType: 'report_schedule',
      entityId: n.scheduleId,
      message: n.message,
    },
  ]);
}
