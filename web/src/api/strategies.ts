/** Strategies: the list, one with its campaigns and findings, saving, export. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { planContract } from '../../../src/plan-store/contract.ts';
import { planEndpoints } from '../../../src/plan-store/endpoints.ts';
import { bind, call, ifMatch, urlOf } from './client.ts';
import { keys } from './keys.ts';
import type { Strategy } from './types.ts';

const api = bind<typeof planContract>(planEndpoints);

export type StrategySummary = ResponseOf<typeof planContract.listStrategies>['strategies'][number];
export type StrategyDetail = ResponseOf<typeof planContract.getStrategy>;
export type SavedStrategy = ResponseOf<typeof planContract.createStrategy>;
export type ExportFormat = NonNullable<QueryOf<typeof planContract.exportStrategy>['format']>;

const fetchStrategy = (ws: string, id: string) => call(api.getStrategy, { params: { workspaceId: ws, strategyId: id } });

export const useStrategies = (ws: string) =>
  useQuery({
    queryKey: keys.strategies(ws),
    queryFn: async () => (await call(api.listStrategies, { params: { workspaceId: ws } })).strategies,
  });

export const useStrategy = (ws: string, id: string | undefined) =>
  useQuery({
    queryKey: keys.strategy(ws, id ?? ''),
    queryFn: () => fetchStrategy(ws, id!),
    enabled: !!id,
  });

/** Several strategies' full documents (channels, pillars, campaign periods) at once. */
export const useStrategyDetails = (ws: string, ids: readonly string[]) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.strategy(ws, id),
      queryFn: () => fetchStrategy(ws, id),
    })),
    combine: (results) => ({
      data: results.flatMap((r) => (r.data ? [r.data] : [])),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });

/** Creates (version undefined) or replaces (If-Match version) a strategy. */
export function useSaveStrategy(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ strategy, version }: { strategy: Strategy; version?: number }): Promise<SavedStrategy> =>
      version === undefined
        ? call(api.createStrategy, { params: { workspaceId: ws }, body: strategy })
        : call(api.replaceStrategy, { params: { workspaceId: ws, strategyId: strategy.id }, headers: ifMatch(version), body: strategy }),
    onSuccess: (_saved, { strategy }) => {
      void qc.invalidateQueries({ queryKey: keys.strategies(ws) });
      void qc.invalidateQueries({ queryKey: keys.strategy(ws, strategy.id) });
    },
  });
}

/** The strategy with its campaigns as a file (a link: the browser downloads it with the session cookie). */
export const exportUrl = (ws: string, strategyId: string, format: ExportFormat) =>
  urlOf(api.exportStrategy, { params: { workspaceId: ws, strategyId }, query: { format } });

export type StrategyVersionSummary = ResponseOf<typeof planContract.listStrategyVersions>['versions'][number];
export type PlanChangeView = ResponseOf<typeof planContract.diffStrategyVersions>['changes'][number];

/** A strategy's versions, newest first (under the strategy's key: saving it refreshes them). */
export const useStrategyVersions = (ws: string, id: string) =>
  useQuery({
    queryKey: [...keys.strategy(ws, id), 'versions'],
    queryFn: async () => (await call(api.listStrategyVersions, { params: { workspaceId: ws, strategyId: id } })).versions,
  });

/** The semantic diff between two versions (a version never changes, so neither does the answer). */
export const useVersionDiff = (ws: string, id: string, from: number | undefined, to: number | undefined) =>
  useQuery({
    queryKey: [...keys.strategy(ws, id), 'diff', from, to],
    queryFn: () => call(api.diffStrategyVersions, { params: { workspaceId: ws, strategyId: id }, query: { from: from!, to: to! } }),
    enabled: from !== undefined && to !== undefined,
    staleTime: Infinity,
  });
