/** Where the dashboards' routes are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const dashboardsEndpoints = {
  getStrategyDashboard: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/dashboard' },
  getCampaignDashboard: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId/dashboard' },
} as const satisfies Record<string, Endpoint>;
