/** Where the routes of the plan API: strategies, campaigns, lint, import, export, campaign status, strategy versions are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const planEndpoints = {
  lint: { method: 'POST', path: '/lint' },
  listStrategies: { method: 'GET', path: '/workspaces/:workspaceId/strategies' },
  createStrategy: { method: 'POST', path: '/workspaces/:workspaceId/strategies' },
  getStrategy: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId' },
  replaceStrategy: { method: 'PUT', path: '/workspaces/:workspaceId/strategies/:strategyId' },
  deleteStrategy: { method: 'DELETE', path: '/workspaces/:workspaceId/strategies/:strategyId' },
  exportStrategy: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/export' },
  listCampaigns: { method: 'GET', path: '/workspaces/:workspaceId/campaigns' },
  createCampaign: { method: 'POST', path: '/workspaces/:workspaceId/campaigns' },
  createStrategyCampaign: { method: 'POST', path: '/workspaces/:workspaceId/strategies/:strategyId/campaigns' },
  getCampaign: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId' },
  replaceCampaign: { method: 'PUT', path: '/workspaces/:workspaceId/campaigns/:campaignId' },
  deleteCampaign: { method: 'DELETE', path: '/workspaces/:workspaceId/campaigns/:campaignId' },
  lintInWorkspace: { method: 'POST', path: '/workspaces/:workspaceId/lint' },
  importPlan: { method: 'POST', path: '/workspaces/:workspaceId/import' },
  listStrategyCampaigns: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/campaigns' },
  getCampaignReadiness: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId/readiness' },
  changeCampaignStatus: { method: 'POST', path: '/workspaces/:workspaceId/campaigns/:campaignId/status' },
  listStrategyVersions: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/versions' },
  getStrategyVersion: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/versions/:version' },
  diffStrategyVersions: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/diff' },
} as const satisfies Record<string, Endpoint>;
