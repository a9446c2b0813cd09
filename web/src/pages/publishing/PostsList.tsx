/**
 * `/w/:ws/posts`: every post of the workspace, searched and filtered (text, channel, campaign,
 * pillar, author, date range — all kept in the URL query string, so a filtered list can be shared
 * and survives a reload), counted by state, with bulk actions on the selected posts: each is
 * confirmed first and answered per post (done, or refused and why).
 */
import { useEffect, useEffectEvent, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useBulkPosts, usePosts, type Post, type PostFilter } from '../../api/posts.ts';
import { useCan } from '../../api/session.ts';
import { useStrategies, useStrategyDetails } from '../../api/strategies.ts';
import type { PostState } from '../../api/types.ts';
import { useMembers, useWorkspaceTimezone } from '../../api/workspaces.ts';
import { EmptyState, ErrorBanner, Loading, TextInput, usePageTitle } from '../../components/ui.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { BulkActions } from './BulkActions.tsx';
import './lists.css';
import { postTitle, STATE_PLURAL } from './labels.ts';
import { PostStateBadge } from './PostStateBadge.tsx';
import { formatInstant, instantOf } from './time.ts';

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

/** Query-string keys of the filters that go to the server (the state filter counts on the client). */
const SERVER_KEYS = ['q', 'channel', 'campaign', 'pillar', 'author', 'from', 'to'] as const;
type ServerKey = (typeof SERVER_KEYS)[number];
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function PostsList() {
  const { ws = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const raw = search.get('state');
  const state = raw && (FILTERS as string[]).includes(raw) ? (raw as PostState) : null;
  usePageTitle(state ? `Posts: ${STATE_PLURAL[state].toLowerCase()}` : 'Posts');
  const zone = useWorkspaceTimezone(ws);
  const strategies = useStrategies(ws);
  const details = useStrategyDetails(ws, strategies.data?.map((s) => s.id) ?? []);
  const members = useMembers(ws);
  const canWrite = useCan(ws, 'content.write');
  const canApprove = useCan(ws, 'content.approve');

  const value = (key: ServerKey | 'state') => search.get(key) ?? '';
  /** Sets (or clears) one filter in the URL, keeping the others. */
  const setParam = (key: ServerKey | 'state', v: string) => {
    const next = new URLSearchParams(search);
    if (v) next.set(key, v);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  // The search box writes to the URL when typing pauses; the box itself follows the keys.
  const [text, setText] = useState(value('q'));
  const settledText = useDebounced(text.trim(), 300);
  // Only a settled change of the box writes to the URL: an Effect Event, so a URL change alone does not run it.
  const writeSettledText = useEffectEvent((q: string) => {
    if (q !== value('q')) setParam('q', q);
  });
  useEffect(() => {
    writeSettledText(settledText);
  }, [settledText]);

  const from = DAY_RE.test(value('from')) ? value('from') : '';
  const to = DAY_RE.test(value('to')) ? value('to') : '';
  const filter: PostFilter = {
    q: value('q') || undefined,
    channel: value('channel') || undefined,
    campaign: value('campaign') || undefined,
    pillar: value('pillar') || undefined,
    author: value('author') || undefined,
    // Whole days in the workspace's zone, the end day included.
    from: from ? instantOf(`${from}T00:00`, zone.timezone) : undefined,
    to: to ? instantOf(`${nextDay(to)}T00:00`, zone.timezone) : undefined,
  };
  const posts = usePosts(ws, filter);
  const filtered = SERVER_KEYS.some((k) => value(k));

  const options = useMemo(() => {
    const channels = new Map<string, string>();
    const pillars = new Map<string, string>();
    const campaigns = new Map<string, string>();
    for (const d of details.data) {
      for (const c of d.strategy.channels) channels.set(c.id, `${c.id} (${c.platform})`);
      for (const p of d.strategy.pillars) pillars.set(p.id, p.name);
      for (const c of d.campaigns) campaigns.set(c.id, c.name);
    }
    return { channels, pillars, campaigns };
  }, [details.data]);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const bulk = useBulkPosts(ws);

  const all = posts.data ?? [];
  const counts = new Map<PostState, number>();
  for (const p of all) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const shown = state ? all.filter((p) => p.state === state) : all;
  const shownSelected = shown.filter((p) => selected.has(p.id));
  const newPost = canWrite && (strategies.data?.length ?? 0) > 0 && (
    <Link to={`/w/${ws}/posts/new`} className="btn btn-primary">
      New post
    </Link>
  );

  let body: ReactNode;
  if (posts.isPending || strategies.isPending || zone.isPending) body = <Loading what="Loading posts" />;
  else if (posts.error || strategies.error) body = <ErrorBanner error={posts.error ?? strategies.error} />;
  else if (strategies.data.length === 0) {
    body = (
      <EmptyState title="Posts start from a strategy" action={<Link to={`/w/${ws}/strategies/new`}>Build the strategy</Link>}>
        Every post goes out on a strategy’s channels and serves one of its content pillars. Build the strategy first; then write posts here
        and plan them on the calendar.
      </EmptyState>
    );
  } else if (all.length === 0 && filtered) {
    body = (
      <EmptyState
        title="No posts match"
        action={
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              setText('');
              setSearch(state ? { state } : {}, { replace: true });
            }}
          >
            Clear the filters
          </button>
        }
      >
        Nothing matches the search and filters above.
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
    body = (
      <EmptyState title={`No posts ${state === 'in_review' ? 'in review' : STATE_PLURAL[state].toLowerCase()}`}>{EMPTY[state]}</EmptyState>
    );
  } else {
    body = (
      <PostTable
        ws={ws}
        posts={shown}
        zone={zone.timezone}
        selectable={canWrite || canApprove}
        selected={selected}
        onSelect={(ids, on) =>
          setSelected((s) => {
            const next = new Set(s);
            for (const id of ids) on ? next.add(id) : next.delete(id);
            return next;
          })
        }
      />
    );
  }

  return (
    <div className="page publishing-page posts-page">
      <div className="page-header">
        <div>
          <span className="kind-label">Publishing</span>
          <h1>Posts</h1>
        </div>
        <div className="card-actions">
          <Link to={`/w/${ws}/queue`} className="btn btn-secondary">
            Queue
          </Link>
          <Link to={`/w/${ws}/calendar`} className="btn btn-secondary">
            Calendar
          </Link>
          {newPost}
        </div>
      </div>
      <search className="posts-filters" aria-label="Post filters">
        <TextInput label="Search" type="search" placeholder="Words in the post" value={text} onChange={(e) => setText(e.target.value)} />
        <FilterSelect
          label="Channel"
          all="All channels"
          value={value('channel')}
          options={options.channels}
          onChange={(v) => setParam('channel', v)}
        />
        <FilterSelect
          label="Campaign"
          all="All campaigns"
          value={value('campaign')}
          options={options.campaigns}
          onChange={(v) => setParam('campaign', v)}
        />
        <FilterSelect
          label="Pillar"
          all="All pillars"
          value={value('pillar')}
          options={options.pillars}
          onChange={(v) => setParam('pillar', v)}
        />
        <FilterSelect
          label="Author"
          all="Anyone"
          value={value('author')}
          options={(members.data ?? []).map((m) => [m.userId, m.name] as const)}
          onChange={(v) => setParam('author', v)}
        />
        <TextInput label="From" type="date" value={from} max={to || undefined} onChange={(e) => setParam('from', e.target.value)} />
        <TextInput label="To" type="date" value={to} min={from || undefined} onChange={(e) => setParam('to', e.target.value)} />
      </search>
      <nav className="state-filters" aria-label="Filter by state">
        <button
          type="button"
          className={`state-filter${state === null ? ' state-filter-active' : ''}`}
          aria-pressed={state === null}
          onClick={() => setParam('state', '')}
        >
          All <span className="state-count">{all.length}</span>
        </button>
        {FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            className={`state-filter state-filter-${s}${state === s ? ' state-filter-active' : ''}`}
            aria-pressed={state === s}
            onClick={() => setParam('state', s)}
          >
            {STATE_PLURAL[s]} <span className="state-count">{counts.get(s) ?? 0}</span>
          </button>
        ))}
      </nav>
      {(canWrite || canApprove) && (
        <BulkActions
          posts={shownSelected}
          zone={zone.timezone}
          canWrite={canWrite}
          canApprove={canApprove}
          busy={bulk.isPending}
          run={(body) => bulk.mutateAsync(body)}
          onDone={() => setSelected(new Set())}
          onClear={() => setSelected(new Set())}
        />
      )}
      {body}
    </div>
  );
}

