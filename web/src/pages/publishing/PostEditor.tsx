/**
 * The composer: a post of one strategy (optionally of one of its campaigns, tagged with a pillar),
 * one variant per ticked channel, a planned time. New posts are saved as an idea or a draft; a
 * stored post shows its review, schedule, delivery and history beside the form, with only the moves
 * its `actions` allow. Every write sends the version the form was loaded at (If-Match).
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, messageOf } from '../../api/client.ts';
import { useMediaFiles } from '../../api/media.ts';
import { useCampaign } from '../../api/campaigns.ts';
import { useChannelStates } from '../../api/connections.ts';
import { useCan } from '../../api/session.ts';
import { useWorkspace } from '../../api/workspaces.ts';
import {
  useCreatePost,
  usePostTransition,
  useSchedulePost,
  useUpdatePost,
  type Post,
  type PostComment,
  type PostWarning,
  type ReviewAction,
} from '../../api/posts.ts';
import { useStrategy, type StrategyDetail, type StrategySummary } from '../../api/strategies.ts';
import type { Finding } from '../../api/types.ts';
import { FindingsPanel } from '../../components/FindingsPanel.tsx';
import { focusPointer } from '../../components/pointer.ts';
import { useUnsavedChanges } from '../../components/UnsavedChanges.tsx';
import { Badge, Button, Card, ErrorBanner, fieldId, Loading, Select, TextArea } from '../../components/ui.tsx';
import { DeliveryCard } from './DeliveryCard.tsx';
import { HistoryCard } from './HistoryCard.tsx';
import { LinkTrackingCard } from './LinkTrackingCard.tsx';
import { platformLabel, postTitle, STATE_LABEL, TIMED_STATES } from './labels.ts';
import { useComposerShortcuts } from './useComposerShortcuts.ts';
import {
  contentOf,
  createBody,
  draftOf,
  dstAlternatives,
  emptyVariant,
  hasContent,
  liveIssues,
  uploadsOf,
  missingAlt,
  newDraft,
  pointerOf,
  updateBody,
  type PostDraft,
  type VariantDraft,
} from './post-draft.ts';
import { PostPreview } from './PostPreview.tsx';
import { PostStateBadge } from './PostStateBadge.tsx';
import { ReviewCard } from './ReviewCard.tsx';
import { TrackedLinksCard } from './TrackedLinksCard.tsx';
import { formatInstant, formatPercent, formatPeriod, instantOf, isKnownZone } from './time.ts';
import { timingWarnings } from '../../../../src/content/timing-warnings.ts';
import { Counter, VariantFields } from './VariantFields.tsx';
import { PLATFORM_LIMITS } from '../../../../src/content/limits.ts';
import { WhenCard, type DstOffer } from './WhenCard.tsx';

type Where = 'form' | 'review' | 'when';

/** Limit codes the live check reports itself (the server's copies are stale once the text changes). */
const LIVE_CODES = new Set([
  'post.text_too_long',
  'post.text_too_large',
  'post.too_many_images',
  'post.image_required',
  'post.empty_text',
  'post.thread_unsupported',
  'post.channel_not_connected',
  'post.time_in_past',
  'post.outside_strategy_period',
  'post.outside_campaign_period',
  'post.media_type_unsupported',
  'post.media_too_large',
  'post.video_unsupported',
  'post.video_not_alone',
]);

const DONE: Record<ReviewAction, string> = {
  develop: 'Developed into a draft.',
  submit: 'Submitted for review.',
  approve: 'Approved: it can be scheduled now.',
  reject: 'Sent back to draft with your comment.',
  cancel: 'Cancelled: it will not be published.',
  reopen: 'Reopened as a draft.',
};

/** One counter per ticked channel that uses the shared text, against that network's limit. */
function SharedCounters({ draft, detail }: { draft: PostDraft; detail: StrategyDetail | undefined }) {
  const using = draft.channels.filter((c) => !draft.variants[c]?.custom);
  if (using.length === 0) return <>Every ticked channel has its own text.</>;
  return (
    <span className="shared-counters">
      {using.map((c) => {
        const platform = detail?.strategy.channels.find((x) => x.id === c)?.platform;
        return platform ? (
          <span key={c} className="shared-counter">
            {c}: <Counter text={draft.text} limits={PLATFORM_LIMITS[platform]} />
          </span>
        ) : null;
      })}
    </span>
  );
}

