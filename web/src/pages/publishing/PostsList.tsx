/**
 * `/w/:ws/posts`: every post of the workspace by state, with counts, and what to do next when a
 * state has none. `?state=` keeps the chosen filter in the URL.
 */
import { Link, useParams, useSearchParams } from 'react-router';
import { useCan, usePosts, useStrategies, useWorkspaceTimezone } from '../../api/hooks.ts';
import type { Post, PostState } from '../../api/types.ts';
import { EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { postTitle, STATE_PLURAL } from './labels.ts';
import { PostStateBadge } from './PostStateBadge.tsx';
import { formatInstant } from './time.ts';

/** The filters offered, in workflow order (publishing and cancelled posts show under "All"). */
const FILTERS: PostState[] = ['idea', 'draft', 'in_review', 'approved', 'scheduled', 'published', 'failed'];

const EMPTY: Record<PostState, string> = {
  idea: 'No ideas parked. Jot one down with “New post” → “Save as idea”: a line is enough to come back to.',
  draft: 'No drafts. Develop an idea, or write a new post and save it as a draft.',
  in_review: 'Nothing waits for review. Drafts land here when someone submits them.',
  approved: 'No approved posts waiting. Approved posts wait here until they are scheduled or queued.',
  scheduled: 'Nothing is scheduled. Schedule an approved post, or add it to the queue.',
  publishing: 'Nothing is being published right now.',
  published: 'Nothing published yet. Scheduled posts move here once the network has them.',
  failed: 'No failures. Posts that a network refuses show up here with the reason.',
  cancelled: 'No cancelled posts.',
};

export function PostsList() {
  const { ws = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const raw = search.get('state');
  const state = raw && (FILTERS as string[]).includes(raw) ? (raw as PostState) : null;
  usePageTitle(state ? `Posts: ${STATE_PLURAL[state].toLowerCase()}` : 'Posts');
  const posts = usePosts(ws);
  const strategies = useStrategies(ws);
  const zone = useWorkspaceTimezone(ws);
  const canWrite = useCan(ws, 'content.write');

  const all = posts.data ?? [];
  const counts = new Map<PostState, number>();
  for (const p of all) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const shown = state ? all.filter((p) => p.state === state) : all;
  const newPost = canWrite && (strategies.data?.length ?? 0) > 0 && (
    <Link to={`/w/${ws}/posts/new`} className="btn btn-primary">
      New post
    </Link>
  );

  let body;
  if (posts.isPending || strategies.isPending) body = <Loading what="Loading posts" />;
  else if (posts.error || strategies.error) body = <ErrorBanner error={posts.error ?? strategies.error} />;
  else if (strategies.data.length === 0) {
    body = (
      <EmptyState title="Posts start from a strategy" action={<Link to={`/w/${ws}/strategies/new`}>Build the strategy</Link>}>
        Every post goes out on a strategy’s channels and serves one of its content pillars. Build the strategy first; then write posts here and plan them on the
        calendar.
      </EmptyState>
    );
  } else if (all.length === 0) {
    body = (
      <EmptyState title="No posts yet" action={newPost || undefined}>
        {canWrite
          ? 'Write the first post: pick the channels, write a variant for each, plan a time, and submit it for review.'
          : 'Nobody has written a post in this workspace yet. Editors and strategists write them; approvers review them here.'}
      </EmptyState>
    );
  } else if (shown.length === 0 && state) {
    body = <EmptyState title={`No posts ${state === 'in_review' ? 'in review' : STATE_PLURAL[state].toLowerCase()}`}>{EMPTY[state]}</EmptyState>;
  } else {
    body = <PostTable ws={ws} posts={shown} zone={zone.timezone} />;
  }

  return (
    <div className="page publishing-page posts-page">
      <div className="page-header">
        <div>
          <span className="kind-label">Publishing</span>
          <h1>Posts</h1>
        </div>
        <div className="card-actions">
          <Link to={`/w/${ws}/calendar`} className="btn btn-secondary">
            Calendar
          </Link>
          {newPost}
        </div>
      </div>
      <nav className="state-filters" aria-label="Filter by state">
        <button
          type="button"
          className={`state-filter${state === null ? ' state-filter-active' : ''}`}
          aria-pressed={state === null}
          onClick={() => setSearch({}, { replace: true })}
        >
          All <span className="state-count">{all.length}</span>
        </button>
        {FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            className={`state-filter state-filter-${s}${state === s ? ' state-filter-active' : ''}`}
            aria-pressed={state === s}
            onClick={() => setSearch({ state: s }, { replace: true })}
          >
            {STATE_PLURAL[s]} <span className="state-count">{counts.get(s) ?? 0}</span>
          </button>
        ))}
      </nav>
      {body}
    </div>
  );
}

function PostTable({ ws, posts, zone }: { ws: string; posts: Post[]; zone: string }) {
  return (
    <div className="table-scroll">
      <table className="table posts-table">
        <thead>
          <tr>
            <th scope="col">Post</th>
            <th scope="col">Planned</th>
            <th scope="col">Channels</th>
            <th scope="col">Pillar · campaign</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((p) => (
            <tr key={p.id} data-post={p.id}>
              <td data-label="Post">
                <Link to={`/w/${ws}/posts/${p.id}`}>{postTitle(p)}</Link>
              </td>
              <td data-label="Planned">{p.scheduledAt ? formatInstant(p.scheduledAt, zone) : <span className="muted">no time yet</span>}</td>
              <td data-label="Channels">{p.variants.map((v) => v.channel).join(', ')}</td>
              <td data-label="Pillar">{[p.pillar, p.campaign].filter(Boolean).join(' · ') || <span className="muted">—</span>}</td>
              <td data-label="State">
                <PostStateBadge state={p.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
