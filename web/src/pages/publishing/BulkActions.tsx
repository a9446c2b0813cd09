/**
 * The posts list's bulk actions: a toolbar for the selected posts, a confirmation dialog per action
 * (reschedule asks how: shift by hours/days, or one new time), and the answer per post — done, or
 * refused with the reason in a few words and the server's full message.
 */
import { useState } from 'react';
import type { BulkAction, BulkPostsInput, BulkPostsResult, Post } from '../../api/posts.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Button, ErrorBanner, TextInput } from '../../components/ui.tsx';
import { postTitle } from './labels.ts';

const ACTION: Record<BulkAction, { button: string; verb: string; done: string; variant: 'secondary' | 'danger' }> = {
  submit: { button: 'Submit for review', verb: 'Submit', done: 'Submitted for review', variant: 'secondary' },
  approve: { button: 'Approve', verb: 'Approve', done: 'Approved', variant: 'secondary' },
  reschedule: { button: 'Reschedule…', verb: 'Reschedule', done: 'Scheduled', variant: 'secondary' },
  cancel: { button: 'Cancel posts', verb: 'Cancel', done: 'Cancelled', variant: 'danger' },
  delete: { button: 'Delete', verb: 'Delete', done: 'Deleted', variant: 'danger' },
};

/** Why a post was refused, in a few words (the server's message follows). */
const REFUSAL: Record<string, string> = {
  'post.approval_required': 'Needs approval first',
  'post.self_approval': 'Someone else must approve it',
  'post.invalid_transition': 'Not possible in its state',
  'post.version_conflict': 'Changed meanwhile',
  'post.not_found': 'Not found',
  'post.time_required': 'Has no time yet',
  'post.schedule_in_past': 'Time is in the past',
  'post.nonexistent_local_time': 'Time does not exist (DST)',
  'post.content_invalid': 'Content does not fit the network',
  'post.publishing': 'Being published right now',
  'post.no_free_slot': 'No free slot',
  'post.channel_not_connected': 'No connected account',
};

const CONSEQUENCE: Record<BulkAction, string> = {
  submit: 'Each post goes to review; posts that cannot be submitted are left as they are.',
  approve: 'Each post is approved for scheduling; your own posts need someone else.',
  reschedule: 'Scheduled posts move; approved posts are scheduled at the new time. Posts that need approval first stay where they are.',
  cancel: 'Cancelled posts will not be published; their scheduled jobs are voided.',
  delete: 'Deleted posts disappear from every list (the audit log keeps them). Published copies stay on the networks.',
};

interface Outcome {
  action: BulkAction;
  items: { id: string; title: string; ok: boolean; reason?: string; message?: string }[];
}

type How = { mode: 'shift'; amount: string; unit: 'hours' | 'days' } | { mode: 'set'; localTime: string };

