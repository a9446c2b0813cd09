/** The post's audit trail (audit.read): every change with who, when and why. */
import { usePostHistory, type AuditEntry } from '../../api/posts.ts';
import { useCan } from '../../api/session.ts';
import { Card, ErrorBanner, Loading } from '../../components/ui.tsx';
import { STATE_LABEL } from './labels.ts';
import { formatInstant } from './time.ts';

const ACTIONS: Record<string, string> = {
  'post.create': 'created the post',
  'post.update': 'edited the post',
  'post.return_to_review': 'sent it back to review',
  'post.develop': 'developed it into a draft',
  'post.submit': 'submitted it for review',
  'post.approve': 'approved it',
  'post.reject': 'asked for changes',
  'post.schedule': 'scheduled it',
  'post.reschedule': 'rescheduled it',
  'post.cancel': 'cancelled it',
  'post.reopen': 'reopened it as a draft',
  'post.comment': 'commented',
  'post.delete': 'deleted it',
  'post.claim': 'started publishing',
  'post.publish': 'published it',
  'post.fail': 'marked it failed',
  'post.miss': 'marked it missed (due too long ago)',
  'post.retry': 'will retry publishing',
  'post.variant_published': 'published a channel',
  'post.variant_failed': 'failed on a channel',
  'post.variant_retry': 'will retry a channel',
  'post.variant_missed': 'missed a channel',
};

function describe(e: AuditEntry): string {
  const known = ACTIONS[e.action];
  if (known) return known;
  const after = e.after as { state?: keyof typeof STATE_LABEL } | null;
  return after?.state && STATE_LABEL[after.state]
    ? `moved it to ${STATE_LABEL[after.state].toLowerCase()}`
    : e.action.replace(/^post\./, '').replace(/_/g, ' ');
}

export function HistoryCard({ ws, postId, version, timezone }: { ws: string; postId: string; version: number; timezone: string }) {
  const canRead = useCan(ws, 'audit.read');
  const history = usePostHistory(ws, postId, version, canRead);
  if (!canRead) return null;
  return (
    <Card title="History" className="history-card">
      {history.isPending && <Loading what="Loading the history" />}
      <ErrorBanner error={history.error} />
      {history.data && (
        <ol className="history-list" aria-label="History">
          {history.data.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatInstant(e.at, timezone)}</time>
              <span>
                <strong>{e.actor === 'system' ? 'Groundwork' : e.actor}</strong> {describe(e)}
              </span>
              {e.reason && <span className="muted history-reason">“{e.reason}”</span>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
