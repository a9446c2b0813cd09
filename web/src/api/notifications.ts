/** The caller's notifications in a workspace (the bell in the top bar and the notifications page). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../src/http/contract.ts';
import type { notificationsContract } from '../../../src/notifications/contract.ts';
import { notificationsEndpoints } from '../../../src/notifications/endpoints.ts';
import { bind, call } from './client.ts';

const api = bind<typeof notificationsContract>(notificationsEndpoints);

export type NotificationList = ResponseOf<typeof notificationsContract.listNotifications>;
export type NotificationItem = NotificationList['notifications'][number];

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
    queryFn: () => call(api.listNotifications, { params: { workspaceId: ws! }, query: { limit: 100 } }),
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
        ? call(api.markAllRead, { params: { workspaceId: ws } })
        : call(api.markRead, { params: { workspaceId: ws, notificationId: id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all(ws) }),
  });
}
