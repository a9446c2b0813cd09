/**
 * POSTs a stored report to its schedule's webhook, signed as the webhook connector signs
 * (src/connectors/webhook/signature.ts), through the guarded outbound client the caller gives
 * (src/outbound/: no private or loopback address unless OUTBOUND_ALLOW names it, redirects
 * re-checked). The body is JSON carrying the file in base64, so any automation tool reads it;
 * `Idempotency-Key` is the report's id, the same on every retry.
 */
import { createHash } from 'node:crypto';
import { SIGNATURE_HEADER, signPayload } from '../../connectors/webhook/signature.ts';
import { findOutboundError } from '../../outbound/errors.ts';

export interface ReportDelivery {
  reportId: string;
  url: string;
  secret: string;
  subject: { type: string; id: string; name: string };
  cadence: string;
  period: { from: string; to: string };
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** Null when the receiver took it (2xx); else why not, in Groundwork's words (never the receiver's body). */
export async function deliverReport(fetch: typeof globalThis.fetch, d: ReportDelivery): Promise<string | null> {
  const body = JSON.stringify({
    event: 'report.created',
    id: d.reportId,
    sentAt: new Date().toISOString(),
    data: {
      subject: d.subject.type,
      id: d.subject.id,
      name: d.subject.name,
      cadence: d.cadence,
      period: d.period,
      fileName: d.fileName,
      contentType: d.contentType,
      sizeBytes: d.content.length,
      sha256: createHash('sha256').update(d.content).digest('hex'),
      base64: d.content.toString('base64'),
    },
  });
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Groundwork-Webhook/1',
        'idempotency-key': d.reportId,
        [SIGNATURE_HEADER]: signPayload(d.secret, body),
      },
      body,
      redirect: 'manual',
    });
    await res.body?.cancel();
    return res.ok ? null : `The webhook answered HTTP ${res.status}.`;
  } catch (e) {
    const refused = findOutboundError(e);
    if (refused) return `The webhook URL cannot be called: ${refused.message}`;
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    return `No answer from the webhook: ${cause}`;
  }
}
