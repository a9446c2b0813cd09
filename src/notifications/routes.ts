/** Notifications API, as ./contract.ts defines it — the caller's own. Thin: parse → authorize → call. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/actor.ts';
import { register, type App } from '../http/kit.ts';
import { notificationsContract as contract } from './contract.ts';
import { listNotifications, markAllRead, markRead, type Reader } from './notifications.ts';

export async function notificationRoutes(app: App): Promise<void> {
  const { pool } = app.deps;

  const reader = (req: FastifyRequest): Reader => {
    const { workspace, role } = req.authorized;
    return { workspaceId: workspace.id, userId: requireActor(req.actor).userId, role };
  };

  register(app, contract.listNotifications, async (req) => listNotifications(pool, reader(req), req.query));

  register(app, contract.markRead, async (req) => markRead(pool, reader(req), req.params.notificationId));

  register(app, contract.markAllRead, async (req) => markAllRead(pool, reader(req)));
}
