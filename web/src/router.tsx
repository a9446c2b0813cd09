import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Link, Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { useMe } from './api/session.ts';
import { Layout } from './components/Layout.tsx';
import { EmptyState, Loading, usePageTitle } from './components/ui.tsx';
import { AuthForm } from './pages/auth/AuthForm.tsx';
import { ConfirmSignUp } from './pages/auth/ConfirmSignUp.tsx';
import { signInPath } from './pages/auth/next.ts';

/**
 * A screen whose code is fetched on its first visit, so the sign-in page does not download every
 * screen and its libraries (FullCalendar, frappe-gantt, the plan rules). Layout shows Loading
 * meanwhile; the invitation page, outside it, has a Suspense of its own.
 */
function screen<M extends Record<K, ComponentType>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] }), reloadForNewBuild));
}

const RELOADED_AT = 'groundwork:reloaded-for-new-build';

/**
 * A tab opened before a new release asks for screen files of the build it started with, which the
 * release removed: load the page again, with the new build, and keep showing Loading until then.
 * A second failure soon after is not a release but a fault, shown as such.
 */
function reloadForNewBuild(error: unknown): Promise<never> {
  if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < 30_000) throw error;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
  return new Promise(() => {});
}

const CampaignPlanner = screen(() => import('./pages/campaign/CampaignPlanner.tsx'), 'CampaignPlanner');
const CampaignDashboard = screen(() => import('./pages/dashboard/CampaignDashboard.tsx'), 'CampaignDashboard');
const Connections = screen(() => import('./pages/connections/Connections.tsx'), 'Connections');
const InboxPage = screen(() => import('./pages/inbox/InboxPage.tsx'), 'InboxPage');
const ListeningQueries = screen(() => import('./pages/listening/QueriesPage.tsx'), 'QueriesPage');
const ListeningMentions = screen(() => import('./pages/listening/MentionsPage.tsx'), 'MentionsPage');
const ListeningSources = screen(() => import('./pages/listening/SourcesPage.tsx'), 'SourcesPage');
const NotificationsPage = screen(() => import('./pages/notifications/NotificationsPage.tsx'), 'NotificationsPage');
const ImportData = screen(() => import('./pages/measure/ImportData.tsx'), 'ImportData');
const ImportPlan = screen(() => import('./pages/plan-io/ImportPlan.tsx'), 'ImportPlan');
const CalendarPage = screen(() => import('./pages/publishing/CalendarPage.tsx'), 'CalendarPage');
const PostPage = screen(() => import('./pages/publishing/PostPage.tsx'), 'PostPage');
const PostsList = screen(() => import('./pages/publishing/PostsList.tsx'), 'PostsList');
const QueuePage = screen(() => import('./pages/publishing/QueuePage.tsx'), 'QueuePage');
const StrategyBuilder = screen(() => import('./pages/strategy/StrategyBuilder.tsx'), 'StrategyBuilder');
const StrategyDashboard = screen(() => import('./pages/dashboard/StrategyDashboard.tsx'), 'StrategyDashboard');
const ListeningDashboard = screen(() => import('./pages/listening-dashboard/ListeningDashboard.tsx'), 'ListeningDashboard');
const StrategyList = screen(() => import('./pages/strategy/StrategyList.tsx'), 'StrategyList');
const StrategyOverview = screen(() => import('./pages/strategy/StrategyOverview.tsx'), 'StrategyOverview');
const VersionsPage = screen(() => import('./pages/review/VersionsPage.tsx'), 'VersionsPage');
const ReviewsPage = screen(() => import('./pages/review/ReviewsPage.tsx'), 'ReviewsPage');
const ReviewPage = screen(() => import('./pages/review/ReviewPage.tsx'), 'ReviewPage');
const AcceptInvitation = screen(() => import('./pages/workspace/AcceptInvitation.tsx'), 'AcceptInvitation');
const Members = screen(() => import('./pages/workspace/Members.tsx'), 'Members');
const WorkspacePicker = screen(() => import('./pages/workspace/WorkspacePicker.tsx'), 'WorkspacePicker');
const WorkspaceSettings = screen(() => import('./pages/workspace/WorkspaceSettings.tsx'), 'WorkspaceSettings');

function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.data?.user === null || (me.error instanceof ApiError && me.error.status === 401))
    return <Navigate to={signInPath(location)} replace />;
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
  // Where the mailed sign-up link lands (mail configured): it creates the account and signs in.
  { path: '/signup/confirm/:token', element: <ConfirmSignUp /> },
  // An invitation link works signed in or out: the page itself offers sign-up and sign-in.
  {
    path: '/invite/:token',
    element: (
      <Suspense fallback={<Loading />}>
        <AcceptInvitation />
      </Suspense>
    ),
  },
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
          { path: 'w/:ws/import-data', element: <ImportData /> },
          { path: 'w/:ws/strategies/new', element: <StrategyBuilder /> },
          { path: 'w/:ws/strategies/:sid', element: <StrategyOverview /> },
          { path: 'w/:ws/strategies/:sid/dashboard', element: <StrategyDashboard /> },
          { path: 'w/:ws/strategies/:sid/edit/:step?', element: <StrategyBuilder /> },
          { path: 'w/:ws/strategies/:sid/versions', element: <VersionsPage /> },
          { path: 'w/:ws/strategies/:sid/reviews', element: <ReviewsPage /> },
          { path: 'w/:ws/strategies/:sid/reviews/:rid', element: <ReviewPage /> },
          { path: 'w/:ws/strategies/:sid/campaigns/new', element: <CampaignPlanner /> },
          { path: 'w/:ws/strategies/:sid/campaigns/:cid', element: <CampaignPlanner /> },
          { path: 'w/:ws/strategies/:sid/campaigns/:cid/dashboard', element: <CampaignDashboard /> },
          { path: 'w/:ws/posts', element: <PostsList /> },
          { path: 'w/:ws/posts/new', element: <PostPage /> },
          { path: 'w/:ws/posts/:id', element: <PostPage /> },
          { path: 'w/:ws/calendar', element: <CalendarPage /> },
          { path: 'w/:ws/queue', element: <QueuePage /> },
          { path: 'w/:ws/connections', element: <Connections /> },
          { path: 'w/:ws/notifications', element: <NotificationsPage /> },
          { path: 'w/:ws/listening/dashboard', element: <ListeningDashboard /> },
          { path: 'w/:ws/inbox', element: <InboxPage /> },
          { path: 'w/:ws/listening', element: <ListeningQueries /> },
          { path: 'w/:ws/listening/mentions', element: <ListeningMentions /> },
          { path: 'w/:ws/listening/sources', element: <ListeningSources /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
