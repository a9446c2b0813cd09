/** The workspace's calendar as an ICS feed at a secret URL (workspace.manage): subscribe to it in any calendar app. */
import { useState } from 'react';
import { useCalendarFeed, useCurrentWorkspace } from '../../api/hooks.ts';
import { Button, ErrorBanner } from '../../components/ui.tsx';

/** Whether the server offers `POST /workspaces/:ws/calendar-feed` (checked against src/publishing/ics-routes.ts when this was built). */
export const FEED_AVAILABLE = true;

export function CalendarFeed({ ws }: { ws: string }) {
  const feed = useCalendarFeed(ws);
  // Only the URL's hash is stored: asking again makes a new URL, and the old one stops working.
  const active = useCurrentWorkspace(ws)?.calendarFeed?.active ?? false;
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
  return (
    <div className="calendar-feed">
      {!url ? (
        <div className="calendar-feed-ask">
          <Button onClick={() => feed.mutate()} disabled={feed.isPending}>
            Calendar feed (ICS)
          </Button>
          <span className="muted">
            {active
              ? 'A feed URL exists. Its URL is shown only once: asking again makes a new URL, and the old one stops working.'
              : 'Subscribe to the calendar in any calendar app through a secret URL.'}
          </span>
        </div>
      ) : (
        <div className="calendar-feed-url">
          <label htmlFor="ics-url">Secret feed URL — anyone with it can read the calendar</label>
          <div className="calendar-feed-row">
            <input id="ics-url" readOnly value={url} onFocus={(e) => e.target.select()} />
            <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</Button>
          </div>
        </div>
      )}
      <ErrorBanner error={feed.error} />
    </div>
  );
}
