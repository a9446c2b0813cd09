/** Campaigns: one with its findings, the full documents of several, saving, the readiness checklist and status. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '../../../src/http/contract.ts';
import type { planContract } from '../../../src/plan-store/contract.ts';
import { planEndpoints } from '../../../src/plan-store/endpoints.ts';
import { bind, call, ifMatch } from './client.ts';
import { keys } from './keys.ts';
import type { Campaign } from './types.ts';

const api = bind<typeof planContract>(planEndpoints);

export type CampaignSummary = ResponseOf<typeof planContract.listCampaigns>['campaigns'][number];
export type CampaignDetail = ResponseOf<typeof planContract.getCampaign>;
export type SavedCampaign = ResponseOf<typeof planContract.createCampaign>;
export type CampaignReadiness = ResponseOf<typeof planContract.getCampaignReadiness>;
export type CampaignStatus = CampaignReadiness['status'];

const fetchCampaign = (ws: string, id: string) => call(api.getCampaign, { params: { workspaceId: ws, campaignId: id } });

export const useCampaign = (ws: string, id: string | undefined) =>
  useQuery({
    queryKey: keys.campaign(ws, id ?? ''),
    queryFn: () => fetchCampaign(ws, id!),
    enabled: !!id,
  });

const campaignDocuments = (results: { data?: CampaignDetail }[]): Campaign[] => results.flatMap((r) => (r.data ? [r.data.campaign] : []));

/** The full documents of some campaigns (a strategy's summaries list only dates): the builder lints its draft against them. */
export const useCampaignDocuments = (ws: string, ids: readonly string[]): Campaign[] =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.campaign(ws, id),
      queryFn: () => fetchCampaign(ws, id),
    })),
    combine: campaignDocuments,
  });

/** Creates a campaign inside its strategy, or replaces it (If-Match version). */
export function useSaveCampaign(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaign, version }: { campaign: Campaign; version?: number }): Promise<SavedCampaign> =>
      version === undefined
        ? call(api.createStrategyCampaign, { params: { workspaceId: ws, strategyId: campaign.strategy ?? '' }, body: campaign })
        : call(api.replaceCampaign, { params: { workspaceId: ws, campaignId: campaign.id }, headers: ifMatch(version), body: campaign }),
    onSuccess: (_saved, { campaign }) => {
      void qc.invalidateQueries({ queryKey: keys.strategies(ws) });
      if (campaign.strategy) void qc.invalidateQueries({ queryKey: keys.strategy(ws, campaign.strategy) });
      void qc.invalidateQueries({ queryKey: keys.campaign(ws, campaign.id) });
    },
  });
}

/** Under the campaign's key, so every save of the campaign refreshes its checklist too. */
const readinessKey = (ws: string, id: string) => [...keys.campaign(ws, id), 'readiness'] as const;

export const useCampaignReadiness = (ws: string, id: string) =>
  useQuery({
    queryKey: readinessKey(ws, id),
    queryFn: () => call(api.getCampaignReadiness, { params: { workspaceId: ws, campaignId: id } }),
  });

/** Activating is readiness-gated on the server; an owner may override with a reason (audited). */
export function useChangeCampaignStatus(ws: string, id: string, strategyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof planContract.changeCampaignStatus>) =>
      call(api.changeCampaignStatus, { params: { workspaceId: ws, campaignId: id }, body }),
    // A refusal can mean the checklist changed meanwhile: refresh it on failure too.
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.campaign(ws, id) });
      void qc.invalidateQueries({ queryKey: keys.strategy(ws, strategyId) });
      void qc.invalidateQueries({ queryKey: keys.strategies(ws) });
    },
  });
}
