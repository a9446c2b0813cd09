/** Where the routes of connected accounts and the sandbox receipts are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const connectionsEndpoints = {
  listConnections: { method: 'GET', path: '/workspaces/:workspaceId/connections' },
  createConnection: { method: 'POST', path: '/workspaces/:workspaceId/connections' },
  updateConnection: { method: 'PATCH', path: '/workspaces/:workspaceId/connections/:connectionId' },
  verifyConnection: { method: 'POST', path: '/workspaces/:workspaceId/connections/:connectionId/verify' },
  deleteConnection: { method: 'DELETE', path: '/workspaces/:workspaceId/connections/:connectionId' },
  getSandboxReceipt: { method: 'GET', path: '/workspaces/:workspaceId/sandbox-receipts/:receiptId' },
} as const satisfies Record<string, Endpoint>;
