/** Where the routes of listening are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const listeningEndpoints = {
  listQueries: { method: 'GET', path: '/workspaces/:workspaceId/listening/queries' },
  createQuery: { method: 'POST', path: '/workspaces/:workspaceId/listening/queries' },
  checkQuery: { method: 'POST', path: '/workspaces/:workspaceId/listening/queries/check' },
  updateQuery: { method: 'PATCH', path: '/workspaces/:workspaceId/listening/queries/:queryId' },
  archiveQuery: { method: 'POST', path: '/workspaces/:workspaceId/listening/queries/:queryId/archive' },
  listMentions: { method: 'GET', path: '/workspaces/:workspaceId/listening/mentions' },
  listSources: { method: 'GET', path: '/workspaces/:workspaceId/listening/sources' },
  createSource: { method: 'POST', path: '/workspaces/:workspaceId/listening/sources' },
  updateSource: { method: 'PATCH', path: '/workspaces/:workspaceId/listening/sources/:sourceId' },
  deleteSource: { method: 'DELETE', path: '/workspaces/:workspaceId/listening/sources/:sourceId' },
  importMentions: { method: 'POST', path: '/workspaces/:workspaceId/listening/import' },
} as const satisfies Record<string, Endpoint>;
