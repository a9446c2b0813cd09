/**
 * Writing notifications: the domain that knows who must act (publishing, the scheduler) decides the
 * recipients and the words; this writes them, in the caller's transaction, so a notification exists
 * exactly when the change it announces was committed.
 */
import type { Queryable } from '../db/pool.ts';
import type { NotificationKind } from './schema.ts';

export interface NewNotification {
  /** Null: for the workspace's owners (no one else to tell). */
  userId: string | null;
  kind: NotificationKind;
  entityType: 'post' | 'connection' | 'report_schedule' | 'listening_query';
  entityId: string;
  message: string;
}

/** Inserts the notifications in one statement; returns how many were written. */
export async function notify(q: Queryable, workspaceId: string, notifications: readonly NewNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const { rowCount } = await q.query(
    `INSERT INTO notifications (workspace_id, user_id, kind, entity_type, entity_id, message)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [
      workspaceId,
      notifications.map((n) => n.userId),
      notifications.map((n) => n.kind),
      notifications.map((n) => n.entityType),
      notifications.map((n) => n.entityId),
      notifications.map((n) => n.message),
    ],
  );
  return rowCount ?? 0;
}
