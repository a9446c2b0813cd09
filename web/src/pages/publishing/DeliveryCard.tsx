/** Where each channel's variant stands with the scheduler: due, published (with its link), or why it failed. */
import type { Post } from '../../api/types.ts';
import { Badge, Card } from '../../components/ui.tsx';
import { platformLabel, VARIANT_STATE_LABEL } from './labels.ts';
import { formatInstant } from './time.ts';

const TONE = {
  pending: 'neutral',
  scheduled: 'strategy',
  publishing: 'strategy',
  published: 'ok',
  failed: 'error',
  cancelled: 'neutral',
  missed: 'error',
} as const;

export function DeliveryCard({ post, timezone }: { post: Post; timezone: string }) {
  if (post.variants.every((v) => v.state === 'pending')) return null;
  return (
    <Card title="Delivery" className="delivery-card">
      <ul className="delivery-list" aria-label="Delivery per channel">
        {post.variants.map((v) => (
          <li key={v.id} data-channel={v.channel} data-state={v.state}>
            <div className="delivery-head">
              <strong>{v.channel}</strong> <span className="muted">{platformLabel(v.platform)}</span>{' '}
              <Badge tone={TONE[v.state]}>{VARIANT_STATE_LABEL[v.state]}</Badge>
            </div>
            {v.publishedAt ? (
              <p>
                Published {formatInstant(v.publishedAt, timezone)}
                {v.remoteUrl && (
                  <>
                    {' · '}
                    {/^https?:/.test(v.remoteUrl) ? (
                      <a href={v.remoteUrl} target="_blank" rel="noreferrer">
                        see it on the network
                      </a>
                    ) : (
                      <code className="break">{v.remoteUrl}</code>
                    )}
                  </>
                )}
              </p>
            ) : (
              v.dueAt && <p>Due {formatInstant(v.dueAt, timezone)}</p>
            )}
            {v.lastError && <p className="delivery-error">{v.lastError}</p>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
