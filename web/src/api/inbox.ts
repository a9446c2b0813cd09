/** The unified inbox: items, their detail (a viewing heartbeat), replies, notes, saved replies, the SLA. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { inboxContract } from '../../../src/inbox/contract.ts';
import { inboxEndpoints } from '../../../src/inbox/endpoints.ts';
import { bind, call } from './client.ts';

const api = bind<typeof inboxContract>(inboxEndpoints);

export type InboxList = ResponseOf<typeof inboxContract.listItems>;
export type InboxItem = InboxList['items'][number];
export type InboxFilters = Omit<QueryOf<typeof inboxContract.listItems>, 'cursor' | 'limit'>;
export type SlaSettings = BodyOf<typeof inboxContract.updateSettings>;

export const inboxKeys = {
  all: (ws: string) => ['ws', ws, 'inbox'] as const,
  list: (ws: string, filters: InboxFilters) => ['ws', ws, 'inbox', 'list', filters] as const,
  item: (ws: string, id: string) => ['ws', ws, 'inbox', 'item', id] as const,
  saved: (ws: string) => ['ws', ws, 'inbox-saved'] as const,
  settings: (ws: string) => ['ws', ws, 'inbox-settings'] as const,
};

/** The first page of items under these filters (up to 100), with the workspace's counts; re-read every 30 s. */
export const useInboxItems = (ws: string, filters: InboxFilters, enabled = true) =>
  useQuery({
    queryKey: inboxKeys.list(ws, filters),
    queryFn: () => call(api.listItems, { params: { workspaceId: ws }, query: { ...filters, limit: 100 } }),
    enabled,
    refetchInterval: 30_000,
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
      mutationFn: (body: BodyOf<typeof inboxContract.bulkUpdate>) => call(api.bulkUpdate, { params: { workspaceId: ws }, body }),
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
