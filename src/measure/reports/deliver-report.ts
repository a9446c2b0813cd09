/**
 * POSTs a stored report to its schedule's webhook, signed as the webhook connector signs
 * (src/connectors/webhook/signature.ts), through the guarded outbound client the caller gives
 * (src/outbound/: no private or loopback address unless OUTBOUND_ALLOW names it, redirects
 * re-checked). The body is JSON carrying the file in base64, so any automation tool reads it;
 * `Idempotency-Key` is the report's id, the same on every retry.
 */
import { createHash } from 'node:crypto';
import { postSignedEvent } from '../../connectors/webhook/signed-event.ts';

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
export function deliverReport(fetch: typeof globalThis.fetch, d: ReportDelivery): Promise<string | null> {
  return postSignedEvent(fetch, d.url, d.secret, {
    event: 'report.created',
    id: d.reportId,
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
}
