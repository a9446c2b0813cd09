/** The notifications API's contract: /workspaces/:ws/notifications — the caller's own. Routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses } from '../http/responses.ts';
import { notificationsEndpoints as at } from './endpoints.ts';
import {
  listNotificationsQuery,
  notificationListResponse,
  notificationParams,
  notificationResponse,
  readAllResponse,
  workspaceParams,
} from './schema.ts';

const tags = ['notifications'] as const;
const errors = errorResponses(400, 401, 403, 404);

export const notificationsContract = {
  listNotifications: defineRoute({
    ...at.listNotifications,
    access: 'workspace.read',
    tags,
    summary: 'Your notifications in this workspace, newest first, with your unread count',
    description:
      'Posts awaiting your review (to members who may approve them), your posts approved, rejected or commented on, ' +
      'failed and missed posts (to their author), accounts to reconnect. Notifications without an addressee go to the owners. ' +
      "A post notification carries the post's strategy and channels.",
    params: workspaceParams,
    query: listNotificationsQuery,
    responses: { 200: notificationListResponse, ...errors },
  }),

  markRead: defineRoute({
    ...at.markRead,
    access: 'workspace.read',
    tags,
    summary: 'Mark one of your notifications read',
    params: notificationParams,
    responses: { 200: notificationResponse, ...errors },
  }),

  markAllRead: defineRoute({
    ...at.markAllRead,
    access: 'workspace.read',
    tags,
    summary: 'Mark all your notifications in this workspace read',
    params: workspaceParams,
    responses: { 200: readAllResponse, ...errors },
  }),
};
