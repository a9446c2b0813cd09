/** Where the routes of the calendar feed are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const calendarEndpoints = {
  createFeed: { method: 'POST', path: '/workspaces/:workspaceId/calendar-feed' },
  deleteFeed: { method: 'DELETE', path: '/workspaces/:workspaceId/calendar-feed' },
  feedFile: { method: 'GET', path: '/calendar/:file', base: '/api' },
} as const satisfies Record<string, Endpoint>;
