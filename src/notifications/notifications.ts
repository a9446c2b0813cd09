/**
 * The caller's notifications in a workspace: what they must act on — a post failed or was missed, an
 * account needs reconnecting (written by the scheduler: worker-publish.ts, scheduler-verify.ts), a post
 * awaits their review or was reviewed or commented on (publishing/notify-review.ts).
 *
 * Whose: a notification addressed to a user (`user_id`) is theirs; one without a user (the post had
 * no known author, no scheduled post was affected) is for the workspace's owners. Reading is one
 * `read_at` per notification, so an owner-wide notification read by one owner is read for all —
 * they share it, as they share the fix.
 */
import type { Queryable } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import type { Role } from '../workspace/policy.ts';
import type { ListNotificationsQuery, NotificationKind, NotificationView } from './schema.ts';

export interface Reader {
  workspaceId: string;
  userId: string;
  role: Role;
}

/** `n` is the notifications table's alias; $1 workspace, $2 user, $3 whether the user is an owner. */
const MINE = `n.workspace_id = $1 AND (n.user_id = $2 OR (n.user_id IS NULL AND $3::boolean))`;
const params = (r: Reader) => [r.workspaceId, r.userId, r.role === 'owner'];

interface Row {
  id: string;
  kind: NotificationKind;
  message: string;
  created_at: Date;
  read_at: Date | null;
  post_id: string | null;
  post_strategy: string | null;
  strategy_name: string | null;
  post_channels: string[] | null;
  connection_id: string | null;
  strategy_id: string | null;
  channel_id: string | null;
  connector: string | null;
  report_schedule_id: string | null;
  report_subject: 'strategy' | 'campaign' | null;
  report_strategy: string | null;
  report_campaign: string | null;
}

const SELECT = `SELECT n.id, n.kind, n.message, n.created_at, n.read_at,
                       p.id AS post_id, p.strategy_id AS post_strategy, s.name AS strategy_name,
                       CASE WHEN p.id IS NOT NULL THEN ARRAY(SELECT v.channel_id FROM post_variants v WHERE v.post_id = p.id ORDER BY v.channel_id) END AS post_channels,
                       c.id AS connection_id, c.strategy_id, c.channel_id, c.connector,
                       rs.id AS report_schedule_id, rs.subject AS report_subject,
                       coalesce(rs.strategy_id, rc.strategy_id) AS report_strategy, rs.campaign_id AS report_campaign
                  FROM notifications n
                  LEFT JOIN posts p ON n.entity_type = 'post' AND p.id::text = n.entity_id AND p.workspace_id = n.workspace_id AND p.deleted_at IS NULL
                  LEFT JOIN strategies s ON s.workspace_id = p.workspace_id AND s.id = p.strategy_id
                  LEFT JOIN channel_connections c ON n.entity_type = 'connection' AND c.id::text = n.entity_id AND c.workspace_id = n.workspace_id
                  LEFT JOIN report_schedules rs ON n.entity_type = 'report_schedule' AND rs.id::text = n.entity_id AND rs.workspace_id = n.workspace_id
                  LEFT JOIN campaigns rc ON rc.workspace_id = rs.workspace_id AND rc.id = rs.campaign_id`;

const present = (r: Row): NotificationView => ({
  id: Number(r.id),
  kind: r.kind,
  message: r.message,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
  post: r.post_id ? { id: r.post_id, strategy: r.post_strategy!, strategyName: r.strategy_name, channels: r.post_channels ?? [] } : null,
  connection: r.connection_id ? { id: r.connection_id, strategy: r.strategy_id!, channel: r.channel_id!, connector: r.connector! } : null,
  report: r.report_schedule_id
    ? { schedule: r.report_schedule_id, subject: r.report_subject!, strategy: r.report_strategy!, campaign: r.report_campaign }
    : null,
});

export async function unreadCount(q: Queryable, r: Reader): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n WHERE ${MINE} AND n.read_at IS NULL`,
    params(r),
  );
  return rows[0]!.n;
}

/** Newest first, keyset-paginated by id, with the unread count. */
export async function listNotifications(
  q: Queryable,
  r: Reader,
  query: ListNotificationsQuery,
): Promise<{ notifications: NotificationView[]; unreadCount: number; nextBefore: number | null }> {
  const { rows } = await q.query<Row>(
    `${SELECT}
      WHERE ${MINE} AND ($4::boolean IS NOT TRUE OR n.read_at IS NULL) AND ($5::bigint IS NULL OR n.id < $5)
      ORDER BY n.id DESC LIMIT $6`,
    [...params(r), query.unread ?? null, query.before ?? null, query.limit + 1],
  );
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map(present);
  return { notifications: page, unreadCount: await unreadCount(q, r), nextBefore: more ? page[page.length - 1]!.id : null };
}

/** Marks one of the caller's notifications read (idempotent: the first reading time stays); 404 when it is not theirs. */
export async function markRead(q: Queryable, r: Reader, id: number): Promise<{ notification: NotificationView; unreadCount: number }> {
  const { rowCount } = await q.query(`UPDATE notifications n SET read_at = coalesce(read_at, now()) WHERE ${MINE} AND n.id = $4`, [
    ...params(r),
    id,
  ]);
  if (!rowCount) throw notFound('notification', String(id));
  const { rows } = await q.query<Row>(`${SELECT} WHERE n.id = $1`, [id]);
  return { notification: present(rows[0]!), unreadCount: await unreadCount(q, r) };
}

/** Marks all of the caller's unread notifications in the workspace read. */
export async function markAllRead(q: Queryable, r: Reader): Promise<{ marked: number; unreadCount: number }> {
  const { rowCount } = await q.query(`UPDATE notifications n SET read_at = now() WHERE ${MINE} AND n.read_at IS NULL`, params(r));
  return { marked: rowCount ?? 0, unreadCount: await unreadCount(q, r) };
}
