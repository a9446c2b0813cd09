/** Where the routes of the inbox are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const inboxEndpoints = {
  listItems: { method: 'GET', path: '/workspaces/:workspaceId/inbox/items' },
  getItem: { method: 'GET', path: '/workspaces/:workspaceId/inbox/items/:itemId' },
  updateItem: { method: 'PATCH', path: '/workspaces/:workspaceId/inbox/items/:itemId' },
  bulkUpdate: { method: 'POST', path: '/workspaces/:workspaceId/inbox/bulk' },
  addNote: { method: 'POST', path: '/workspaces/:workspaceId/inbox/items/:itemId/notes' },
  sendReply: { method: 'POST', path: '/workspaces/:workspaceId/inbox/items/:itemId/replies' },
  listSavedReplies: { method: 'GET', path: '/workspaces/:workspaceId/inbox/saved-replies' },
  createSavedReply: { method: 'POST', path: '/workspaces/:workspaceId/inbox/saved-replies' },
  updateSavedReply: { method: 'PUT', path: '/workspaces/:workspaceId/inbox/saved-replies/:savedReplyId' },
  deleteSavedReply: { method: 'DELETE', path: '/workspaces/:workspaceId/inbox/saved-replies/:savedReplyId' },
  getSettings: { method: 'GET', path: '/workspaces/:workspaceId/inbox/settings' },
  updateSettings: { method: 'PUT', path: '/workspaces/:workspaceId/inbox/settings' },
  getStats: { method: 'GET', path: '/workspaces/:workspaceId/inbox/stats' },
} as const satisfies Record<string, Endpoint>;
