/** Where the spike alerts' routes are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const listeningAlertsEndpoints = {
  listAlerts: { method: 'GET', path: '/workspaces/:workspaceId/listening/alerts' },
  getAlertSettings: { method: 'GET', path: '/workspaces/:workspaceId/listening/alert-settings' },
  updateAlertSettings: { method: 'PUT', path: '/workspaces/:workspaceId/listening/alert-settings' },
} as const satisfies Record<string, Endpoint>;
