/** Where the listening dashboard's route is (its contract entry: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const listeningDashboardEndpoints = {
  getListeningDashboard: { method: 'GET', path: '/workspaces/:workspaceId/listening/dashboard' },
} as const satisfies Record<string, Endpoint>;
