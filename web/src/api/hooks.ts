/** Server state through TanStack Query: one hook per resource, one key scheme, invalidation in one place. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  Campaign,
  CampaignDetail,
  Me,
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

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: () => api<Me>('GET', '/auth/me'), retry: false, staleTime: 30_000 });

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

/** The caller's workspace (by id or slug) with role and permissions, from /auth/me. */
export function useCurrentWorkspace(ws: string | undefined): Workspace | undefined {
  const me = useMe();
  return me.data?.workspaces.find((w) => w.id === ws || w.slug === ws);
}

/** What the policy table lets the caller do here: the UI shows only what the server would allow. */
export function useCan(ws: string | undefined, permission: Workspace['permissions'][number]): boolean {
  return useCurrentWorkspace(ws)?.permissions.includes(permission) ?? false;
}
