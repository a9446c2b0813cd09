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
  Invitation,
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
  invitations: (ws: string) => ['ws', ws, 'invitations'] as const,
};

const enc = encodeURIComponent;

/** Who is signed in (`user: null` when nobody is) and their workspaces with role and permissions. */
export const fetchSession = () => api<Session>('GET', '/auth/session');
export const useMe = () => useQuery({ queryKey: keys.me, queryFn: fetchSession, retry: false, staleTime: 30_000 });

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

/** Pending invitations (members.manage only: `enabled` says whether the caller may ask). */
export const useInvitations = (ws: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.invitations(ws),
    queryFn: async () => (await api<{ invitations: Invitation[] }>('GET', `/workspaces/${enc(ws)}/invitations`)).invitations,
    enabled,
  });

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

// ——— publishing: posts, review, schedule, calendar ———

import { keepPreviousData } from '@tanstack/react-query';
import type { AuditEntry, BulkPostsInput, BulkPostsResult, Post, PostAction, QueueView, PostComment, PostDetail, PostSaved, PostScheduled, ScheduleInput, CreatePostInput, UpdatePostInput } from './types.ts';

/** Under the workspace key, so anything that refreshes a workspace refreshes its posts too. */
export const postKeys = {
  all: (ws: string) => ['ws', ws, 'posts'] as const,
  list: (ws: string, filter: PostFilter) => ['ws', ws, 'posts', 'list', filter] as const,
  detail: (ws: string, id: string) => ['ws', ws, 'posts', 'detail', id] as const,
  history: (ws: string, id: string, version: number) => ['ws', ws, 'posts', 'history', id, version] as const,
  queue: (ws: string) => ['ws', ws, 'posts', 'queue'] as const,
};

/** GET …/posts filters (the server's listPostsQuery); `from`/`to` are ISO instants over the planned time. */
export interface PostFilter {
  state?: string;
  strategy?: string;
  channel?: string;
  campaign?: string;
  pillar?: string;
  /** The creator's user id. */
  author?: string;
  /** Text search over the variants' text. */
  q?: string;
  from?: string;
  to?: string;
}

const query = (filter: PostFilter) => {
  const params = new URLSearchParams({ limit: '2000' });
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return params.toString();
};

export const usePosts = (ws: string, filter: PostFilter = {}) =>
  useQuery({
    queryKey: postKeys.list(ws, filter),
    queryFn: async () => (await api<{ posts: Post[] }>('GET', `/workspaces/${enc(ws)}/posts?${query(filter)}`)).posts,
    // Moving through the calendar keeps the last range's events until the next range arrives.
    placeholderData: keepPreviousData,
  });

/** A post being published, or due within two minutes, is re-read every few seconds: the page shows the worker's progress. */
const watchInterval = (data: PostDetail | undefined): number | false => {
  const post = data?.post;
  if (!post) return false;
  if (post.state === 'publishing') return 2000;
  if (post.state === 'scheduled' && post.scheduledAt && Date.parse(post.scheduledAt) - Date.now() < 120_000) return 3000;
  return false;
};

export const usePost = (ws: string, id: string | undefined) =>
  useQuery({
    queryKey: postKeys.detail(ws, id ?? ''),
    queryFn: () => api<PostDetail>('GET', `/workspaces/${enc(ws)}/posts/${enc(id!)}`),
    enabled: !!id,
    refetchInterval: (q) => watchInterval(q.state.data),
  });

/** The post's audit trail, oldest first (needs audit.read); read again whenever the post's version changes. */
export const usePostHistory = (ws: string, id: string, version: number, enabled: boolean) =>
  useQuery({
    queryKey: postKeys.history(ws, id, version),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await api<{ entries: AuditEntry[] }>('GET', `/workspaces/${enc(ws)}/audit?entityType=post&entityId=${enc(id)}&limit=200`)).entries.slice().reverse(),
    enabled,
  });

/** Several strategies' full documents (channels, pillars, campaign periods) at once. */
export const useStrategyDetails = (ws: string, ids: readonly string[]) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.strategy(ws, id),
      queryFn: () => api<StrategyDetail>('GET', `/workspaces/${enc(ws)}/strategies/${enc(id)}`),
    })),
    combine: (results) => ({
      data: results.flatMap((r) => (r.data ? [r.data] : [])),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });

/** The workspace's time zone: posts are planned and shown in it (the server's default is UTC). */
export function useWorkspaceTimezone(ws: string): { timezone: string; isPending: boolean } {
  const workspace = useWorkspace(ws);
  const zone: unknown = workspace.data?.timezone;
  return { timezone: typeof zone === 'string' && zone ? zone : 'UTC', isPending: workspace.isPending };
}

const ifMatch = (version: number | undefined) => (version === undefined ? {} : { headers: { 'if-match': `"${version}"` } });
const postPath = (ws: string, id: string) => `/workspaces/${enc(ws)}/posts/${enc(id)}`;

/** Every post write refreshes the lists, the calendar and that post (also after a refusal: the post may have moved on). */
function usePostWrite<V, R>(ws: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: postKeys.all(ws) }) });
}

export const useCreatePost = (ws: string) => usePostWrite(ws, (body: CreatePostInput) => api<PostSaved>('POST', `/workspaces/${enc(ws)}/posts`, body));

export const useUpdatePost = (ws: string) =>
  usePostWrite(ws, ({ id, version, body }: { id: string; version?: number; body: UpdatePostInput }) =>
    api<PostSaved>('PATCH', postPath(ws, id), body, ifMatch(version)),
  );

