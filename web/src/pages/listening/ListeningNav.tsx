/** The listening screens' own tabs: queries, mentions, sources, and the dashboard (web/src/pages/listening-dashboard/). */
import { NavLink } from 'react-router';

export function ListeningNav({ ws }: { ws: string }) {
  return (
    <nav className="listening-nav" aria-label="Listening">
      <NavLink to={`/w/${ws}/listening/dashboard`}>Dashboard</NavLink>
      <NavLink to={`/w/${ws}/listening`} end>
        Queries
      </NavLink>
      <NavLink to={`/w/${ws}/listening/mentions`}>Mentions</NavLink>
      <NavLink to={`/w/${ws}/listening/sources`}>Sources</NavLink>
    </nav>
  );
}