function PostTable({
  ws,
  posts,
  zone,
  selectable,
  selected,
  onSelect,
}: {
  ws: string;
  posts: Post[];
  zone: string;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
}) {
  const allOn = posts.length > 0 && posts.every((p) => selected.has(p.id));
  return (
    <div className="table-scroll">
      {selectable && (
        <label className="posts-select-all">
          <input
            type="checkbox"
            checked={allOn}
            onChange={(e) =>
              onSelect(
                posts.map((p) => p.id),
                e.target.checked,
              )
            }
          />{' '}
          Select all posts shown
        </label>
      )}
      <table className="table posts-table">
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="select-cell">
                <span className="visually-hidden">Selected</span>
              </th>
            )}
            <th scope="col">Post</th>
            <th scope="col">Planned</th>
            <th scope="col">Channels</th>
            <th scope="col">Pillar · campaign</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((p) => (
            <tr key={p.id} data-post={p.id} className={selected.has(p.id) ? 'row-selected' : undefined}>
              {selectable && (
                <td className="select-cell" data-label="Select">
                  <input
                    type="checkbox"
                    aria-label={`Select “${postTitle(p, 60)}”`}
                    checked={selected.has(p.id)}
                    onChange={(e) => onSelect([p.id], e.target.checked)}
                  />
                </td>
              )}
              <td data-label="Post">
                <Link to={`/w/${ws}/posts/${p.id}`}>{postTitle(p)}</Link>
              </td>
              <td data-label="Planned">
                {p.scheduledAt ? formatInstant(p.scheduledAt, zone) : <span className="muted">no time yet</span>}
              </td>
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
