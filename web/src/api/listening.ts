/** Listening: saved queries with their live check, the mentions feed, and the sources mentions come from. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { listeningContract } from '../../../src/listening/contract.ts';
import { listeningEndpoints } from '../../../src/listening/endpoints.ts';
import { bind, call } from './client.ts';

const api = bind<typeof listeningContract>(listeningEndpoints);

export type ListeningQuery = ResponseOf<typeof listeningContract.listQueries>['queries'][number];
export type QueryBody = BodyOf<typeof listeningContract.createQuery>;
export type Mention = ResponseOf<typeof listeningContract.listMentions>['mentions'][number];
export type MentionFilters = Omit<QueryOf<typeof listeningContract.listMentions>, 'before' | 'limit'>;
export type Source = ResponseOf<typeof listeningContract.listSources>['sources'][number];
export type SourceBody = BodyOf<typeof listeningContract.createSource>;
export type ImportFormat = 'csv' | 'jsonl';

const keys = {
  queries: (ws: string) => ['ws', ws, 'listening', 'queries'] as const,
  check: (ws: string, query: string) => ['ws', ws, 'listening', 'check', query] as const,
  mentions: (ws: string, filters: MentionFilters) => ['ws', ws, 'listening', 'mentions', filters] as const,
  sources: (ws: string) => ['ws', ws, 'listening', 'sources'] as const,
};

export const useListeningQueries = (ws: string) =>
  useQuery({
    queryKey: keys.queries(ws),
    queryFn: async () => (await call(api.listQueries, { params: { workspaceId: ws }, query: {} })).queries,
  });

/** The live check of a query being typed (call it with the debounced text); the last answer stays while the next loads. */
export const useQueryCheck = (ws: string, query: string) =>
  useQuery({
    queryKey: keys.check(ws, query),
    queryFn: () => call(api.checkQuery, { params: { workspaceId: ws }, body: { query } }),
    enabled: query.trim() !== '',
    placeholderData: keepPreviousData,
  });

export function useQueryWrites(ws: string) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: ['ws', ws, 'listening'] });
  return {
    create: useMutation({ mutationFn: (body: QueryBody) => call(api.createQuery, { params: { workspaceId: ws }, body }), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, ...body }: QueryBody & { id: string }) =>
        call(api.updateQuery, { params: { workspaceId: ws, queryId: id }, body }),
      onSuccess,
    }),
    archive: useMutation({ mutationFn: (id: string) => call(api.archiveQuery, { params: { workspaceId: ws, queryId: id } }), onSuccess }),
  };
}

export const useMentions = (ws: string, filters: MentionFilters) =>
  useQuery({
    queryKey: keys.mentions(ws, filters),
    queryFn: () => call(api.listMentions, { params: { workspaceId: ws }, query: { ...filters, limit: 100 } }),
    placeholderData: keepPreviousData,
  });

export const useSources = (ws: string) =>
  useQuery({
    queryKey: keys.sources(ws),
    queryFn: async () => (await call(api.listSources, { params: { workspaceId: ws } })).sources,
    // Status and last run change as the worker reads them.
    refetchInterval: 15_000,
  });

export function useSourceWrites(ws: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: keys.sources(ws) });
  return {
    create: useMutation({ mutationFn: (body: SourceBody) => call(api.createSource, { params: { workspaceId: ws }, body }), onSettled }),
    setEnabled: useMutation({
      mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
        call(api.updateSource, { params: { workspaceId: ws, sourceId: id }, body: { enabled } }),
      onSettled,
    }),
    remove: useMutation({ mutationFn: (id: string) => call(api.deleteSource, { params: { workspaceId: ws, sourceId: id } }), onSettled }),
  };
}

/** Sends a CSV or JSONL file of mentions for a preview (`dryRun`) or the import itself; an import refreshes listening. */
export function useMentionsImport(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format, dryRun }: { file: string; format: ImportFormat; dryRun: boolean }) =>
      call(api.importMentions, {
        params: { workspaceId: ws },
        query: { dryRun: dryRun ? 'true' : 'false' },
        headers: { 'content-type': `${format === 'csv' ? 'text/csv' : 'application/x-ndjson'}; charset=utf-8` },
        body: file,
      }),
    onSuccess: (_answer, { dryRun }) => {
      if (!dryRun) void qc.invalidateQueries({ queryKey: ['ws', ws, 'listening'] });
    },
  });
}