export type ReviewAction = Extract<PostAction, 'develop' | 'submit' | 'approve' | 'reject' | 'cancel' | 'reopen'>;

export const usePostTransition = (ws: string) =>
  usePostWrite(ws, ({ id, version, action, comment }: { id: string; version?: number; action: ReviewAction; comment?: string }) =>
    api<PostSaved>('POST', `${postPath(ws, id)}/${action}`, comment ? { comment } : {}, ifMatch(version)),
  );

export const useSchedulePost = (ws: string) =>
  usePostWrite(ws, ({ id, version, mode, body }: { id: string; version?: number; mode: 'schedule' | 'reschedule'; body: ScheduleInput }) =>
    api<PostScheduled>('POST', `${postPath(ws, id)}/${mode}`, body, ifMatch(version)),
  );

export const useAddPostComment = (ws: string) =>
  usePostWrite(ws, ({ id, body }: { id: string; body: string }) => api<{ comment: PostComment }>('POST', `${postPath(ws, id)}/comments`, { body }));

export const useDeletePost = (ws: string) =>
  usePostWrite(ws, ({ id, version }: { id: string; version?: number }) => api<void>('DELETE', postPath(ws, id), undefined, ifMatch(version)));

/** Each channel's coming queue slots and what fills them (under the posts key: every post write refreshes it). */
export const useQueue = (ws: string) =>
  useQuery({ queryKey: postKeys.queue(ws), queryFn: () => api<QueueView>('GET', `/workspaces/${enc(ws)}/queue?free=5`) });

/** One action on several posts; the answer says, per post, whether it was done or why not. */
export const useBulkPosts = (ws: string) => usePostWrite(ws, (body: BulkPostsInput) => api<BulkPostsResult>('POST', `/workspaces/${enc(ws)}/posts/bulk`, body));

/** The workspace's secret ICS feed URL (workspace.manage). */
export function useCalendarFeed(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { rotate?: true }) => api<{ url: string }>('POST', `/workspaces/${enc(ws)}/calendar-feed`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.me });
      void qc.invalidateQueries({ queryKey: keys.workspace(ws) });
    },
  });
}

// ——— notifications ———

import type { NotificationItem, NotificationList } from './types.ts';

export const notificationKeys = {
  all: (ws: string) => ['ws', ws, 'notifications'] as const,
};

/**
 * The caller's notifications in the workspace, newest first, with the unread count (the bell in the
 * top bar and the notifications page share this query). Re-read every minute and on focus.
 */
export const useNotifications = (ws: string | undefined) =>
  useQuery({
    queryKey: notificationKeys.all(ws ?? ''),
    queryFn: () => api<NotificationList>('GET', `/workspaces/${enc(ws!)}/notifications?limit=100`),
    enabled: !!ws,
    refetchInterval: 60_000,
    staleTime: 10_000,
  });

/** Marks one notification read (`id`) or all of them (`'all'`). */
export function useMarkNotificationsRead(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all'): Promise<{ unreadCount: number; marked?: number; notification?: NotificationItem }> =>
      id === 'all'
        ? api<{ marked: number; unreadCount: number }>('POST', `/workspaces/${enc(ws)}/notifications/read-all`)
        : api<{ notification: NotificationItem; unreadCount: number }>('POST', `/workspaces/${enc(ws)}/notifications/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all(ws) }),
  });
}

// ——— connected accounts ———

import type { ConnectionDeleted, ConnectionList, ConnectionSaved, ConnectorKind } from './types.ts';

export const connectionKeys = {
  all: (ws: string) => ['ws', ws, 'connections'] as const,
};

/** Every strategy channel with the connection serving it (credentials are never returned), and the connectors this server has. */
export const useConnections = (ws: string) =>
  useQuery({ queryKey: connectionKeys.all(ws), queryFn: () => api<ConnectionList>('GET', `/workspaces/${enc(ws)}/connections`) });

/** The state of the account on each channel of one strategy (a channel missing here has none). */
export function useChannelStates(ws: string, strategyId: string | undefined): { states: Map<string, 'connected' | 'reconnect_needed'>; isPending: boolean } {
  const list = useConnections(ws);
  const states = new Map<string, 'connected' | 'reconnect_needed'>();
  for (const c of list.data?.connections ?? []) if (c.strategy === strategyId) states.set(c.channel, c.status);
  return { states, isPending: list.isPending };
}

export type ConnectionSettings = { config: Record<string, unknown>; credentials: Record<string, unknown> };

/** Connect, reconnect (new credentials), verify, disconnect (plan.write); each refreshes the list, also after a refusal. */
export function useConnectionWrites(ws: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: connectionKeys.all(ws) });
  const path = (id: string) => `/workspaces/${enc(ws)}/connections/${enc(id)}`;
  return {
    connect: useMutation({
      mutationFn: (body: { strategy: string; channel: string; connector: ConnectorKind } & ConnectionSettings) =>
        api<ConnectionSaved>('POST', `/workspaces/${enc(ws)}/connections`, body),
      onSettled,
    }),
    reconnect: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & ConnectionSettings) => api<ConnectionSaved>('PATCH', path(id), body),
      onSettled,
    }),
    verify: useMutation({ mutationFn: (id: string) => api<ConnectionSaved>('POST', `${path(id)}/verify`), onSettled }),
    disconnect: useMutation({ mutationFn: (id: string) => api<ConnectionDeleted>('DELETE', path(id)), onSettled }),
  };
}
