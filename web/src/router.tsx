import { createBrowserRouter, Link, Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { useMe } from './api/hooks.ts';
import { Layout } from './components/Layout.tsx';
import { EmptyState, Loading, usePageTitle } from './components/ui.tsx';
import { AuthForm } from './pages/auth/AuthForm.tsx';
import { signInPath } from './pages/auth/next.ts';
import { CampaignPlanner } from './pages/campaign/CampaignPlanner.tsx';
import { Connections } from './pages/connections/Connections.tsx';
import { NotificationsPage } from './pages/notifications/NotificationsPage.tsx';
import { ImportPlan } from './pages/plan-io/ImportPlan.tsx';
import { CalendarPage } from './pages/publishing/CalendarPage.tsx';
import { PostPage } from './pages/publishing/PostPage.tsx';
import { PostsList } from './pages/publishing/PostsList.tsx';
import { QueuePage } from './pages/publishing/QueuePage.tsx';
import { StrategyBuilder } from './pages/strategy/StrategyBuilder.tsx';
import { StrategyList } from './pages/strategy/StrategyList.tsx';
import { StrategyOverview } from './pages/strategy/StrategyOverview.tsx';
import { AcceptInvitation } from './pages/workspace/AcceptInvitation.tsx';
import { Members } from './pages/workspace/Members.tsx';
import { WorkspacePicker } from './pages/workspace/WorkspacePicker.tsx';
import { WorkspaceSettings } from './pages/workspace/WorkspaceSettings.tsx';

function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.data?.user === null || (me.error instanceof ApiError && me.error.status === 401)) return <Navigate to={signInPath(location)} replace />;
  return <Outlet />;
}

function NotFound() {
  usePageTitle('Not found');
  return (
    <div className="page narrow">
      <EmptyState title="Nothing here" action={<Link to="/">Back to your workspaces</Link>}>
        The page does not exist, or it belongs to a workspace you are not a member of.
      </EmptyState>
    </div>
  );
}

/**
 * URLs say where a thing lives: a campaign is always under its strategy
 * (`/w/:ws/strategies/:sid/campaigns/:cid`), so there is no way to reach one without its strategy.
 */
export const router = createBrowserRouter([
  { path: '/signin', element: <AuthForm mode="signin" /> },
  { path: '/signup', element: <AuthForm mode="signup" /> },
  // An invitation link works signed in or out: the page itself offers sign-up and sign-in.
  { path: '/invite/:token', element: <AcceptInvitation /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <WorkspacePicker redirectSingle /> },
          { path: 'w', element: <WorkspacePicker /> },
          { path: 'w/:ws', element: <StrategyList /> },
          { path: 'w/:ws/members', element: <Members /> },
          { path: 'w/:ws/settings', element: <WorkspaceSettings /> },
          { path: 'w/:ws/import', element: <ImportPlan /> },
          { path: 'w/:ws/strategies/new', element: <StrategyBuilder /> },
          { path: 'w/:ws/strategies/:sid', element: <StrategyOverview /> },
          { path: 'w/:ws/strategies/:sid/edit/:step?', element: <StrategyBuilder /> },
          { path: 'w/:ws/strategies/:sid/campaigns/new', element: <CampaignPlanner /> },
          { path: 'w/:ws/strategies/:sid/campaigns/:cid', element: <CampaignPlanner /> },
          { path: 'w/:ws/posts', element: <PostsList /> },
          { path: 'w/:ws/posts/new', element: <PostPage /> },
          { path: 'w/:ws/posts/:id', element: <PostPage /> },
          { path: 'w/:ws/calendar', element: <CalendarPage /> },
          { path: 'w/:ws/queue', element: <QueuePage /> },
          { path: 'w/:ws/connections', element: <Connections /> },
          { path: 'w/:ws/notifications', element: <NotificationsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
