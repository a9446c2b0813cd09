/**
 * `/w/:ws/calendar`: posts with a planned time on a content calendar in the workspace's zone,
 * coloured by state, filtered by channel, campaign, pillar and state, with the strategies' campaign
 * periods as background bands. Dragging a post moves it: a scheduled post is rescheduled (If-Match),
 * any other post gets a new planned time; a refused move snaps back with the server's reason.
 * `?date=YYYY-MM-DD&view=…` keep the period in the URL (the post page links to its day).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { usePosts, useSchedulePost, useUpdatePost, type Post } from '../../api/posts.ts';
import { useCan } from '../../api/session.ts';
import { useStrategies, useStrategyDetails } from '../../api/strategies.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import {
  Calendar,
  CALENDAR_VIEWS,
  type CalendarBand,
  type CalendarControl,
  type CalendarItem,
  type CalendarView,
} from '../../components/Calendar.tsx';
import { Button, ErrorBanner, Loading, Select, usePageTitle } from '../../components/ui.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { CalendarFeed } from './CalendarFeed.tsx';
import { canMove, postTitle, STATE_COLOR, STATE_LABEL, STATES } from './labels.ts';
import './lists.css';
import { formatLocal, instantOf, wallTime } from './time.ts';
import { useCalendarShortcuts } from './useCalendarShortcuts.ts';

interface Filters {
  channel: string;
  campaign: string;
  pillar: string;
  state: string;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function CalendarPage() {
  const { ws = '' } = useParams();
  usePageTitle('Calendar');
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const zone = useWorkspaceTimezone(ws);
  const canManage = useCan(ws, 'workspace.manage');
  const canWrite = useCan(ws, 'content.write');
  const strategies = useStrategies(ws);
  const details = useStrategyDetails(ws, strategies.data?.map((s) => s.id) ?? []);
  const [range, setRange] = useState<{ start: string; end: string } | null>(null);
  const [filters, setFilters] = useState<Filters>({ channel: '', campaign: '', pillar: '', state: '' });
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // The last move, until it is undone or another replaces it; its toast hides after a while, Ctrl/⌘+Z still undoes it.
  const [lastMove, setLastMove] = useState<{ id: string; title: string; from: string; post: Post } | null>(null);
  const [toast, setToast] = useState<{ text: string; undo: boolean } | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 15_000);
    return () => clearTimeout(timer);
  }, [toast]);
  const update = useUpdatePost(ws);
  const schedule = useSchedulePost(ws);

  // The visible range as instants, a day wider on each side (zones differ by at most 14 h).
  const from = range ? instantOf(range.start, zone.timezone) : undefined;
  const to = range ? instantOf(range.end, zone.timezone) : undefined;
  const posts = usePosts(ws, range ? { from: shift(from!, -1), to: shift(to!, 1) } : {});

  const initialView: CalendarView = CALENDAR_VIEWS.includes(search.get('view') as CalendarView)
    ? (search.get('view') as CalendarView)
    : 'dayGridMonth';
  const initialDate = DAY_RE.test(search.get('date') ?? '') ? search.get('date')! : undefined;

  const options = useMemo(() => {
    const channels = new Map<string, string>();
    const pillars = new Map<string, string>();
    const campaigns = new Map<string, string>();
    for (const d of details.data) {
      for (const c of d.strategy.channels) channels.set(c.id, c.platform);
      for (const p of d.strategy.pillars) pillars.set(p.id, `${p.name}${p.promotional ? ' — promotional' : ''}`);
      for (const c of d.campaigns) campaigns.set(c.id, c.name);
    }
    return { channels, pillars, campaigns };
  }, [details.data]);

  const all = useMemo(() => posts.data ?? [], [posts.data]);
  const items: CalendarItem[] = useMemo(
    () =>
      all
        .filter((p) => p.scheduledAt && matches(p, filters))
        .map((p) => ({
          id: p.id,
          title: postTitle(p, 60),
          start: wallTime(p.scheduledAt!, zone.timezone),
          movable: canMove(p),
          colors: STATE_COLOR[p.state],
          done: p.state === 'published',
          detail: `${STATE_LABEL[p.state]} · ${p.variants.map((v) => v.channel).join(', ')}`,
          href: `/w/${ws}/posts/${p.id}`,
          className: `post-event-${p.state}`,
        })),
    [all, filters, zone.timezone, ws],
  );
  const bands: CalendarBand[] = useMemo(
    () =>
      details.data.flatMap((d) =>
        d.campaigns
          .filter((c) => !filters.campaign || c.id === filters.campaign)
          .map((c) => ({ id: c.id, title: c.name, start: c.start, end: c.end })),
      ),
    [details.data, filters.campaign],
  );

  /** Sends a post to wall-clock `localTime` in its own zone: a scheduled post is rescheduled, any other gets a new planned time. */
  const send = async (post: Pick<Post, 'id' | 'state' | 'version' | 'timezone'>, localTime: string): Promise<Post> =>
    post.state === 'scheduled'
      ? (
          await schedule.mutateAsync({
            id: post.id,
            version: post.version,
            mode: 'reschedule',
            body: { localTime, timezone: post.timezone },
          })
        ).post
      : (await update.mutateAsync({ id: post.id, version: post.version, body: { localTime } })).post;

  /** Moves a post to a new wall-clock time in the workspace zone; throws (after saying why) when refused. */
  const move = async (id: string, start: string) => {
    const post = all.find((p) => p.id === id);
    if (!post) throw new Error('unknown post');
    setMessage(null);
    if (Date.parse(instantOf(start, zone.timezone)) <= Date.now()) {
      setMessage({ tone: 'error', text: `Not moved: ${formatLocal(start)} is in the past. A post can only move to a time still ahead.` });
      throw new Error('in the past');
    }
    // The post keeps its own zone: the dropped instant, written as wall-clock time there.
    const localTime = post.timezone === zone.timezone ? start : wallTime(instantOf(start, zone.timezone), post.timezone);
    try {
      const saved = await send(post, localTime);
      const title = postTitle(post, 40);
      setLastMove({ id, title, from: post.localTime!, post: saved });
      setToast({
        text: `“${title}” ${post.state === 'scheduled' ? 'rescheduled' : 'planned'} for ${formatLocal(localTime)} (${post.timezone}).`,
        undo: true,
      });
    } catch (e) {
      setMessage({ tone: 'error', text: `Not moved: ${messageOf(e)}` });
      throw e;
    }
  };

  /** Puts the last moved post back where it was (refused like any move when that time has passed or the post changed). */
  const undoMove = async () => {
    const last = lastMove;
    if (!last) return;
    setLastMove(null);
    setMessage(null);
    try {
      await send(last.post, last.from);
      setToast({ text: `Move undone: “${last.title}” is back at ${formatLocal(last.from)} (${last.post.timezone}).`, undo: false });
    } catch (e) {
      setToast(null);
      setMessage({ tone: 'error', text: `Not undone: ${messageOf(e)}` });
    }
  };

  const calendar = useRef<CalendarControl>(null);
  useCalendarShortcuts(calendar, {
    compose: canWrite ? () => navigate(`/w/${ws}/posts/new`) : undefined,
    undo: lastMove ? () => void undoMove() : undefined,
  });

  const setFilter = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));

  if (zone.isPending || strategies.isPending) return <Loading what="Loading the calendar" />;
  return (
    <div className="page publishing-page calendar-page">
      <div className="page-header">
        <div>
          <span className="kind-label">Publishing</span>
          <h1>Calendar</h1>
          <p className="muted calendar-zone">Times in {zone.timezone}, the workspace’s time zone.</p>
        </div>
        <div className="card-actions">
          <Link to={`/w/${ws}/posts`} className="btn btn-secondary">
            All posts
          </Link>
          {canWrite && (strategies.data?.length ?? 0) > 0 && (
            <Link to={`/w/${ws}/posts/new`} className="btn btn-primary">
              New post
            </Link>
          )}
        </div>
      </div>
      {canManage && <CalendarFeed ws={ws} timezone={zone.timezone} />}
      <fieldset className="calendar-filters bare" aria-label="Filters">
        <FilterSelect
          label="Channel"
          all="All channels"
          value={filters.channel}
          options={[...options.channels].map(([id, platform]) => [id, `${id} (${platform})`] as const)}
          onChange={(v) => setFilters((f) => ({ ...f, channel: v }))}
        />
        <FilterSelect
          label="Campaign"
          all="All campaigns"
          value={filters.campaign}
          options={options.campaigns}
          onChange={(v) => setFilters((f) => ({ ...f, campaign: v }))}
        />
        <FilterSelect
          label="Pillar"
          all="All pillars"
          value={filters.pillar}
          options={options.pillars}
          onChange={(v) => setFilters((f) => ({ ...f, pillar: v }))}
        />
        <Select label="State" value={filters.state} onChange={setFilter('state')}>
          <option value="">All states</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABEL[s]}
            </option>
          ))}
        </Select>
      </fieldset>
      <ul className="state-legend" aria-label="Colours by state">
        {STATES.map((s) => (
          <li key={s}>
            <span
              className="state-swatch"
              style={{ background: STATE_COLOR[s].bg, borderColor: STATE_COLOR[s].border }}
              aria-hidden="true"
            />
            {STATE_LABEL[s]}
          </li>
        ))}
      </ul>
      {message && (
        <p className={`banner banner-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <ErrorBanner error={posts.error ?? details.error} />
      <Calendar
        items={items}
        bands={bands}
        zone={zone.timezone}
        initialView={initialView}
        initialDate={initialDate}
        control={calendar}
        onMove={move}
        onOpen={(_id, href) => navigate(href)}
        onRange={(r) => {
          setRange({ start: r.start, end: r.end });
          const date = r.view === 'dayGridMonth' || r.view === 'listMonth' ? midMonth(r.start, r.end) : r.start.slice(0, 10);
          if (search.get('date') !== date || search.get('view') !== r.view) setSearch({ date, view: r.view }, { replace: true });
        }}
      />
      <p className="muted calendar-help">
        {canWrite
          ? 'Drag a post to a time ahead to move it: a scheduled post is rescheduled, any other gets a new planned time; Ctrl/⌘+Z undoes the last move. Click a post to open it.'
          : 'Click a post to open it.'}{' '}
        Posts without a planned time are under <Link to={`/w/${ws}/posts`}>Posts</Link>. Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
      {toast && (
        <div className="toast" role="status">
          <span>{toast.text}</span>
          {toast.undo && lastMove && (
            <Button onClick={() => void undoMove()} disabled={update.isPending || schedule.isPending}>
              Undo
            </Button>
          )}
          <Button variant="ghost" className="toast-dismiss" onClick={() => setToast(null)}>
            Dismiss
          </Button>
        </div>
      )}
    </div>
  );
}

const matches = (p: Post, f: Filters) =>
  (!f.channel || p.variants.some((v) => v.channel === f.channel)) &&
  (!f.campaign || p.campaign === f.campaign) &&
  (!f.pillar || p.pillar === f.pillar) &&
  (!f.state || p.state === f.state);

/** ISO instant moved by whole days. */
const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** A month view spans from the last days of one month to the first of the next: its month is the middle. */
function midMonth(start: string, end: string): string {
  const mid = new Date((Date.parse(`${start}Z`) + Date.parse(`${end}Z`)) / 2).toISOString();
  return `${mid.slice(0, 7)}-01`;
}
