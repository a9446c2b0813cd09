/**
 * `/w/:ws/inbox`: the unified inbox — mentions, replies and quotes that came to the connected
 * accounts, and listening hits that need a response. The response figures on top (InboxStats), then
 * a list (status tabs with counts, filters, overdue items marked, pages read with "Load more",
 * selection with bulk actions across the pages read) beside the open item (its conversation, the
 * collision warning, assignee, status, tags, the reply box with saved replies, internal notes). On a
 * phone the item replaces the list, with a way back. Keyboard: `j`/`k` move through the list, Escape
 * goes back to it.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useInboxItem, useInboxItems, useInboxWrites, useSavedReplies, type InboxFilters, type InboxItem } from '../../api/inbox.ts';
import { useCan } from '../../api/session.ts';
import { useMembers, useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Badge, Button, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatInstant } from '../publishing/time.ts';
import { InboxSettings } from './InboxSettings.tsx';
import { InboxStats } from './InboxStats.tsx';
import { networkLabel } from '../../components/network-label.ts';

const STATUSES = [
  { id: 'open', label: 'Open' },
  { id: 'pending', label: 'Pending' },
  { id: 'closed', label: 'Closed' },
  { id: 'all', label: 'All' },
] as const;
const KIND_LABEL: Record<InboxItem['kind'], string> = { mention: 'Mention', reply: 'Reply', quote: 'Quote', listening: 'Listening' };

/** A UUID v4 (crypto.randomUUID exists only on secure origins; a self-hosted instance may be plain http). */
function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const parseTags = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');

