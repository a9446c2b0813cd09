/** Where the routes of the audit log are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const auditEndpoints = {
  listAudit: { method: 'GET', path: '/workspaces/:workspaceId/audit' },
} as const satisfies Record<string, Endpoint>;
