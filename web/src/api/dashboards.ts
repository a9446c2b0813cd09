/** A strategy's and a campaign's dashboard over a date range (analytics.read). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { dashboardsContract } from '../../../src/measure/dashboards/contract.ts';
import { dashboardsEndpoints } from '../../../src/measure/dashboards/endpoints.ts';
import { bind, call } from './client.ts';

const api = bind<typeof dashboardsContract>(dashboardsEndpoints);

export type StrategyDashboard = ResponseOf<typeof dashboardsContract.getStrategyDashboard>;
export type CampaignDashboard = ResponseOf<typeof dashboardsContract.getCampaignDashboard>;
export type DashboardQuery = QueryOf<typeof dashboardsContract.getStrategyDashboard>;
export type KpiCard = StrategyDashboard['kpis'][number];
export type Total = StrategyDashboard['totals'][number];
export type Series = StrategyDashboard['series'][number];
export type CampaignResponse = StrategyDashboard['planVsActual']['campaigns'][number];

const dashboardKeys = {
  strategy: (ws: string, id: string, q: DashboardQuery) => ['ws', ws, 'dashboard', 'strategy', id, q] as const,
  campaign: (ws: string, id: string, q: DashboardQuery) => ['ws', ws, 'dashboard', 'campaign', id, q] as const,
};

/** The previous range's figures stay on screen while a new range loads (no flash of "Loading"). */
export const useStrategyDashboard = (ws: string, strategyId: string, query: DashboardQuery) =>
  useQuery({
    queryKey: dashboardKeys.strategy(ws, strategyId, query),
    queryFn: () => call(api.getStrategyDashboard, { params: { workspaceId: ws, strategyId }, query }),
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useCampaignDashboard = (ws: string, campaignId: string, query: DashboardQuery) =>
  useQuery({
    queryKey: dashboardKeys.campaign(ws, campaignId, query),
    queryFn: () => call(api.getCampaignDashboard, { params: { workspaceId: ws, campaignId }, query }),
    placeholderData: keepPreviousData,
    retry: false,
  });
