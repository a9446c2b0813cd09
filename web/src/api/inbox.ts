/** The unified inbox: items, their detail (a viewing heartbeat), replies, notes, saved replies, the SLA. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { inboxContract } from '../../../src/inbox/contract.ts';
import { inboxEndpoints } from '../../../src/inbox/endpoints.ts';
import { BULK_MAX } from '../../../src/inbox/limits.ts';
import { addDays } from '../../../src/plan/dates.ts';
import { bind, call } from './client.ts';

const api = bind<typeof inboxContract>(inboxEndpoints);

export type InboxList = ResponseOf<typeof inboxContract.listItems>;
export type InboxItem = InboxList['items'][number];
export type InboxFilters = Omit<QueryOf<typeof inboxContract.listItems>, 'cursor' | 'limit'>;
export type SlaSettings = BodyOf<typeof inboxContract.updateSettings>;
export type InboxStats = ResponseOf<typeof inboxContract.getStats>;

export const inboxKeys = {
  all: (ws: string) => ['ws', ws, 'inbox'] as const,
  list: (ws: string, filters: InboxFilters) => ['ws', ws, 'inbox', 'list', filters] as const,
  item: (ws: string, id: string) => ['ws', ws, 'inbox', 'item', id] as const,
  saved: (ws: string) => ['ws', ws, 'inbox-saved'] as const,
  settings: (ws: string) => ['ws', ws, 'inbox-settings'] as const,
  stats: (ws: string, days: number) => ['ws', ws, 'inbox', 'stats', days] as const,
};

/** Items per page of the list: "Load more" reads the next one. */
export const INBOX_PAGE = 50;

/**
 * The items under these filters, page by page (keyset pages of the API; `fetchNextPage` reads the
 * next), with the total under the filters and the workspace's counts; re-read every 30 s.
 */
export const useInboxItems = (ws: string, filters: InboxFilters, enabled = true) =>
  useInfiniteQuery({
    queryKey: inboxKeys.list(ws, filters),
    queryFn: ({ pageParam }) =>
      call(api.listItems, {
        params: { workspaceId: ws },
        query: { ...filters, limit: INBOX_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    refetchInterval: 30_000,
  });

/** The response figures of the last `days` days (UTC dates, today included), as the server counts them. */
export const useInboxStats = (ws: string, days: number) =>
  useQuery({
    queryKey: inboxKeys.stats(ws, days),
    queryFn: () => {
      const to = new Date().toISOString().slice(0, 10);
      return call(api.getStats, { params: { workspaceId: ws }, query: { from: addDays(to, -(days - 1)), to } });
    },
    refetchInterval: 60_000,
  });

/** Only the counts (the top navigation's badge): one item read, re-read every minute. */
export const useInboxCounts = (ws: string) =>
  useQuery({
    queryKey: [...inboxKeys.all(ws), 'counts'] as const,
    queryFn: () => call(api.listItems, { params: { workspaceId: ws }, query: { limit: 1 } }),
    refetchInterval: 60_000,
    staleTime: 10_000,
  });

/** One item; re-read every 20 s while shown — the heartbeat behind the collision warning. */
export const useInboxItem = (ws: string, id: string | null) =>
  useQuery({
    queryKey: inboxKeys.item(ws, id ?? ''),
    queryFn: () => call(api.getItem, { params: { workspaceId: ws, itemId: id! } }),
    enabled: id !== null,
    refetchInterval: 20_000,
  });

export const useSavedReplies = (ws: string) =>
  useQuery({ queryKey: inboxKeys.saved(ws), queryFn: () => call(api.listSavedReplies, { params: { workspaceId: ws } }) });

export const useSlaSettings = (ws: string) =>
  useQuery({ queryKey: inboxKeys.settings(ws), queryFn: () => call(api.getSettings, { params: { workspaceId: ws } }) });

/** Every write of the inbox; each refreshes the list and the item it touched, also after a refusal. */
export function useInboxWrites(ws: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws) });
  const params = (itemId: string) => ({ workspaceId: ws, itemId });
  return {
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & BodyOf<typeof inboxContract.updateItem>) =>
        call(api.updateItem, { params: params(id), body }),
      onSettled,
    }),
    bulk: useMutation({
      // A selection across several pages may pass the API's 100: sent in batches of 100, each all or none, in order.
      mutationFn: async ({ ids, ...change }: BodyOf<typeof inboxContract.bulkUpdate>) => {
        let updated = 0;
        for (let i = 0; i < ids.length; i += BULK_MAX) {
          const batch = await call(api.bulkUpdate, { params: { workspaceId: ws }, body: { ids: ids.slice(i, i + BULK_MAX), ...change } });
          updated += batch.updated;
        }
        return { updated };
      },
      onSettled,
    }),
    note: useMutation({
      mutationFn: ({ id, body }: { id: string; body: string }) => call(api.addNote, { params: params(id), body: { body } }),
      onSettled,
    }),
    reply: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & BodyOf<typeof inboxContract.sendReply>) =>
        call(api.sendReply, { params: params(id), body }),
      onSettled,
    }),
  };
}

export function useSavedReplyWrites(ws: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: inboxKeys.saved(ws) });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<typeof inboxContract.createSavedReply>) =>
        call(api.createSavedReply, { params: { workspaceId: ws }, body }),
      onSettled,
    }),
    remove: useMutation({
      mutationFn: (id: string) => call(api.deleteSavedReply, { params: { workspaceId: ws, savedReplyId: id } }),
      onSettled,
    }),
  };
}

export function useSlaWrite(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SlaSettings) => call(api.updateSettings, { params: { workspaceId: ws }, body }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['ws', ws] }),
  });
}