/** Ticked channels whose variant is still to be sent but that have no working account. */
function unconnectedChannels(draft: PostDraft, states: ReadonlyMap<string, 'connected' | 'reconnect_needed'>, base: Post | undefined) {
  const done = new Set(base?.variants.filter((v) => v.state === 'published' || v.state === 'cancelled').map((v) => v.channel));
  return draft.channels
    .filter((c) => !done.has(c) && states.get(c) !== 'connected')
    .map((channel) => ({ channel, reason: states.has(channel) ? ('reconnect_needed' as const) : ('not_connected' as const) }));
}

export const postUrl = (ws: string, id: string) => `/w/${ws}/posts/${id}`;

export interface PageNotes {
  warnings: PostWarning[];
  notice: string | null;
}

export function PostEditor({
  ws,
  stored,
  comments,
  strategies,
  workspaceZone,
  initialTime,
  notes,
  setNotes,
  onReload,
  canWrite,
}: {
  ws: string;
  stored: Post | undefined;
  comments: PostComment[];
  strategies: StrategySummary[];
  workspaceZone: string;
  /** `?at=` of a new post (a calendar slot). */
  initialTime: string | null;
  notes: PageNotes;
  setNotes: (n: PageNotes) => void;
  onReload: () => void;
  canWrite: boolean;
}) {
  const navigate = useNavigate();
  const [base, setBase] = useState<Post | undefined>(stored);
  const [draft, setDraft] = useState<PostDraft>(() =>
    stored ? draftOf(stored) : { ...newDraft(undefined, workspaceZone), strategy: strategies[0]?.id ?? '', localTime: initialTime ?? '' },
  );
  const strategy = useStrategy(ws, draft.strategy || undefined);
  // What the uploads are (type, size), for the networks' media rules in the live check.
  const uploads = useMediaFiles(ws, uploadsOf(draft));
  const campaign = useCampaign(ws, draft.campaign || undefined);
  const connections = useChannelStates(ws, draft.strategy || undefined);
  const workspace = useWorkspace(ws);
  const canReadAnalytics = useCan(ws, 'analytics.read');
  // A refusal is shown beside what was refused: the form's save bar, the review card or the "When" card.
  const [failure, setFailure] = useState<{ error: unknown; at: Where } | null>(null);
  const setError = (error: unknown, at: Where = 'form') => setFailure(error ? { error, at } : null);
  const errorAt = (at: Where) => (failure?.at === at ? failure.error : null);
  const error = failure?.error ?? null;
  const [dst, setDst] = useState<DstOffer | null>(null);
  const [lastSchedule, setLastSchedule] = useState<'schedule' | 'queue' | 'reschedule'>('schedule');
  const create = useCreatePost(ws);
  const update = useUpdatePost(ws);
  const transition = usePostTransition(ws);
  const schedule = useSchedulePost(ws);
  const busy = create.isPending || update.isPending || transition.isPending || schedule.isPending;

  // A new version from the server (a refetch after someone's change) replaces the form only when it has no unsaved edits.
  if (stored && base && stored.version !== base.version && stored.version > base.version && updateBody(base, draft) === null) {
    setBase(stored);
    setDraft(draftOf(stored));
  }
  // A new post starts with the strategy's channels once the strategy has loaded.
  const detail: StrategyDetail | undefined = strategy.data;
  if (
    !stored &&
    detail &&
    detail.strategy.id === draft.strategy &&
    Object.keys(draft.variants).length === 0 &&
    detail.strategy.channels.length > 0
  ) {
    setDraft((d) => ({ ...newDraft(detail, d.timezone), localTime: d.localTime, text: d.text, tracking: d.tracking }));
  }

  const edit = (change: (d: PostDraft) => PostDraft) => {
    setDraft(change);
    setNotes({ ...notes, notice: null });
  };
  const adopt = (post: Post) => {
    setBase(post);
    setDraft(draftOf(post));
  };

  const editable = canWrite && (!base || base.actions.includes('edit'));
  const dirty = base ? updateBody(base, draft) !== null : true;
  // A new post counts as changed once something was written into it.
  const leave = useUnsavedChanges(editable && (base ? dirty : hasContent(draft)));

  /** Runs one request; a refusal shows its message, focuses the field it names, and offers DST alternatives. */
  async function run<T>(op: () => Promise<T>, at: Where, retryAt?: (localTime: string) => void): Promise<T | undefined> {
    setError(null);
    setDst(null);
    try {
      return await op();
    } catch (e) {
      const alt = dstAlternatives(e);
      if (alt && retryAt) {
        setDst({
          message: messageOf(e),
          ...alt,
          use: (localTime) => {
            setDraft((d) => ({ ...d, localTime }));
            retryAt(localTime);
          },
        });
      } else setError(e, at);
      const pointer = pointerOf(e);
      if (pointer) focusPointer(pointer);
      return undefined;
    }
  }

  /** Checks the server would make anyway, made first so the field can be focused before a request. */
  function precheck(d: PostDraft): boolean {
    if (d.channels.length === 0) {
      setError(new Error('Tick at least one channel: a post needs a variant for each network it goes to.'));
      focusPointer('/variants');
      return false;
    }
    const alt = missingAlt(d);
    if (alt) {
      setError(
        new Error(
          alt.endsWith('/alt')
            ? 'Every image needs alt text: describe what it shows.'
            : 'An image has no URL: give one or remove the image.',
        ),
      );
      focusPointer(alt);
      return false;
    }
    return true;
  }

  async function saveNew(state: 'idea' | 'draft', localTime = draft.localTime) {
    const d = { ...draft, localTime };
    if (!precheck(d)) return;
    const result = await run(
      () => create.mutateAsync(createBody(d, state)),
      'form',
      (t) => void saveNew(state, t),
    );
    if (result) {
      leave.allowNext();
      await navigate(postUrl(ws, result.post.id), {
        replace: true,
        state: { warnings: result.warnings, notice: state === 'idea' ? 'Saved as an idea.' : 'Saved as a draft.' },
      });
    }
  }

  /** Saves what changed (nothing to do when nothing did); returns the post as stored, or undefined when refused. */
  async function saveExisting(localTime = draft.localTime): Promise<Post | undefined> {
    if (!base) return undefined;
    const d = { ...draft, localTime };
    const body = updateBody(base, d);
    if (body === null) return base;
    if (!precheck(d)) return undefined;
    const result = await run(
      () => update.mutateAsync({ id: base.id, version: base.version, body }),
      'form',
      (t) => void saveExisting(t),
    );
    if (!result) return undefined;
    adopt(result.post);
    const back = base.state !== result.post.state ? ` It is ${STATE_LABEL[result.post.state].toLowerCase()} now.` : '';
    setNotes({ warnings: result.warnings, notice: `Changes saved.${back}` });
    return result.post;
  }

  async function act(action: ReviewAction, comment?: string): Promise<boolean> {
    let current = base;
    if (!current) return false;
    if (editable && dirty) current = await saveExisting();
    if (!current) return false;
    const post = current;
    const result = await run(() => transition.mutateAsync({ id: post.id, version: post.version, action, comment }), 'review');
    if (!result) return false;
    adopt(result.post);
    setNotes({ warnings: [], notice: DONE[action] });
    return true;
  }

  async function scheduleAs(how: 'schedule' | 'queue' | 'reschedule', localTime = draft.localTime, allowUnconnected = false) {
    setLastSchedule(how);
    let current = base;
    if (!current) return;
    if (editable && updateBody(current, { ...draft, localTime }) !== null) current = await saveExisting(localTime);
    if (!current) return;
    const post = current;
    const result = await run(
      () =>
        schedule.mutateAsync({
          id: post.id,
          version: post.version,
          mode: how === 'reschedule' ? 'reschedule' : 'schedule',
          body: {
            ...(how === 'queue' ? { queue: true as const } : { localTime, timezone: draft.timezone }),
            ...(allowUnconnected ? { allowUnconnected: true as const } : {}),
          },
        }),
      'when',
      how === 'queue' ? undefined : (t) => void scheduleAs(how, t),
    );
    if (!result) return;
    adopt(result.post);
    const slots = result.schedule.slots;
    const same = slots.every((s) => s.dueAt === slots[0]?.dueAt);
    const when =
      slots.length === 0
        ? ''
        : same
          ? ` for ${formatInstant(slots[0]!.dueAt, slots[0]!.timezone)}`
          : `: ${slots.map((s) => `${s.channel} ${formatInstant(s.dueAt, s.timezone)}`).join('; ')}`;
    setNotes({ warnings: result.warnings, notice: `${how === 'reschedule' ? 'Rescheduled' : 'Scheduled'}${when}.` });
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!base) void saveNew('draft');
    else void saveExisting();
  };
  useComposerShortcuts({
    save: !busy && canWrite && (!base || (editable && dirty)) ? () => (base ? void saveExisting() : void saveNew('draft')) : undefined,
    submit: !busy && base?.actions.includes('submit') ? () => void act('submit') : undefined,
  });

  // ——— what the panel shows ———
  const live = liveIssues(draft, detail, (id) => uploads.find((q) => q.data?.id === id)?.data);
  const server = notes.warnings.filter((w) => !LIVE_CODES.has(w.code));
  const unconnected = connections.isPending || !detail ? [] : unconnectedChannels(draft, connections.states, base);
  const timing = detail
    ? timingWarnings({
        localDate: draft.localTime ? draft.localTime.slice(0, 10) : null,
        at: draft.localTime && isKnownZone(draft.timezone) ? new Date(instantOf(draft.localTime, draft.timezone)) : null,
        now: new Date(),
        preparing: !base || !TIMED_STATES.includes(base.state),
        strategy: detail.strategy,
        campaign: draft.campaign && campaign.data?.campaign.id === draft.campaign ? campaign.data.campaign : null,
      })
    : [];
  const findings: Finding[] = [
    ...timing.map((w) => ({ rule: w.code, severity: 'warning' as const, message: w.message, path: w.path })),
    ...live.map((i) => ({ rule: i.code, severity: 'error' as const, message: `${i.channel}: ${i.message}`, path: i.path })),
    ...unconnected.map((c) => ({
      rule: 'post.channel_not_connected',
      severity: 'warning' as const,
      message: `${c.channel}: ${c.reason === 'reconnect_needed' ? 'its account needs reconnecting' : 'no account is connected'} on this channel of “${detail!.strategy.name}”, so the post would fail there when due. Connect it on the Connections screen.`,
      path: `/variants/${c.channel}`,
    })),
    ...server.map((w) => ({
      rule: w.code,
      severity: 'warning' as const,
      message: w.message,
      path: w.path ?? (w.channel ? `/variants/${w.channel}` : ''),
    })),
  ];
  const campaignChannels = campaign.data?.campaign.channels;

  const title = base ? postTitle(base, 60) : 'New post';
  const conflict = error instanceof ApiError && error.code === 'post.version_conflict';
  const day = base?.localTime?.slice(0, 10) ?? (draft.localTime ? draft.localTime.slice(0, 10) : null);

  return (
    <div className="page publishing-page post-page">
      {leave.dialog}
      <header className="post-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to={`/w/${ws}/posts`}>Posts</Link> › <span aria-current="page">{base ? 'Post' : 'New post'}</span>
        </nav>
        <div className="page-header">
          <div>
            <span className="kind-label">Post{detail ? ` · ${detail.strategy.name}` : ''}</span>
            <h1>{title}</h1>
          </div>
          <div className="card-actions">
            {base && <PostStateBadge state={base.state} />}
            {day && (
              <Link className="btn btn-secondary" to={`/w/${ws}/calendar?date=${day}&view=timeGridWeek`}>
                See on calendar
              </Link>
            )}
          </div>
        </div>
        {notes.notice && (
          <p className="banner banner-ok" role="status">
            {notes.notice}
          </p>
        )}
        {conflict && (
          <div className="banner banner-warning conflict-banner" role="alert">
            Someone changed this post since you opened it. <Button onClick={onReload}>Discard my changes and reload</Button>
          </div>
        )}
      </header>
      <div className="split post-split">
        <form id="post-form" noValidate onSubmit={submit} aria-label="Post" className="post-form">
          {!detail && strategy.isPending && <Loading what="Loading the strategy" />}
          <ErrorBanner error={strategy.error} />
          <fieldset className="form-sections" disabled={!editable}>
            <legend className="visually-hidden">Post content</legend>
            <Card title="Plan">
              <div className="row">
                <Select
                  label="Strategy"
                  pointer="/strategy"
                  value={draft.strategy}
                  disabled={!!base}
                  hint={base ? 'A post stays in its strategy.' : undefined}
                  onChange={(e) => {
                    const id = e.target.value;
                    edit((d) => ({ ...d, strategy: id, campaign: '', pillar: '', channels: [], variants: {} }));
                  }}
                >
                  {strategies.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
                <Select
                  label="Campaign"
                  pointer="/campaign"
                  value={draft.campaign}
                  onChange={(e) => edit((d) => ({ ...d, campaign: e.target.value }))}
                >
                  <option value="">No campaign</option>
                  {detail?.campaigns.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({formatPeriod(c)})
                    </option>
                  ))}
                </Select>
                <Select
                  label="Pillar"
                  pointer="/pillar"
                  value={draft.pillar}
                  hint={
                    detail?.strategy.pillars.some((p) => p.promotional)
                      ? `Promotional pillars count against the strategy’s ${formatPercent(detail.strategy.contentMix.maxPromotionalShare)} maximum promotional share.`
                      : undefined
                  }
                  onChange={(e) => edit((d) => ({ ...d, pillar: e.target.value }))}
                >
                  <option value="">No pillar</option>
                  {detail?.strategy.pillars.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                      {p.promotional ? ' — promotional' : ''}
                    </option>
                  ))}
                </Select>
              </div>
            </Card>
            <Card title="Channels">
              <fieldset className="checkbox-list channel-list">
                <legend>Publish on</legend>
                {detail && detail.strategy.channels.length === 0 && (
                  <p className="muted">
                    The strategy has no channels yet.{' '}
                    <Link to={`/w/${ws}/strategies/${detail.strategy.id}/edit/channels`}>Add them to the strategy</Link> first.
                  </p>
                )}
                {detail?.strategy.channels.map((c) => {
                  const id = fieldId(`/variants/${c.id}`);
                  const on = draft.channels.includes(c.id);
                  return (
                    <div key={c.id} className="checkbox">
                      <input
                        id={id}
                        type="checkbox"
                        checked={on}
                        onChange={(e) => {
                          const checked = e.target.checked;
                          const order = detail.strategy.channels.map((x) => x.id);
                          edit((d) => ({
                            ...d,
                            channels: order.filter((x) => (x === c.id ? checked : d.channels.includes(x))),
                            variants: d.variants[c.id] ? d.variants : { ...d.variants, [c.id]: emptyVariant() },
                          }));
                        }}
                      />
                      <label htmlFor={id}>
                        {c.id}{' '}
                        <span className="muted">
                          ({platformLabel(c.platform)}
                          {c.handle ? ` ${c.handle}` : ''})
                        </span>
                      </label>
                      {!connections.isPending && connections.states.get(c.id) !== 'connected' && (
                        <span className="channel-connection">
                          <Badge tone="warning">{connections.states.has(c.id) ? 'reconnect needed' : 'no account'}</Badge>{' '}
                          <Link to={`/w/${ws}/connections`} aria-label={`Connect an account to ${c.id}`}>
                            Connect
                          </Link>
                        </span>
                      )}
                    </div>
                  );
                })}
              </fieldset>
            </Card>
            <Card title="Text">
              <TextArea
                label="Text for all channels"
                pointer="/text"
                rows={5}
                value={draft.text}
                hint={<SharedCounters draft={draft} detail={detail} />}
                onChange={(e) => {
                  const text = e.target.value;
                  edit((d) => ({ ...d, text }));
                }}
              />
            </Card>
            {detail &&
              draft.channels.map((c) => {
                const channel = detail.strategy.channels.find((x) => x.id === c);
                const platform = channel?.platform ?? base?.variants.find((v) => v.channel === c)?.platform;
                if (!platform) {
                  return (
                    <p key={c} className="banner banner-error">
                      “{c}” is no longer a channel of the strategy: untick it to remove its variant.
                    </p>
                  );
                }
                return (
                  <VariantFields
                    key={c}
                    channel={c}
                    platform={platform}
                    handle={channel?.handle}
                    shared={draft.text}
                    value={draft.variants[c] ?? emptyVariant()}
                    inCampaign={!campaignChannels || campaignChannels.includes(c)}
                    readOnly={!editable}
                    onChange={(change: (v: VariantDraft) => VariantDraft) =>
                      edit((d) => ({ ...d, variants: { ...d.variants, [c]: change(d.variants[c] ?? emptyVariant()) } }))
                    }
                  />
                );
              })}
            <LinkTrackingCard
              ws={ws}
              value={draft.tracking}
              workspaceTracks={workspace.data?.trackLinks}
              defaultCampaign={draft.campaign || draft.strategy}
              onChange={(change) => edit((d) => ({ ...d, tracking: { ...d.tracking, ...change } }))}
            />
          </fieldset>
          <WhenCard
            post={base}
            localTime={draft.localTime}
            timezone={draft.timezone}
            workspaceZone={workspaceZone}
            editable={editable}
            busy={busy}
            dst={dst}
            error={errorAt('when')}
            onChange={(c) => edit((d) => ({ ...d, ...c }))}
            onSchedule={(how) => void scheduleAs(how)}
            onScheduleAnyway={() => void scheduleAs(lastSchedule, draft.localTime, true)}
            connectionsUrl={`/w/${ws}/connections`}
          />
          {editable || !base ? (
            <div className="save-bar post-save-bar">
              {!base ? (
                <>
                  <Button type="submit" variant="primary" disabled={busy || !canWrite}>
                    Save as draft
                  </Button>
                  <Button disabled={busy || !canWrite} onClick={() => void saveNew('idea')}>
                    Save as idea
                  </Button>
                </>
              ) : (
                <Button type="submit" variant="primary" disabled={busy || !dirty}>
                  Save changes
                </Button>
              )}
              <span className="muted" role="status">
                {busy ? 'Saving…' : !base ? 'Not saved yet' : dirty ? 'Unsaved changes' : 'All changes saved'}
              </span>
              {base && dirty && (base.state === 'approved' || base.state === 'scheduled') && (
                <p className="banner banner-warning">
                  Changing the content of an {base.state} post sends it back to review where the workspace requires approval.
                </p>
              )}
              <ErrorBanner error={errorAt('form')} />
            </div>
          ) : (
            <>
              <ErrorBanner error={errorAt('form')} />
              {base && !TIMED_STATES.includes(base.state) && !canWrite && (
                <p className="banner banner-warning">Your role can review this post but not change it.</p>
              )}
            </>
          )}
        </form>
        <aside className="post-aside" aria-label="Review and delivery">
          {base && (
            <ReviewCard
              ws={ws}
              post={base}
              comments={comments}
              timezone={workspaceZone}
              busy={busy}
              error={errorAt('review')}
              onAction={act}
            />
          )}
          <FindingsPanel title="Post check" findings={findings} onSelect={(f) => focusPointer(f.path)} />
          {detail && draft.channels.length > 0 && (
            <Card title="Preview" className="preview-card-list">
              {draft.channels.map((c) => {
                const channel = detail.strategy.channels.find((x) => x.id === c);
                return channel ? (
                  <PostPreview
                    key={c}
                    channel={c}
                    platform={channel.platform}
                    handle={channel.handle}
                    content={contentOf(draft.variants[c] ?? emptyVariant(), draft.text)}
                  />
                ) : null;
              })}
            </Card>
          )}
          {base && <DeliveryCard post={base} timezone={base.timezone} />}
          {base && <TrackedLinksCard ws={ws} post={base} canRead={canReadAnalytics} />}
          {base && <HistoryCard ws={ws} postId={base.id} version={base.version} timezone={workspaceZone} />}
        </aside>
      </div>
    </div>
  );
}