export function InboxPage() {
  const { ws = '' } = useParams();
  const canRespond = useCan(ws, 'inbox.respond');
  const [filters, setFilters] = useState<InboxFilters>({ status: 'open' });
  const [search, setSearch] = useState('');
  const list = useInboxItems(ws, filters);
  const members = useMembers(ws);
  const { timezone } = useWorkspaceTimezone(ws);
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const pages = list.data?.pages ?? [];
  const items = useMemo(() => pages.flatMap((p) => p.items), [pages]);
  // The newest page's figures: a re-read refreshes every page, the first is read first.
  const counts = pages[0]?.counts;
  const total = pages[0]?.total ?? 0;
  usePageTitle(counts && counts.open > 0 ? `Inbox (${counts.open})` : 'Inbox');

  // j / k through the list, Escape back to it: answering many messages without the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]') || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'Escape' && openId) setOpenId(null);
      if (e.key !== 'j' && e.key !== 'k') return;
      const i = items.findIndex((x) => x.id === openId);
      const next = items[e.key === 'j' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1)];
      if (next) {
        setOpenId(next.id);
        document.getElementById(`inbox-row-${next.id}`)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, openId]);

  const setFilter = (patch: Partial<InboxFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected(new Set());
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));

  return (
    <div className={`inbox${openId ? ' inbox-has-open' : ''}`}>
      <div className="page-head">
        <h1>Inbox</h1>
        {counts && counts.overdue > 0 && <Badge tone="error">{counts.overdue} overdue</Badge>}
      </div>
      <InboxStats ws={ws} open={counts?.open ?? null} />
      <div className="inbox-layout">
        <section className="inbox-list-pane" aria-label="Items">
          <fieldset className="inbox-tabs">
            <legend className="visually-hidden">Status</legend>
            {STATUSES.map((s) => (
              <button
                key={s.id}
                type="button"
                className={`chip${filters.status === s.id ? ' chip-on' : ''}`}
                aria-pressed={filters.status === s.id}
                onClick={() => setFilter({ status: s.id })}
              >
                {s.label}
                {counts && s.id !== 'all' && <span className="chip-count">{counts[s.id]}</span>}
              </button>
            ))}
          </fieldset>
          <form
            className="inbox-filters"
            aria-label="Filters"
            onSubmit={(e) => {
              e.preventDefault();
              setFilter({ q: search.trim() === '' ? undefined : search.trim() });
            }}
          >
            <label>
              <span className="visually-hidden">Search</span>
              <input type="search" placeholder="Search text or author" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <label>
              <span className="visually-hidden">Assignee</span>
              <select
                value={filters.assignee ?? ''}
                onChange={(e) => setFilter({ assignee: e.target.value === '' ? undefined : e.target.value })}
              >
                <option value="">Anyone</option>
                <option value="me">Assigned to me</option>
                <option value="unassigned">Unassigned</option>
                <MemberOptions members={members.data ?? []} />
              </select>
            </label>
            <label>
              <span className="visually-hidden">Kind</span>
              <select
                value={filters.kind ?? ''}
                onChange={(e) => setFilter({ kind: e.target.value === '' ? undefined : (e.target.value as InboxItem['kind']) })}
              >
                <option value="">All kinds</option>
                {Object.entries(KIND_LABEL).map(([id, label]) => (
                  <option key={id} value={id}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-check">
              <input
                type="checkbox"
                checked={filters.overdue === 'true'}
                onChange={(e) => setFilter({ overdue: e.target.checked ? 'true' : undefined })}
              />
              Overdue only
            </label>
            {filters.tag && (
              <Button variant="ghost" onClick={() => setFilter({ tag: undefined })}>
                Tag: {filters.tag} ✕
              </Button>
            )}
          </form>

          {canRespond && selected.size > 0 && (
            <BulkBar ws={ws} ids={[...selected]} members={members.data ?? []} onDone={() => setSelected(new Set())} />
          )}

          {list.isPending ? (
            <Loading what="Loading the inbox" />
          ) : list.error && items.length === 0 ? (
            <ErrorBanner error={list.error} />
          ) : items.length === 0 ? (
            <EmptyState title={filters.status === 'open' && !filters.q && !filters.assignee ? 'Nothing to answer' : 'No items match'}>
              Mentions, replies and quotes of your connected Bluesky and Mastodon accounts arrive here within a minute, and so do listening
              hits of queries marked “needs response”. Connect an account on the Connections screen to start.
            </EmptyState>
          ) : (
            <>
              {canRespond && (
                <label className="inline-check select-all">
                  <input
                    type="checkbox"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
                  />
                  Select all {items.length} shown
                </label>
              )}
              <ul className="inbox-list">
                {items.map((item) => (
                  <li key={item.id} className={`inbox-row${item.overdue ? ' overdue' : ''}${item.id === openId ? ' open' : ''}`}>
                    {canRespond && (
                      <input
                        type="checkbox"
                        aria-label={`Select the ${KIND_LABEL[item.kind].toLowerCase()} from ${item.author ?? 'someone'}`}
                        checked={selected.has(item.id)}
                        onChange={() => toggle(item.id)}
                      />
                    )}
                    <button
                      type="button"
                      id={`inbox-row-${item.id}`}
                      className="inbox-row-main"
                      aria-current={item.id === openId ? 'true' : undefined}
                      onClick={() => setOpenId(item.id)}
                      data-testid="inbox-row"
                    >
                      <span className="inbox-row-head">
                        <strong>{item.authorName ?? item.author ?? 'Someone'}</strong>
                        <Badge tone={item.kind === 'listening' ? 'campaign' : 'strategy'}>{KIND_LABEL[item.kind]}</Badge>
                        {item.overdue && <Badge tone="error">Overdue</Badge>}
                        {item.status !== 'open' && <Badge>{item.status}</Badge>}
                      </span>
                      <span className="inbox-row-text">{item.text}</span>
                      <span className="inbox-row-meta muted">
                        {formatInstant(item.receivedAt, timezone)}
                        {item.assignee ? ` · ${item.assignee.name}` : ' · unassigned'}
                        {item.tags.length > 0 && ` · ${item.tags.map((t) => `#${t}`).join(' ')}`}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              <div className="inbox-more">
                <p className="muted" role="status" data-testid="inbox-shown">
                  {items.length} of {total} shown
                </p>
                {list.hasNextPage && (
                  <Button onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                    {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
                  </Button>
                )}
              </div>
              <ErrorBanner error={list.isFetchNextPageError ? list.error : null} />
            </>
          )}
        </section>

        <section className="inbox-detail-pane" aria-label="Item">
          {openId ? (
            <ItemDetail
              key={openId}
              ws={ws}
              id={openId}
              timezone={timezone}
              canRespond={canRespond}
              members={members.data ?? []}
              onBack={() => setOpenId(null)}
              onTag={(tag) => setFilter({ tag })}
            />
          ) : (
            <EmptyState title="Pick an item">
              Choose an item on the left to read its conversation and answer it (j / k move through the list).
            </EmptyState>
          )}
        </section>
      </div>
      <InboxSettings ws={ws} />
    </div>
  );
}

interface MemberOption {
  userId: string;
  name: string;
}

/** The workspace's members as the options of an assignee picker. */
function MemberOptions({ members }: { members: readonly MemberOption[] }) {
  return members.map((m) => (
    <option key={m.userId} value={m.userId}>
      {m.name}
    </option>
  ));
}

function BulkBar({ ws, ids, members, onDone }: { ws: string; ids: string[]; members: MemberOption[]; onDone: () => void }) {
  const { bulk } = useInboxWrites(ws);
  const [tag, setTag] = useState('');
  const run = (change: { status?: InboxItem['status']; assignee?: string | null; addTags?: string[] }) =>
    bulk.mutate({ ids, ...change }, { onSuccess: onDone });
  return (
    <fieldset className="inbox-bulk">
      <legend className="visually-hidden">Bulk actions</legend>
      <strong>{ids.length} selected</strong>
      <label>
        <span className="visually-hidden">Assign the selected items</span>
        <select
          value=""
          onChange={(e) => e.target.value !== '' && run({ assignee: e.target.value === 'none' ? null : e.target.value })}
          disabled={bulk.isPending}
        >
          <option value="">Assign to…</option>
          <option value="none">Nobody</option>
          <MemberOptions members={members} />
        </select>
      </label>
      <label>
        <span className="visually-hidden">Set the status of the selected items</span>
        <select
          value=""
          onChange={(e) => e.target.value !== '' && run({ status: e.target.value as InboxItem['status'] })}
          disabled={bulk.isPending}
        >
          <option value="">Set status…</option>
          <option value="open">Open</option>
          <option value="pending">Pending</option>
          <option value="closed">Closed</option>
        </select>
      </label>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const tags = parseTags(tag);
          if (tags.length > 0) run({ addTags: tags });
          setTag('');
        }}
      >
        <label>
          <span className="visually-hidden">Tag to add to the selected items</span>
          <input value={tag} onChange={(e) => setTag(e.target.value)} placeholder="Add tag" size={10} />
        </label>
        <Button type="submit" disabled={bulk.isPending}>
          Tag
        </Button>
      </form>
      <ErrorBanner error={bulk.error} />
    </fieldset>
  );
}

function ItemDetail({
  ws,
  id,
  timezone,
  canRespond,
  members,
  onBack,
  onTag,
}: {
  ws: string;
  id: string;
  timezone: string;
  canRespond: boolean;
  members: MemberOption[];
  onBack: () => void;
  onTag: (tag: string) => void;
}) {
  const detail = useInboxItem(ws, id);
  const writes = useInboxWrites(ws);
  const saved = useSavedReplies(ws);
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string | null>(null);
  // One key per reply being written: a retried send of the same reply cannot post twice.
  const [key, setKey] = useState(newKey);

  if (detail.isPending) return <Loading what="Loading the item" />;
  if (detail.error) return <ErrorBanner error={detail.error} />;
  const { item, conversation, replies, notes, viewers, repliedSinceOpened } = detail.data;

  const sendReply = (e: FormEvent) => {
    e.preventDefault();
    if (reply.trim() === '') return;
    writes.reply.mutate(
      { id, text: reply, idempotencyKey: key },
      {
        onSuccess: () => {
          setReply('');
          setKey(newKey());
        },
      },
    );
  };
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '') return;
    writes.note.mutate({ id, body: note }, { onSuccess: () => setNote('') });
  };

  return (
    <article className="inbox-detail" aria-labelledby="inbox-detail-title">
      <Button variant="ghost" className="inbox-back" onClick={onBack}>
        ← Back to the list
      </Button>
      <h2 id="inbox-detail-title">
        {KIND_LABEL[item.kind]} from {item.authorName ?? item.author ?? 'someone'}
        {item.author && item.authorName && <span className="muted"> @{item.author}</span>}
      </h2>
      <p className="muted">
        {networkLabel(item.network)}
        {item.channel ? ` · ${item.channel}` : ''} · received {formatInstant(item.receivedAt, timezone)} ·{' '}
        {item.firstResponseAt
          ? `answered ${formatInstant(item.firstResponseAt, timezone)}`
          : `answer due ${formatInstant(item.dueAt, timezone)}`}
        {item.url && (
          <>
            {' '}
            · <a href={item.url}>open on the network</a>
          </>
        )}
      </p>
      {item.overdue && <div className="banner banner-error">Overdue: no first response within the target.</div>}
      {(viewers.length > 0 || repliedSinceOpened.length > 0) && (
        <div className="banner banner-warning" role="status" data-testid="collision">
          {viewers.length > 0 && <>{viewers.map((v) => v.name).join(', ')} also has this open. </>}
          {repliedSinceOpened.length > 0 && (
            <>
              {[...new Set(repliedSinceOpened.map((r) => r.by))].join(', ')} replied since you opened it — read their answer before you send
              yours.
            </>
          )}
        </div>
      )}

      <ol className="inbox-thread" aria-label="Conversation">
        {conversation.map((c) => (
          <li key={c.id} className={c.id === item.id ? 'this' : ''}>
            <span className="muted">
              {c.authorName ?? c.author ?? 'someone'} · {formatInstant(c.postedAt, timezone)}
            </span>
            <p>{c.text}</p>
          </li>
        ))}
        {replies.map((r) => (
          <li key={r.id} className={`ours reply-${r.state}`}>
            <span className="muted">
              {r.author?.name ?? 'someone'} replied · {formatInstant(r.createdAt, timezone)}
              {r.state === 'failed' && ` · not sent: ${r.error?.message ?? ''}`}
              {r.state === 'sending' && ' · sending'}
            </span>
            <p>{r.text}</p>
          </li>
        ))}
      </ol>

      {canRespond && (
        <div className="inbox-controls">
          <label>
            Status
            <select value={item.status} onChange={(e) => writes.update.mutate({ id, status: e.target.value as InboxItem['status'] })}>
              <option value="open">Open</option>
              <option value="pending">Pending</option>
              <option value="closed">Closed</option>
            </select>
          </label>
          <label>
            Assignee
            <select
              value={item.assignee?.id ?? ''}
              onChange={(e) => writes.update.mutate({ id, assignee: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">Unassigned</option>
              <MemberOptions members={members} />
            </select>
          </label>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              writes.update.mutate({ id, tags: parseTags(tags ?? '') }, { onSuccess: () => setTags(null) });
            }}
          >
            <label>
              Tags
              <input value={tags ?? item.tags.join(', ')} onChange={(e) => setTags(e.target.value)} placeholder="billing, urgent" />
            </label>
            {tags !== null && <Button type="submit">Save tags</Button>}
          </form>
          {item.status !== 'closed' && (
            <Button onClick={() => writes.update.mutate({ id, status: 'closed' })} disabled={writes.update.isPending}>
              Close
            </Button>
          )}
        </div>
      )}
      {!canRespond && item.tags.length > 0 && (
        <p>
          {item.tags.map((t) => (
            <Button key={t} variant="ghost" onClick={() => onTag(t)}>
              #{t}
            </Button>
          ))}
        </p>
      )}
      <ErrorBanner error={writes.update.error} />

      {canRespond && (
        <form className="inbox-reply" onSubmit={sendReply}>
          <h3>Reply</h3>
          {!item.canReply && (
            <p className="muted">No connected account can answer this item: connect one on its network on the Connections screen.</p>
          )}
          {(saved.data?.savedReplies.length ?? 0) > 0 && (
            <label>
              Saved reply
              <select value="" onChange={(e) => setReply(saved.data?.savedReplies.find((s) => s.id === e.target.value)?.body ?? reply)}>
                <option value="">Insert a saved reply…</option>
                {saved.data?.savedReplies.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            <span className="visually-hidden">Your reply</span>
            <textarea
              rows={3}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              placeholder="Write your reply…"
              disabled={!item.canReply}
            />
          </label>
          <Button type="submit" variant="primary" disabled={!item.canReply || writes.reply.isPending || reply.trim() === ''}>
            {writes.reply.isPending ? 'Sending…' : `Send on ${networkLabel(item.network)}`}
          </Button>
          <ErrorBanner error={writes.reply.error} />
        </form>
      )}

      <section className="inbox-notes" aria-labelledby="inbox-notes-title">
        <h3 id="inbox-notes-title">Internal notes</h3>
        {notes.length === 0 ? (
          <p className="muted">No notes. Notes are for the team and never sent.</p>
        ) : (
          <ul>
            {notes.map((n) => (
              <li key={n.id}>
                <span className="muted">
                  {n.author?.name ?? 'someone'} · {formatInstant(n.createdAt, timezone)}
                </span>
                <p>{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        {canRespond && (
          <form className="inline-form" onSubmit={addNote}>
            <label>
              <span className="visually-hidden">Note</span>
              <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Add a note for the team" />
            </label>
            <Button type="submit" disabled={writes.note.isPending}>
              Add note
            </Button>
          </form>
        )}
        <ErrorBanner error={writes.note.error} />
      </section>
    </article>
  );
}
