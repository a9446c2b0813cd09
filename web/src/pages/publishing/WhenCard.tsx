/**
 * When the post goes out: its planned time in a zone (default the workspace's), and — once the
 * post may be scheduled — "Schedule" at that time, "Add to queue" (each channel's next free slot),
 * or "Reschedule". A time that does not exist (DST gap) is refused by the server; the nearest valid
 * times it names are offered as buttons.
 */
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { Post } from '../../api/posts.ts';
import { Button, Card, ErrorBanner, Select, TextInput } from '../../components/ui.tsx';
import { TIMED_STATES } from './labels.ts';
import { formatInstant, formatLocal, timezoneNames } from './time.ts';

export interface DstOffer {
  message: string;
  before: string;
  after: string;
  /** Uses one of the offered times (and retries what was refused). */
  use: (localTime: string) => void;
}

export function WhenCard({
  post,
  localTime,
  timezone,
  workspaceZone,
  onChange,
  editable,
  busy,
  dst,
  error,
  onSchedule,
  onScheduleAnyway,
  connectionsUrl,
}: {
  post: Post | undefined;
  localTime: string;
  timezone: string;
  workspaceZone: string;
  onChange: (change: { localTime?: string; timezone?: string }) => void;
  editable: boolean;
  busy: boolean;
  dst: DstOffer | null;
  error: unknown;
  onSchedule: (how: 'schedule' | 'queue' | 'reschedule') => void;
  /** Repeats the refused scheduling, accepting that channels without an account fail when due. */
  onScheduleAnyway: () => void;
  /** Where accounts are connected (a refusal for a channel without one links there). */
  connectionsUrl: string;
}) {
  const actions = post?.actions ?? [];
  const canSchedule = actions.includes('schedule');
  const canReschedule = actions.includes('reschedule');
  const timed = post !== undefined && TIMED_STATES.includes(post.state);
  const timeEditable = timed ? canReschedule : editable;
  const zones = timezoneNames();
  return (
    <Card title="When" className="when-card">
      <div className="row">
        <TextInput
          label="Planned time"
          pointer="/localTime"
          type="datetime-local"
          step={localTime.length > 16 ? 1 : 60}
          value={localTime}
          disabled={!timeEditable}
          onChange={(e) => onChange({ localTime: e.target.value })}
        />
        <Select
          label="Time zone"
          pointer="/timezone"
          value={timezone}
          disabled={!timeEditable}
          onChange={(e) => onChange({ timezone: e.target.value })}
        >
          {[...new Set([timezone, workspaceZone, ...zones])].map((z) => (
            <option key={z} value={z}>
              {z}
              {z === workspaceZone ? ' (workspace)' : ''}
            </option>
          ))}
        </Select>
      </div>
      <p className="field-message">
        {post?.state === 'scheduled' && post.scheduledAt
          ? `Scheduled for ${formatInstant(post.scheduledAt, post.timezone)}. Change the time and choose “Reschedule” to move it.`
          : post?.state === 'published'
            ? 'Published; its time can no longer change.'
            : localTime
              ? `Planned for ${formatLocal(localTime)} in ${timezone}: it shows on the calendar, and nothing is published until the post is scheduled.`
              : 'No planned time yet: give one to place the post on the calendar, or add it to the queue once it is approved.'}
      </p>
      {dst && (
        <div className="banner banner-error dst-offer" role="alert">
          <p>{dst.message}</p>
          <div className="dst-choices">
            <Button onClick={() => dst.use(dst.before)}>Use {formatLocal(dst.before)}</Button>
            <Button onClick={() => dst.use(dst.after)}>Use {formatLocal(dst.after)}</Button>
          </div>
        </div>
      )}
      {error instanceof ApiError && error.code === 'post.channel_not_connected' ? (
        <div className="banner banner-error" role="alert">
          <p>{error.message.replace(/, or schedule anyway with allowUnconnected\.$/, '.')}</p>
          <div className="card-actions">
            <Link className="btn btn-secondary" to={connectionsUrl}>
              Open Connections
            </Link>
            <Button variant="danger" disabled={busy} onClick={onScheduleAnyway}>
              Schedule anyway
            </Button>
          </div>
        </div>
      ) : (
        <ErrorBanner error={error} />
      )}
      {(canSchedule || canReschedule) && (
        <div className="schedule-actions">
          {canSchedule && (
            <Button
              variant="primary"
              disabled={busy || !localTime}
              onClick={() => onSchedule('schedule')}
              title={localTime ? undefined : 'Give a planned time first'}
            >
              Schedule
            </Button>
          )}
          {canSchedule && (
            <Button disabled={busy} onClick={() => onSchedule('queue')}>
              Add to queue
            </Button>
          )}
          {canReschedule && (
            <Button variant="primary" disabled={busy || !localTime} onClick={() => onSchedule('reschedule')}>
              Reschedule
            </Button>
          )}
          <span className="muted schedule-hint">
            {canSchedule
              ? '“Add to queue” takes each channel’s next free slot from the strategy’s cadence.'
              : 'Moving a scheduled post keeps its approval.'}
          </span>
        </div>
      )}
    </Card>
  );
}
