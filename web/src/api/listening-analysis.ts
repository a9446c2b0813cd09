/** The listening dashboard and spike alerts (listening.read; alert settings listening.write). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { listeningAlertsContract } from '../../../src/listening/alerts/contract.ts';
import { listeningAlertsEndpoints } from '../../../src/listening/alerts/endpoints.ts';
import type { listeningDashboardContract } from '../../../src/listening/dashboards/contract.ts';
import { listeningDashboardEndpoints } from '../../../src/listening/dashboards/endpoints.ts';
import { bind, call } from './client.ts';

const dashboardApi = bind<typeof listeningDashboardContract>(listeningDashboardEndpoints);
const alertsApi = bind<typeof listeningAlertsContract>(listeningAlertsEndpoints);

export type ListeningDashboard = ResponseOf<typeof listeningDashboardContract.getListeningDashboard>;
export type ListeningDashboardQuery = QueryOf<typeof listeningDashboardContract.getListeningDashboard>;
export type SpikeAlert = ResponseOf<typeof listeningAlertsContract.listAlerts>['alerts'][number];
type AlertSettingsChange = BodyOf<typeof listeningAlertsContract.updateAlertSettings>;

const keys = {
  dashboard: (ws: string, q: ListeningDashboardQuery) => ['ws', ws, 'listening-dashboard', q] as const,
  alerts: (ws: string) => ['ws', ws, 'listening-alerts'] as const,
  settings: (ws: string) => ['ws', ws, 'listening-alert-settings'] as const,
};

/** The previous period's figures stay on screen while a new one loads. */
export const useListeningDashboard = (ws: string, query: ListeningDashboardQuery) =>
  useQuery({
    queryKey: keys.dashboard(ws, query),
    queryFn: () => call(dashboardApi.getListeningDashboard, { params: { workspaceId: ws }, query }),
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useSpikeAlerts = (ws: string, limit: number) =>
  useQuery({
    queryKey: [...keys.alerts(ws), limit],
    queryFn: () => call(alertsApi.listAlerts, { params: { workspaceId: ws }, query: { limit } }),
    retry: false,
  });

export const useAlertSettings = (ws: string) =>
  useQuery({ queryKey: keys.settings(ws), queryFn: () => call(alertsApi.getAlertSettings, { params: { workspaceId: ws } }) });

/** Change the thresholds or the webhook; the answer holds a new webhook's secret, once. */
export function useUpdateAlertSettings(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertSettingsChange) => call(alertsApi.updateAlertSettings, { params: { workspaceId: ws }, body }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.settings(ws) }),
  });
}
