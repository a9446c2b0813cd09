/**
 * `/w/:ws/notifications`: what the caller must act on — posts awaiting their review, their posts
 * approved, rejected or commented on, posts that failed or were missed, accounts to reconnect —
 * newest first, unread ones marked, each (in its message) naming the strategy and channels, linking to the post or
 * the Connections screen (where an account is reconnected) or the page of a report whose webhook gave up; following the link marks it read; "mark
 * read" one by one or all at once.
 */
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useMarkNotificationsRead, useNotifications, type NotificationItem } from '../../api/notifications.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Badge, Button, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatInstant } from '../publishing/time.ts';

const KIND: Record<NotificationItem['kind'], { label: string; tone: 'error' | 'warning' | 'ok' | 'neutral' | 'strategy'; link: string }> = {
  publish_failed: { label: 'Publishing failed', tone: 'error', link: 'Open the post' },
  publish_missed: { label: 'Missed', tone: 'warning', link: 'Open the post' },
  reconnect_needed: { label: 'Reconnect needed', tone: 'warning', link: '' },
  review_requested: { label: 'Review requested', tone: 'strategy', link: 'Review the post' },
  post_approved: { label: 'Approved', tone: 'ok', link: 'Open the post' },
  post_rejected: { label: 'Changes asked', tone: 'warning', link: 'Edit the post' },
  post_commented: { label: 'Comment', tone: 'neutral', link: 'Read the comment' },
  report_delivery_failed: { label: 'Report not delivered', tone: 'error', link: 'Open the scheduled reports' },
  listening_spike: { label: 'Mention spike', tone: 'warning', link: 'Open the listening dashboard' },
};

function Target({ ws, n, onFollow }: { ws: string; n: NotificationItem; onFollow: () => void }) {
  if (n.post) {
    return (
      <Link to={`/w/${ws}/posts/${n.post.id}`} onClick={onFollow}>
        {KIND[n.kind].link}
      </Link>
    );
  }
  if (n.connection) {
    return (
      <Link to={`/w/${ws}/connections`} onClick={onFollow}>
        Reconnect “{n.connection.channel}” ({n.connection.connector}) on the Connections screen
      </Link>
    );
  }
  if (n.report) {
    const page = `/w/${ws}/strategies/${encodeURIComponent(n.report.strategy)}${n.report.campaign ? `/campaigns/${encodeURIComponent(n.report.campaign)}` : ''}`;
    return (
      <Link to={page} onClick={onFollow}>
        {KIND[n.kind].link}
      </Link>
    );
  }
  if (n.kind === 'listening_spike') {
    return (
      <Link to={`/w/${ws}/listening/dashboard`} onClick={onFollow}>
        {KIND[n.kind].link}
      </Link>
    );
  }
  const gone = { reconnect_needed: 'The connection was removed.', report_delivery_failed: 'The report schedule was deleted.' } as const;
  return <span className="muted">{n.kind in gone ? gone[n.kind as keyof typeof gone] : 'The post was deleted.'}</span>;
}

export function NotificationsPage() {
  const { ws = '' } = useParams();
  const list = useNotifications(ws);
  const mark = useMarkNotificationsRead(ws);
  const zone = useWorkspaceTimezone(ws);
  const unread = list.data?.unreadCount ?? 0;
  usePageTitle(unread > 0 ? `Notifications (${unread})` : 'Notifications');

  let body: ReactNode;
  if (list.isPending) body = <Loading what="Loading notifications" />;
  else if (list.error) body = <ErrorBanner error={list.error} />;
  else if (list.data.notifications.length === 0) {
    body = (
      <EmptyState title="Nothing needs you">
        When a post awaits your review, your post is approved, rejected or commented on, a scheduled post fails or is missed, or a connected
        account needs reconnecting, it shows up here — and in the bell at the top.
      </EmptyState>
    );
  } else {
    body = (
      <ul className="notification-list">
        {list.data.notifications.map((n) => (
          <li key={n.id} className={`notification card${n.readAt ? '' : ' unread'}`} data-testid="notification">
            <div className="notification-head">
              <Badge tone={KIND[n.kind].tone}>{KIND[n.kind].label}</Badge>
              <span className="muted">{formatInstant(n.createdAt, zone.timezone)}</span>
              {!n.readAt && <span className="visually-hidden">unread</span>}
            </div>
            <p className="notification-message">{n.message}</p>
            <div className="notification-actions">
              <Target ws={ws} n={n} onFollow={() => !n.readAt && mark.mutate(n.id)} />
              {!n.readAt && (
                <Button variant="ghost" onClick={() => mark.mutate(n.id)} disabled={mark.isPending}>
                  Mark read
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="page narrow notifications-page">
      <div className="page-header">
        <div>
          <span className="kind-label">Workspace</span>
          <h1>Notifications</h1>
          <p className="muted">{unread === 0 ? 'All read.' : `${unread} unread.`}</p>
        </div>
        {unread > 0 && (
          <div className="card-actions">
            <Button onClick={() => mark.mutate('all')} disabled={mark.isPending}>
              Mark all read
            </Button>
          </div>
        )}
      </div>
      <ErrorBanner error={mark.error} />
      {body}
    </div>
  );
}
