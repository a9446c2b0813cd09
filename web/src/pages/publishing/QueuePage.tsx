/**
 * `/w/:ws/queue`: per strategy channel, the coming queue slots (its cadence at the workspace's
 * posting times, computed by the server exactly as "Add to queue" takes them) and the posts filling
 * them; beside it, the posts ready to be queued, each with "Add to queue" (every channel of the post
 * takes its next free slot).
 */
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { usePosts, useQueue, useSchedulePost, type Post, type QueueView } from '../../api/posts.ts';
import { useCan } from '../../api/session.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Button, Card, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { platformLabel, postTitle } from './labels.ts';
import './lists.css';
import { PostStateBadge } from './PostStateBadge.tsx';
import { formatInstant, formatLocal } from './time.ts';

type QueueChannel = QueueView['channels'][number];

export function QueuePage() {
  const { ws = '' } = useParams();
  usePageTitle('Queue');
  const queue = useQueue(ws);
  const posts = usePosts(ws);
  const zone = useWorkspaceTimezone(ws);
  const canWrite = useCan(ws, 'content.write');
  const schedule = useSchedulePost(ws);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const ready = (posts.data ?? []).filter((p) => p.actions.includes('schedule'));

  async function addToQueue(post: Post) {
    setMessage(null);
    try {
      const result = await schedule.mutateAsync({ id: post.id, version: post.version, mode: 'schedule', body: { queue: true } });
      const when = result.schedule.slots.map((s) => `${s.channel} ${formatInstant(s.dueAt, s.timezone)}`).join('; ');
      setMessage({ tone: 'ok', text: `“${postTitle(post, 40)}” queued: ${when}.` });
    } catch (e) {
      setMessage({ tone: 'error', text: `“${postTitle(post, 40)}” not queued: ${messageOf(e)}` });
    }
  }

  const strategies = new Map<string, { name: string; channels: QueueChannel[] }>();
  for (const c of queue.data?.channels ?? []) {
    const group = strategies.get(c.strategy) ?? { name: c.strategyName, channels: [] };
    group.channels.push(c);
    strategies.set(c.strategy, group);
  }

  let body: ReactNode;
  if (queue.isPending || posts.isPending || zone.isPending) body = <Loading what="Loading the queue" />;
  else if (queue.error || posts.error) body = <ErrorBanner error={queue.error ?? posts.error} />;
  else if (strategies.size === 0) {
    body = (
      <EmptyState title="No channels to queue on" action={<Link to={`/w/${ws}/strategies/new`}>Build the strategy</Link>}>
        The queue follows each strategy channel’s cadence. Build a strategy with its channels first.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <Card title="Ready to queue" className="queue-ready-card">
          {ready.length === 0 ? (
            <p className="muted">
              Nothing is waiting to be queued. Approved posts appear here{canWrite ? '' : ' for editors'}; see the{' '}
              <Link to={`/w/${ws}/posts?state=in_review`}>posts in review</Link>.
            </p>
          ) : (
            <ul className="queue-ready">
              {ready.map((p) => (
                <li key={p.id} data-post={p.id}>
                  <span>
                    <Link to={`/w/${ws}/posts/${p.id}`}>{postTitle(p, 70)}</Link>{' '}
                    <span className="muted">{p.variants.map((v) => v.channel).join(', ')}</span>
                  </span>
                  {canWrite && (
                    <Button
                      variant="primary"
                      disabled={schedule.isPending}
                      onClick={() => void addToQueue(p)}
                      aria-label={`Add to queue: “${postTitle(p, 40)}”`}
                    >
                      Add to queue
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {[...strategies].map(([id, group]) => (
          <section key={id} aria-labelledby={`queue-${id}`} className="queue-strategy">
            <h2 id={`queue-${id}`}>{group.name}</h2>
            <div className="queue-channels">
              {group.channels.map((c) => (
                <ChannelQueue key={c.channel} ws={ws} channel={c} />
              ))}
            </div>
          </section>
        ))}
      </>
    );
  }

  return (
    <div className="page publishing-page queue-page">
      <div className="page-header">
        <div>
          <span className="kind-label">Publishing</span>
          <h1>Queue</h1>
          <p className="muted">
            Each channel’s next slots from its cadence
            {queue.data ? ` at the posting times ${queue.data.postingTimes.join(', ')}` : ''}. “Add to queue” fills the first free one.
          </p>
        </div>
        <div className="card-actions">
          <Link to={`/w/${ws}/posts`} className="btn btn-secondary">
            All posts
          </Link>
          <Link to={`/w/${ws}/calendar`} className="btn btn-secondary">
            Calendar
          </Link>
        </div>
      </div>
      {message && (
        <p className={`banner banner-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {body}
    </div>
  );
}

function ChannelQueue({ ws, channel: c }: { ws: string; channel: QueueChannel }) {
  const cadence = c.postsPerWeek === null ? 'no cadence: one slot a day' : `${c.postsPerWeek} a week`;
  return (
    <Card
      title={
        <>
          {c.channel} <span className="muted">{platformLabel(c.platform)}</span>
        </>
      }
      className="queue-channel"
    >
      <p className="muted queue-meta">
        {cadence} · {c.timezone}
      </p>
      <ol className="queue-slots" aria-label={`Coming slots on ${c.channel}`}>
        {c.slots.map((s) => (
          <li key={s.at} className={`queue-slot${s.post ? '' : ' queue-slot-free'}`}>
            <span className="queue-slot-time">{formatLocal(s.localTime)}</span>
            {s.post ? (
              <span>
                <Link to={`/w/${ws}/posts/${s.post.id}`}>{s.post.text.split('\n')[0]?.slice(0, 60) || 'Untitled post'}</Link>{' '}
                <PostStateBadge state={s.post.state} />
              </span>
            ) : (
              <span>Free</span>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
