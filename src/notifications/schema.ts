/** Notifications API shapes: the single source of their types (the web app imports them). */
import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'publish_failed',
  'publish_missed',
  'reconnect_needed',
  /** To approvers: a post awaits review. */
  'review_requested',
  /** To a post's authors: it was approved, rejected (changes asked), or commented on. */
  'post_approved',
  'post_rejected',
  'post_commented',
  /** To whoever set up a report schedule: its webhook kept refusing a report. */
  'report_delivery_failed',
  /** To those who manage listening (owners, strategists, analysts): a query's hourly volume spiked. */
  'listening_spike',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });
export const notificationParams = workspaceParams.extend({
  notificationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const listNotificationsQuery = z.object({
  /** Only the unread ones. */
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Notifications older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>;

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  message: z.string(),
  createdAt: z.string(),
  /** null: unread. */
  readAt: z.string().nullable(),
  /**
   * The post it is about (publishing and review notifications), with its strategy and channels as they
   * are now; null when it is about something else or the post was deleted.
   */
  post: z
    .object({
      id: z.uuid(),
      strategy: z.string(),
      /** null when the strategy is gone. */
      strategyName: z.string().nullable(),
      channels: z.array(z.string()),
    })
    .nullable(),
  /** The connection it is about (reconnect_needed); null when it is about something else or the connection was removed. */
  connection: z.object({ id: z.uuid(), strategy: z.string(), channel: z.string(), connector: z.string() }).nullable(),
  /** The report schedule it is about (report_delivery_failed), with where its subject lives; null otherwise or once deleted. */
  report: z
    .object({ schedule: z.uuid(), subject: z.enum(['strategy', 'campaign']), strategy: z.string(), campaign: z.string().nullable() })
    .nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListResponse = z.object({
  notifications: z.array(notificationSchema),
  /** All of the caller's unread notifications in the workspace (not only this page's). */
  unreadCount: z.number().int(),
  nextBefore: z.number().int().nullable(),
});
export const notificationResponse = z.object({ notification: notificationSchema, unreadCount: z.number().int() });
export const readAllResponse = z.object({ marked: z.number().int(), unreadCount: z.number().int() });
