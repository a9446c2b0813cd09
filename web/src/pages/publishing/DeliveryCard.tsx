/** Where each channel's variant stands with the scheduler: due, published (with its link), or why it failed. */
import { useParams } from 'react-router';
import { mediaTypeName } from '../../../../src/content/limits.ts';
import { useSandboxReceipt } from '../../api/connections.ts';
import { thumbnailUrl } from '../../api/media.ts';
import type { Post } from '../../api/posts.ts';
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

const SANDBOX_RECEIPT = 'sandbox://receipts/';

/** What the sandbox network received: the images as they arrived (type, size, the start of their sha256), with their alt text. */
function SandboxReceiptView({ receiptId }: { receiptId: string }) {
  const { ws = '' } = useParams();
  const receipt = useSandboxReceipt(ws, receiptId);
  const media = receipt.data?.media ?? [];
  if (media.length === 0) return null;
  return (
    <figure className="sandbox-receipt">
      <figcaption className="muted">Received by the sandbox:</figcaption>
      <ul aria-label={`Received by the sandbox, receipt ${receiptId}`}>
        {media.map((m, i) =>
          'mediaId' in m ? (
            <li key={i}>
              <img src={thumbnailUrl(ws, m.mediaId)} alt={m.alt} width={64} height={64} />
              <span className="muted">
                {mediaTypeName(m.mimeType)}, {Math.max(1, Math.round(m.bytes / 1000))} kB, sha256 {m.sha256.slice(0, 12)}…
              </span>
            </li>
          ) : (
            <li key={i}>
              <span className="muted break">
                Image by URL: {m.url} ({m.alt})
              </span>
            </li>
          ),
        )}
      </ul>
    </figure>
  );
}

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
            {v.publishedAt && v.remoteUrl?.startsWith(SANDBOX_RECEIPT) && (
              <SandboxReceiptView receiptId={v.remoteUrl.slice(SANDBOX_RECEIPT.length)} />
            )}
            {v.lastError && <p className="delivery-error">{v.lastError}</p>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
