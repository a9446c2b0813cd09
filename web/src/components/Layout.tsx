import { useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { Loading } from './ui.tsx';

/** The frame of every signed-in screen: which workspace you are in, where you can go, who you are. */
export function Layout() {
  const { ws } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (me.isPending) return <Loading />;
  const workspace = me.data?.workspaces.find((w) => w.id === ws || w.slug === ws);
  const signOut = async () => {
    await api('POST', '/auth/signout');
    qc.clear();
    navigate('/signin');
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
            <NavLink to={`/w/${workspace.slug}/import`}>Import</NavLink>
            <NavLink to={`/w/${workspace.slug}/members`}>Members</NavLink>
          </nav>
        )}
        <div className="topbar-right">
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
        <Outlet />
      </main>
      {/* New pages start at the top; back/forward restore where the user was. */}
      <ScrollRestoration />
    </div>
  );
}
