/**
 * The workspace's calendar as an ICS feed at a secret URL (workspace.manage): subscribe to it in any
 * calendar app. Only the URL's hash is stored, so an existing feed's URL cannot be shown again: the
 * screen says the feed exists, since when, and when a calendar app last read it; making a new URL is an
 * explicit, confirmed reset, because every existing subscription stops updating.
 */
import { useState } from 'react';
import { useCalendarFeed } from '../../api/calendar.ts';
import { useCurrentWorkspace } from '../../api/session.ts';
import { Button, ErrorBanner } from '../../components/ui.tsx';
import { formatInstant } from './time.ts';

export function CalendarFeed({ ws, timezone }: { ws: string; timezone: string }) {
  const feed = useCalendarFeed(ws);
  const state = useCurrentWorkspace(ws)?.calendarFeed;
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const url = feed.data?.url;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (insecure context): the URL is selected for a manual copy.
      (document.getElementById('ics-url') as HTMLInputElement | null)?.select();
    }
  };
  const reset = () => {
    setConfirming(false);
    setCopied(false);
    feed.mutate({ rotate: true });
  };

  if (url) {
    return (
      <div className="calendar-feed">
        <div className="calendar-feed-url">
          <label htmlFor="ics-url">Secret feed URL — anyone with it can read the calendar. Copy it now: it is shown only once.</label>
          <div className="calendar-feed-row">
            <input id="ics-url" readOnly value={url} onFocus={(e) => e.target.select()} />
            <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</Button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="calendar-feed">
      {!state?.active ? (
        <div className="calendar-feed-ask">
          <Button onClick={() => feed.mutate({})} disabled={feed.isPending}>
            Create calendar feed (ICS)
          </Button>
          <span className="muted">Subscribe to this calendar in any calendar app through a secret URL.</span>
        </div>
      ) : (
        <div className="calendar-feed-ask" data-testid="calendar-feed-state">
          <span>
            <strong>Calendar feed active</strong> since {formatInstant(state.createdAt!, timezone)};{' '}
            {state.lastReadAt
              ? `last read by a calendar app ${formatInstant(state.lastReadAt, timezone)}.`
              : 'no calendar app has read it yet.'}{' '}
            <span className="muted">Its secret URL was shown when it was made.</span>
          </span>
          {!confirming ? (
            <Button onClick={() => setConfirming(true)} disabled={feed.isPending}>
              Reset link…
            </Button>
          ) : (
            <fieldset className="calendar-feed-confirm bare" aria-label="Reset the calendar feed link">
              <span>Reset link — existing subscriptions stop updating.</span>
              <Button variant="danger" onClick={reset} disabled={feed.isPending}>
                Reset link
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep the current link
              </Button>
            </fieldset>
          )}
        </div>
      )}
      <ErrorBanner error={feed.error} />
    </div>
  );
}
