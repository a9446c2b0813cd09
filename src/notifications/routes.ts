/** Notifications API: /workspaces/:ws/notifications — the caller's own. Thin: parse → authorize → call. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/actor.ts';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { listNotifications, markAllRead, markRead, type Reader } from './notifications.ts';
import {
  listNotificationsQuery,
  notificationListResponse,
  notificationParams,
  notificationResponse,
  readAllResponse,
  workspaceParams,
} from './schema.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export async function notificationRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const tags = ['notifications'];
  const base = '/workspaces/:workspaceId/notifications';

  const reader = (req: FastifyRequest): Reader => {
    const { workspace, role } = req.authorized;
    return { workspaceId: workspace.id, userId: requireActor(req.actor).userId, role };
  };

  app.get(base, {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      summary: 'Your notifications in this workspace, newest first, with your unread count',
      description:
        'Posts awaiting your review (to members who may approve them), your posts approved, rejected or commented on, ' +
        'failed and missed posts (to their author), accounts to reconnect. Notifications without an addressee go to the owners. ' +
        'A post notification carries the post\'s strategy and channels.',
      params: workspaceParams,
      querystring: listNotificationsQuery,
      response: { 200: notificationListResponse, ...errors },
    },
  }, async (req) => listNotifications(pool, reader(req), req.query));

  app.post(`${base}/:notificationId/read`, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'Mark one of your notifications read', params: notificationParams, response: { 200: notificationResponse, ...errors } },
  }, async (req) => markRead(pool, reader(req), req.params.notificationId));

  app.post(`${base}/read-all`, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'Mark all your notifications in this workspace read', params: workspaceParams, response: { 200: readAllResponse, ...errors } },
  }, async (req) => markAllRead(pool, reader(req)));
}
