/**
 * One signed event POSTed to a user's webhook (report delivered, listening spike…), signed as the
 * webhook connector signs (./signature.ts) and sent through the guarded outbound `fetch` the caller
 * gives (src/outbound/). `Idempotency-Key` is the event's id, the same on every retry.
 */
import { findOutboundError } from '../../outbound/errors.ts';
import { SIGNATURE_HEADER, signPayload } from './signature.ts';

export interface SignedEvent {
  event: string;
  id: string;
  data: unknown;
}

/** Null when the receiver took it (2xx); else why not, in Groundwork's words (never the receiver's body). */
export async function postSignedEvent(fetch: typeof globalThis.fetch, url: string, secret: string, e: SignedEvent): Promise<string | null> {
  const body = JSON.stringify({ event: e.event, id: e.id, sentAt: new Date().toISOString(), data: e.data });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Groundwork-Webhook/1',
        'idempotency-key': e.id,
        [SIGNATURE_HEADER]: signPayload(secret, body),
      },
      body,
      redirect: 'manual',
    });
    await res.body?.cancel();
    return res.ok ? null : `The webhook answered HTTP ${res.status}.`;
  } catch (err) {
    const refused = findOutboundError(err);
    if (refused) return `The webhook URL cannot be called: ${refused.message}`;
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    return `No answer from the webhook: ${cause}`;
  }
}
