/** Where the routes of campaign costs and campaign ROI are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const costsEndpoints = {
  listCosts: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId/costs' },
  createCost: { method: 'POST', path: '/workspaces/:workspaceId/campaigns/:campaignId/costs' },
  updateCost: { method: 'PATCH', path: '/workspaces/:workspaceId/campaigns/:campaignId/costs/:costId' },
  deleteCost: { method: 'DELETE', path: '/workspaces/:workspaceId/campaigns/:campaignId/costs/:costId' },
  getCampaignRoi: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId/roi' },
} as const satisfies Record<string, Endpoint>;
