/**
 * Why the guarded client did not make (or finish) a request. Messages are written for the person
 * who typed the URL and never contain anything the remote server sent.
 */
export type OutboundErrorCode =
  | 'outbound.invalid_url'
  | 'outbound.forbidden_address'
  | 'outbound.redirect_refused'
  | 'outbound.too_large'
  | 'outbound.timeout';

export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The OutboundError behind `e` (fetch wraps connect errors as `TypeError('fetch failed', { cause })`), if any. */
export function findOutboundError(e: unknown): OutboundError | undefined {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (cur instanceof OutboundError) return cur;
  }
  return undefined;
}

export const forbiddenAddress = (host: string, address: string): OutboundError =>
  new OutboundError(
    'outbound.forbidden_address',
    host === address
      ? `${address} is a private or local network address, which Groundwork does not call.`
      : `${host} resolves to a private or local network address (${address}), which Groundwork does not call.`,
  );
