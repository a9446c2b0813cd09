/** Where the routes of tracked links are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const linksEndpoints = {
  followLink: { method: 'GET', path: '/l/:code', base: '' },
  listLinks: { method: 'GET', path: '/workspaces/:workspaceId/links' },
} as const satisfies Record<string, Endpoint>;
