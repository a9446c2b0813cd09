/** Server state through TanStack Query: one hook per resource, one key scheme, invalidation in one place. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { z } from 'zod';
import type { campaignReadinessResponse, campaignStatusResponse } from '../../../src/plan-store/schema.ts';
import type { ImportResult, LintResult } from './types.ts';
import type {
  Campaign,
  CampaignDetail,
  Session,
  Member,
  SavedCampaign,
  SavedStrategy,
  Strategy,
  StrategyDetail,
  StrategySummary,
  Workspace,
} from './types.ts';

export const keys = {
  me: ['me'] as const,
  workspace: (ws: string) => ['ws', ws] as const,
  strategies: (ws: string) => ['ws', ws, 'strategies'] as const,
  strategy: (ws: string, id: string) => ['ws', ws, 'strategy', id] as const,
  campaign: (ws: string, id: string) => ['ws', ws, 'campaign', id] as const,
  members: (ws: string) => ['ws', ws, 'members'] as const,
};

const enc = encodeURIComponent;

/** Who is signed in (`user: null` when nobody is) and their workspaces with role and permissions. */
export const useMe = () => useQuery({ queryKey: keys.me, queryFn: () => api<Session>('GET', '/auth/session'), retry: false, staleTime: 30_000 });

export const useWorkspace = (ws: string) =>
  useQuery({ queryKey: keys.workspace(ws), queryFn: async () => (await api<{ workspace: Workspace }>('GET', `/workspaces/${enc(ws)}`)).workspace });

export const useStrategies = (ws: string) =>
  useQuery({ queryKey: keys.strategies(ws), queryFn: async () => (await api<{ strategies: StrategySummary[] }>('GET', `/workspaces/${enc(ws)}/strategies`)).strategies });

export const useStrategy = (ws: string, id: string | undefined) =>
  useQuery({
    queryKey: keys.strategy(ws, id ?? ''),
    queryFn: () => api<StrategyDetail>('GET', `/workspaces/${enc(ws)}/strategies/${enc(id!)}`),
    enabled: !!id,
  });

export const useCampaign = (ws: string, id: string | undefined) =>
  useQuery({
    queryKey: keys.campaign(ws, id ?? ''),
    queryFn: () => api<CampaignDetail>('GET', `/workspaces/${enc(ws)}/campaigns/${enc(id!)}`),
    enabled: !!id,
  });

export const useMembers = (ws: string) =>
  useQuery({ queryKey: keys.members(ws), queryFn: async () => (await api<{ members: Member[] }>('GET', `/workspaces/${enc(ws)}/members`)).members });

/** Creates (version undefined) or replaces (If-Match version) a strategy. */
export function useSaveStrategy(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ strategy, version }: { strategy: Strategy; version?: number }) =>
      version === undefined
        ? api<SavedStrategy>('POST', `/workspaces/${enc(ws)}/strategies`, strategy)
        : api<SavedStrategy>('PUT', `/workspaces/${enc(ws)}/strategies/${enc(strategy.id)}`, strategy, { headers: { 'if-match': `"${version}"` } }),
    onSuccess: (_saved, { strategy }) => {
      void qc.invalidateQueries({ queryKey: keys.strategies(ws) });
      void qc.invalidateQueries({ queryKey: keys.strategy(ws, strategy.id) });
    },
  });
}

/** Creates a campaign inside its strategy, or replaces it (If-Match version). */
export function useSaveCampaign(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaign, version }: { campaign: Campaign; version?: number }) =>
      version === undefined
        ? api<SavedCampaign>('POST', `/workspaces/${enc(ws)}/strategies/${enc(campaign.strategy ?? '')}/campaigns`, campaign)
        : api<SavedCampaign>('PUT', `/workspaces/${enc(ws)}/campaigns/${enc(campaign.id)}`, campaign, { headers: { 'if-match': `"${version}"` } }),
    onSuccess: (_saved, { campaign }) => {
      void qc.invalidateQueries({ queryKey: keys.strategies(ws) });
      if (campaign.strategy) void qc.invalidateQueries({ queryKey: keys.strategy(ws, campaign.strategy) });
      void qc.invalidateQueries({ queryKey: keys.campaign(ws, campaign.id) });
    },
  });
}

export const exportUrl = (ws: string, strategyId: string, format: 'yaml' | 'md' | 'pdf' | 'docx') =>
  `/api/v1/workspaces/${enc(ws)}/strategies/${enc(strategyId)}/export?format=${format}`;

/** The caller's workspace (by id or slug) with role and permissions, from the session. */
export function useCurrentWorkspace(ws: string | undefined): Workspace | undefined {
  const me = useMe();
  return me.data?.workspaces.find((w) => w.id === ws || w.slug === ws);
}

/** What the policy table lets the caller do here: the UI shows only what the server would allow. */
export function useCan(ws: string | undefined, permission: Workspace['permissions'][number]): boolean {
  return useCurrentWorkspace(ws)?.permissions.includes(permission) ?? false;
}

const campaignDocuments = (results: { data?: CampaignDetail }[]): Campaign[] => results.flatMap((r) => (r.data ? [r.data.campaign] : []));

/** The full documents of some campaigns (a strategy's summaries list only dates): the builder lints its draft against them. */
export const useCampaignDocuments = (ws: string, ids: readonly string[]): Campaign[] =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.campaign(ws, id),
      queryFn: () => api<CampaignDetail>('GET', `/workspaces/${enc(ws)}/campaigns/${enc(id)}`),
    })),
    combine: campaignDocuments,
  });

// ——— campaign screens: readiness checklist and status; YAML preview and import ———

export type CampaignReadiness = z.infer<typeof campaignReadinessResponse>;
export type CampaignStatusChange = z.infer<typeof campaignStatusResponse>;
export type CampaignStatus = CampaignReadiness['status'];

/** Under the campaign's key, so every save of the campaign refreshes its checklist too. */
const readinessKey = (ws: string, id: string) => [...keys.campaign(ws, id), 'readiness'] as const;

export const useCampaignReadiness = (ws: string, id: string) =>
  useQuery({
    queryKey: readinessKey(ws, id),
    queryFn: () => api<CampaignReadiness>('GET', `/workspaces/${enc(ws)}/campaigns/${enc(id)}/readiness`),
  });

/** Activating is readiness-gated on the server; an owner may override with a reason (audited). */
export function useChangeCampaignStatus(ws: string, id: string, strategyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: CampaignStatus; overrideReason?: string }) =>
      api<CampaignStatusChange>('POST', `/workspaces/${enc(ws)}/campaigns/${enc(id)}/status`, body),
    // A refusal can mean the checklist changed meanwhile: refresh it on failure too.
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.campaign(ws, id) });
      void qc.invalidateQueries({ queryKey: keys.strategy(ws, strategyId) });
      void qc.invalidateQueries({ queryKey: keys.strategies(ws) });
    },
  });
}

/** Lints YAML against what the workspace stores, without saving anything. */
export const useLintPreview = (ws: string) =>
  useMutation({ mutationFn: (yaml: string) => api<LintResult>('POST', `/workspaces/${enc(ws)}/lint`, yaml) });

export function useImportPlan(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (yaml: string) => api<ImportResult>('POST', `/workspaces/${enc(ws)}/import`, yaml),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.workspace(ws) }),
  });
}
