/** What a source's failure is shown as (`last_error`): our own words, never a remote body echoed. */
import { MastoHttpError } from 'masto';
import { findOutboundError } from '../../outbound/errors.ts';

export function describeSourceError(e: unknown): string {
  const outbound = findOutboundError(e);
  if (outbound) return outbound.message.slice(0, 500);
  if (e instanceof MastoHttpError) return `the instance answered HTTP ${e.statusCode}`;
  // The firehose wraps what failed (a refused connection, a closed socket) in an error of its own.
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  const message = e instanceof Error ? `${e.message}${cause}` : String(e);
  return (message || 'unknown error').slice(0, 500);
}
