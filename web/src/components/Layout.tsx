import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate, useParams } from 'react-router';
import { useInboxCounts } from '../api/inbox.ts';
import { useNotifications } from '../api/notifications.ts';
import { signOut as endSession, useMe } from '../api/session.ts';
import { ShortcutsHelp } from '../shortcuts/ShortcutsHelp.tsx';
import { Loading } from './ui.tsx';

/** The bell: all of the caller's unread notifications in this workspace (reviews, failures…), linking to the list. */
function NotificationBell({ ws }: { ws: string }) {
  const list = useNotifications(ws);
  const unread = list.data?.unreadCount ?? 0;
  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <NavLink to={`/w/${ws}/notifications`} className={`bell${unread > 0 ? ' has-unread' : ''}`} aria-label={label} title={label}>
      <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}

/** The inbox in the top navigation, with how many items are open. */
function InboxLink({ ws }: { ws: string }) {
  const open = useInboxCounts(ws).data?.counts.open ?? 0;
  return (
    // The name comes from the content (not an aria-label), so it contains what is seen ("Inbox 4"): axe's label-content-name-mismatch.
    <NavLink to={`/w/${ws}/inbox`}>
      Inbox
      {open > 0 && (
        <>
          <span className="nav-count" aria-hidden="true">
            {open > 99 ? '99+' : open}
          </span>
          <span className="visually-hidden">, {open} open</span>
        </>
      )}
    </NavLink>
  );
}

/** The frame of every signed-in screen: which workspace you are in, where you can go, who you are. */
export function Layout() {
  const { ws } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (me.isPending) return <Loading />;
  const workspace = me.data?.workspaces.find((w) => w.id === ws || w.slug === ws);
  const signOut = async () => {
    // Reads still in flight would reach the server after the session ends and fail with 401: let them
    // finish first (briefly), and leave the signed-in screens before their cache goes.
    for (let i = 0; i < 40 && qc.isFetching() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await endSession();
    await navigate('/signin', { replace: true });
    qc.clear();
  };
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Groundwork home">
          <span className="brand-mark" aria-hidden="true" />
          Groundwork
        </Link>
        {workspace && (
          <nav className="topnav" aria-label="Workspace">
            <NavLink to={`/w/${workspace.slug}`} end>
              Strategies
            </NavLink>
            <NavLink to={`/w/${workspace.slug}/calendar`}>Calendar</NavLink>
            <NavLink to={`/w/${workspace.slug}/posts`}>Posts</NavLink>
            {workspace.permissions.includes('inbox.read') && <InboxLink ws={workspace.slug} />}
            {workspace.permissions.includes('listening.read') && (
              // The dashboard is where listening starts; every listening screen lights the entry up.
              <NavLink
                to={`/w/${workspace.slug}/listening/dashboard`}
                className={({ isActive }) => (isActive || pathname.startsWith(`/w/${workspace.slug}/listening`) ? 'active' : '')}
              >
                Listening
              </NavLink>
            )}
            <NavLink to={`/w/${workspace.slug}/connections`}>Connections</NavLink>
            <NavLink to={`/w/${workspace.slug}/import`}>Import</NavLink>
            {workspace.permissions.includes('analytics.write') && <NavLink to={`/w/${workspace.slug}/import-data`}>Import data</NavLink>}
            <NavLink to={`/w/${workspace.slug}/members`}>Members</NavLink>
            {workspace.permissions.includes('workspace.manage') && <NavLink to={`/w/${workspace.slug}/settings`}>Settings</NavLink>}
          </nav>
        )}
        <div className="topbar-right">
          {workspace && <NotificationBell ws={workspace.slug} />}
          {workspace && (
            <Link to="/w" className="workspace-switch" title="Switch workspace">
              {workspace.name} <span className="muted">({workspace.role})</span>
            </Link>
          )}
          {me.data?.user && (
            <button type="button" className="btn btn-ghost" onClick={signOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main className="content">
        {/* Screens are loaded on first visit (router.tsx): the bar stays while one arrives. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      {/* New pages start at the top; back/forward restore where the user was. */}
      <ScrollRestoration />
      <ShortcutsHelp />
    </div>
  );
}
