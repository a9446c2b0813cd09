/** Where the routes of notifications are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const notificationsEndpoints = {
  listNotifications: { method: 'GET', path: '/workspaces/:workspaceId/notifications' },
  markRead: { method: 'POST', path: '/workspaces/:workspaceId/notifications/:notificationId/read' },
  markAllRead: { method: 'POST', path: '/workspaces/:workspaceId/notifications/read-all' },
} as const satisfies Record<string, Endpoint>;