export function BulkActions({
  posts,
  zone,
  canWrite,
  canApprove,
  busy,
  run,
  onDone,
  onClear,
}: {
  /** The selected posts (among those shown). */
  posts: Post[];
  /** The workspace zone ("set a time" is in it). */
  zone: string;
  canWrite: boolean;
  canApprove: boolean;
  busy: boolean;
  run: (body: BulkPostsInput) => Promise<BulkPostsResult>;
  onDone: () => void;
  onClear: () => void;
}) {
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [how, setHow] = useState<How>({ mode: 'shift', amount: '1', unit: 'days' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const actions = (Object.keys(ACTION) as BulkAction[]).filter((a) => (a === 'approve' ? canApprove : canWrite));

  const shiftMinutes = how.mode === 'shift' ? Math.round(Number(how.amount) * (how.unit === 'days' ? 1440 : 60)) : 0;
  const howValid =
    how.mode === 'shift' ? Number.isFinite(shiftMinutes) && shiftMinutes !== 0 : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(how.localTime);

  async function confirm() {
    if (!asking) return;
    const action = asking;
    const titles = new Map(posts.map((p) => [p.id, postTitle(p, 60)]));
    const body: BulkPostsInput = {
      action,
      posts: posts.map((p) => ({ id: p.id, version: p.version })),
      ...(action === 'reschedule' ? (how.mode === 'shift' ? { shiftMinutes } : { localTime: how.localTime, timezone: zone }) : {}),
    };
    setError(null);
    try {
      const result = await run(body);
      setOutcome({
        action,
        items: result.results.map((r) => ({
          id: r.id,
          title: titles.get(r.id) ?? r.id,
          ok: r.ok,
          ...(r.ok ? {} : { reason: REFUSAL[r.error.code] ?? 'Refused', message: r.error.message }),
        })),
      });
      setAsking(null);
      onDone();
    } catch (e) {
      setError(e);
    }
  }

  const count = posts.length;
  const noun = `${count} post${count === 1 ? '' : 's'}`;
  const done = outcome?.items.filter((i) => i.ok).length ?? 0;
  return (
    <>
      {count > 0 ? (
        <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
          <strong>{noun} selected</strong>
          {actions.map((a) => (
            <Button
              key={a}
              variant={ACTION[a].variant}
              disabled={busy}
              onClick={() => {
                setError(null);
                setAsking(a);
              }}
            >
              {ACTION[a].button}
            </Button>
          ))}
          <Button variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
        </div>
      ) : (
        !outcome && <p className="muted bulk-hint">Tick posts to submit, approve, reschedule, cancel or delete several at once.</p>
      )}
      {outcome && (
        <section className="card bulk-results" aria-labelledby="bulk-results-title">
          <header className="card-header">
            <h2 id="bulk-results-title">
              {ACTION[outcome.action].verb}: {done} done, {outcome.items.length - done} refused
            </h2>
            <Button variant="ghost" onClick={() => setOutcome(null)}>
              Dismiss
            </Button>
          </header>
          <ul className="bulk-result-list">
            {outcome.items.map((i) => (
              <li key={i.id} className={i.ok ? 'bulk-ok' : 'bulk-refused'} data-post={i.id}>
                <span className="bulk-result-title">{i.title}</span>{' '}
                {i.ok ? (
                  <span className="badge badge-ok">{ACTION[outcome.action].done}</span>
                ) : (
                  <>
                    <span className="badge badge-error">{i.reason}</span> <span className="muted">{i.message}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? `${ACTION[asking].verb} ${noun}?` : ''}
        confirmLabel={asking ? `${ACTION[asking].verb} ${noun}` : 'Confirm'}
        cancelLabel="Back"
        danger={asking !== null && ACTION[asking].variant === 'danger'}
        busy={busy || (asking === 'reschedule' && !howValid)}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
      >
        {asking && <p>{CONSEQUENCE[asking]}</p>}
        <ul className="bulk-dialog-list">
          {posts.slice(0, 8).map((p) => (
            <li key={p.id}>{postTitle(p, 60)}</li>
          ))}
          {count > 8 && <li className="muted">and {count - 8} more</li>}
        </ul>
        {asking === 'reschedule' && (
          <fieldset className="bulk-how">
            <legend>New time</legend>
            <label className="radio">
              <input
                type="radio"
                name="bulk-how"
                checked={how.mode === 'shift'}
                onChange={() => setHow({ mode: 'shift', amount: '1', unit: 'days' })}
              />{' '}
              Shift each post by
            </label>
            {how.mode === 'shift' && (
              <div className="bulk-shift">
                <TextInput
                  label="Amount"
                  type="number"
                  step="1"
                  value={how.amount}
                  onChange={(e) => setHow({ ...how, amount: e.target.value })}
                  hint="Negative moves earlier."
                />
                <select
                  aria-label="Unit"
                  className="bulk-unit"
                  value={how.unit}
                  onChange={(e) => setHow({ ...how, unit: e.target.value as 'hours' | 'days' })}
                >
                  <option value="hours">hours</option>
                  <option value="days">days</option>
                </select>
              </div>
            )}
            <label className="radio">
              <input type="radio" name="bulk-how" checked={how.mode === 'set'} onChange={() => setHow({ mode: 'set', localTime: '' })} />{' '}
              Set one time for all
            </label>
            {how.mode === 'set' && (
              <TextInput
                label={`New time (${zone})`}
                type="datetime-local"
                value={how.localTime}
                onChange={(e) => setHow({ mode: 'set', localTime: e.target.value })}
              />
            )}
          </fieldset>
        )}
        <ErrorBanner error={error} />
      </ConfirmDialog>
    </>
  );
}
