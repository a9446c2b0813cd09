/** Where the routes of the media API are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const mediaEndpoints = {
  uploadMedia: { method: 'POST', path: '/workspaces/:workspaceId/media' },
  getMedia: { method: 'GET', path: '/workspaces/:workspaceId/media/:mediaId' },
  mediaContent: { method: 'GET', path: '/workspaces/:workspaceId/media/:mediaId/content' },
  mediaThumbnail: { method: 'GET', path: '/workspaces/:workspaceId/media/:mediaId/thumbnail' },
} as const satisfies Record<string, Endpoint>;
