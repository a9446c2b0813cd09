/** A campaign's money: its cost entries (with totals by category) and its real ROI. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '../../../src/http/contract.ts';
import type { costsContract } from '../../../src/measure/costs/contract.ts';
import { costsEndpoints } from '../../../src/measure/costs/endpoints.ts';
import { bind, call } from './client.ts';

const api = bind<typeof costsContract>(costsEndpoints);

export type CostList = ResponseOf<typeof costsContract.listCosts>;
export type Cost = CostList['costs'][number];
export type NewCost = BodyOf<typeof costsContract.createCost>;
export type CampaignRoi = ResponseOf<typeof costsContract.getCampaignRoi>;

const costKeys = {
  list: (ws: string, campaign: string) => ['ws', ws, 'campaign', campaign, 'costs'] as const,
  roi: (ws: string, campaign: string) => ['ws', ws, 'campaign', campaign, 'roi'] as const,
};

export const useCosts = (ws: string, campaign: string, enabled = true) =>
  useQuery({
    queryKey: costKeys.list(ws, campaign),
    queryFn: () => call(api.listCosts, { params: { workspaceId: ws, campaignId: campaign } }),
    enabled,
  });

export const useCampaignRoi = (ws: string, campaign: string, enabled = true) =>
  useQuery({
    queryKey: costKeys.roi(ws, campaign),
    queryFn: () => call(api.getCampaignRoi, { params: { workspaceId: ws, campaignId: campaign } }),
    enabled,
  });

/** Add and delete cost entries (plan.write); each refreshes the list and the ROI, also after a refusal. */
export function useCostWrites(ws: string, campaign: string) {
  const qc = useQueryClient();
  const onSettled = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: costKeys.list(ws, campaign) }),
      qc.invalidateQueries({ queryKey: costKeys.roi(ws, campaign) }),
    ]);
  const params = { workspaceId: ws, campaignId: campaign };
  return {
    add: useMutation({ mutationFn: (body: NewCost) => call(api.createCost, { params, body }), onSettled }),
    remove: useMutation({ mutationFn: (costId: string) => call(api.deleteCost, { params: { ...params, costId } }), onSettled }),
  };
}
