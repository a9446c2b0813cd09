/**
 * The webhook connector, for automation tools (Zapier, n8n, Make, your own endpoint): each publish
 * POSTs a signed JSON payload to the connection's URL.
 *
 * - config `{ url }`, credentials `{ secret }`; the body is signed (see signature.ts).
 * - `Idempotency-Key` carries the variant's key, stable across retries and crashes: receivers must
 *   treat a repeat of a key as the same delivery. A webhook cannot be asked what it received, so
 *   `lookup` answers "unknown" (null) and an unknown outcome is resolved by sending again with the
 *   same key — which is exactly what the header is for.
 * - `data.media` lists the images and videos: by URL as given, or — for files uploaded to Groundwork —
 *   with their type, size, sha256 and bytes (base64), since the receiver cannot reach Groundwork's storage.
 * - 2xx → published; the receiver may answer `{ "id": …, "url": … }` to name what it created.
 *   408/425/429/5xx and network errors → transient (Retry-After honoured); other 4xx → permanent.
 *   Messages name the status only, never the receiver's body: the URL is user-given, and echoing what
 *   it answered would let anyone read internal services through Groundwork.
 * - Requests go through the guarded outbound client (src/outbound/): a URL on a private or local
 *   address, or redirecting to one, is refused as misconfigured before anything is sent.
 */
import {
  httpError,
  PermanentError,
  TransientError,
  type ConnectionContext,
  type Connector,
  type ConnectorLimits,
  type LookupContext,
  type OutgoingVariant,
  type PublishContext,
  type PublishResult,
  type VerifyResult,
  readUpload,
} from '../connector.ts';
import { ANY_MEDIA, type MediaRef } from '../../content/limits.ts';
import { createOutbound } from '../../outbound/client.ts';
import { findOutboundError } from '../../outbound/errors.ts';
import { SIGNATURE_HEADER, signPayload } from './signature.ts';

export const WEBHOOK_LIMITS: ConnectorLimits = {
  post: { maxLength: 100_000, counting: 'graphemes', maxImages: 20, minImages: 0, threads: true, media: ANY_MEDIA },
  concurrency: 16,
  timeoutMs: 15_000,
};

export type WebhookEvent = 'post.publish' | 'post.delete' | 'ping';

/** `data.media[]` of a publish: an image by URL, or an uploaded file with its bytes. */
export type WebhookMedia =
  | { url: string; alt: string }
  | {
      mediaId: string;
      alt: string;
      mimeType: string;
      sizeBytes: number;
      width: number | null;
      height: number | null;
      sha256: string;
      base64: string;
    };

export interface WebhookPayload {
  event: WebhookEvent;
  /** The delivery's idempotency key (also in the `Idempotency-Key` header). */
  id: string;
  sentAt: string;
  data: Record<string, unknown>;
}

function settings(ctx: ConnectionContext): { url: URL; secret: string } {
  const raw = ctx.connection.config.url;
  const secret = ctx.connection.credentials.secret;
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new PermanentError(`The webhook URL is missing or invalid: ${String(raw)}`, { reason: 'misconfigured' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PermanentError(`The webhook URL must be http(s): ${url.href}`, { reason: 'misconfigured' });
  }
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new PermanentError('The webhook signing secret is missing or shorter than 16 characters.', { reason: 'misconfigured' });
  }
  return { url, secret };
}

export class WebhookConnector implements Connector {
  readonly kind = 'webhook' as const;
  readonly limits = WEBHOOK_LIMITS;
  readonly #fetch: typeof fetch;

  /** `fetch`: the guarded outbound client to use (the registry's, with OUTBOUND_ALLOW); by default one that allows no private host. */
  constructor(options: { fetch?: typeof fetch } = {}) {
    this.#fetch = options.fetch ?? createOutbound().fetch;
  }

  async #deliver(ctx: ConnectionContext, event: WebhookEvent, key: string, data: Record<string, unknown>): Promise<Response> {
    const { url, secret } = settings(ctx);
    const payload: WebhookPayload = { event, id: key, sentAt: new Date().toISOString(), data };
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      res = await this.#fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Groundwork-Webhook/1',
          'idempotency-key': key,
          [SIGNATURE_HEADER]: signPayload(secret, body),
        },
        body,
        redirect: 'manual',
        signal: ctx.signal,
      });
    } catch (e) {
      const refused = findOutboundError(e);
      if (refused && refused.code !== 'outbound.timeout') {
        throw new PermanentError(`The webhook URL cannot be called: ${refused.message}`, { reason: 'misconfigured', cause: refused });
      }
      // Refused, reset or timed out: nothing says whether it arrived, so it is retried with the same key.
      const why = refused?.message ?? (e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e));
      throw new TransientError(`The webhook at ${url.host} could not be reached: ${why}`, { cause: e });
    }
    if (res.status >= 200 && res.status < 300) return res;
    // Not read: whatever the receiver said stays out of messages (see the module comment).
    await res.body?.cancel();
    throw httpError(res.status, `The webhook answered ${res.status}`, res.headers.get('retry-after'));
  }

  async publish(variant: OutgoingVariant, ctx: PublishContext): Promise<PublishResult> {
    const res = await this.#deliver(ctx, 'post.publish', ctx.idempotencyKey, {
      variantId: variant.id,
      postId: variant.postId,
      workspaceId: variant.workspaceId,
      channelId: variant.channelId,
      dueAt: variant.dueAt.toISOString(),
      content: variant.content,
      media: await Promise.all(variant.content.media.map((m) => this.#mediaOf(m, ctx))),
    });
    let answer: { id?: unknown; url?: unknown } = {};
    try {
      answer = (await res.json()) as typeof answer;
    } catch {
      // An empty or non-JSON 2xx body is fine: the delivery is the post.
    }
    return {
      remoteId: typeof answer.id === 'string' || typeof answer.id === 'number' ? String(answer.id) : ctx.idempotencyKey,
      remoteUrl: typeof answer.url === 'string' ? answer.url : null,
    };
  }

  /** An image given by URL as it is; an upload with its bytes (base64), since the receiver cannot fetch Groundwork's storage. */
  async #mediaOf(m: MediaRef, ctx: PublishContext): Promise<WebhookMedia> {
    if (m.mediaId === undefined) return { url: m.url, alt: m.alt };
    const file = await readUpload(ctx.media, m.mediaId, ctx.signal);
    return {
      mediaId: m.mediaId,
      alt: m.alt,
      mimeType: file.mimeType,
      sizeBytes: file.bytes.length,
      width: file.width,
      height: file.height,
      sha256: file.sha256,
      base64: Buffer.from(file.bytes).toString('base64'),
    };
  }

  /** A webhook cannot be asked what it received: always "unknown" (see the module comment). */
  async lookup(_idempotencyKey: string, _ctx: LookupContext): Promise<PublishResult | null> {
    return null;
  }

  async delete(remoteId: string, ctx: ConnectionContext): Promise<void> {
    await this.#deliver(ctx, 'post.delete', `delete:${remoteId}`, { remoteId });
  }

  async verify(ctx: ConnectionContext): Promise<VerifyResult> {
    try {
      await this.#deliver(ctx, 'ping', `ping:${Date.now()}`, {});
      return { ok: true };
    } catch (e) {
      // A URL Groundwork will not call (or no secret) is a setting to fix, not a refusal by the receiver: thrown, so connections/ can say so with a code.
      if (e instanceof PermanentError && e.reason === 'misconfigured') throw e;
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }
}
