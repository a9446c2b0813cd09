/**
 * Asks the network whether a connection's account works (`Connector.verify`), with a time limit, and
 * sorts the answer into three outcomes:
 * - `verified`: status `connected`, `verifiedAt` now, no message;
 * - `refused` (verify said not ok, or threw a permanent error — app password revoked, bad URL):
 *   status `reconnect_needed` with the network's message;
 * - `unreachable` (a transient error, a timeout): the network's fault, not the account's — the
 *   status stays what it was (a new connection stays `connected`, never verified) and the message says
 *   the check could not be made.
 * Runs outside any transaction: a slow network must not hold row locks.
 *
 * With `refuseForbiddenAddress` (creating a connection or changing its settings), a URL the outbound
 * client will not call — a private or local address, a redirect to one — is a 422
 * `connection.forbidden_address` and nothing is stored; the periodic check of a stored connection
 * records it as `refused` instead, since there is no request to answer.
 */
import { classifyError, PermanentError, type Connection, type Connector } from '../connectors/connector.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { AppError } from '../errors.ts';
import type { ConnectorKind } from '../connectors/connector.ts';
import { findOutboundError } from '../outbound/errors.ts';
import type { Verification } from './schema.ts';

/** Verification never waits longer than this, whatever the connector's publish timeout. */
export const VERIFY_TIMEOUT_MS = 15_000;

export const connectorUnavailable = (kind: ConnectorKind, registry: ConnectorRegistry): AppError =>
  new AppError(
    'connection.connector_unavailable',
    `This server has no ${kind} connector, so a ${kind} account can be neither verified nor published to (available: ${registry.kinds().join(', ') || 'none'}).`,
    422,
    { connector: kind, available: registry.kinds(), path: '/connector' },
  );

export function connectorFor(registry: ConnectorRegistry, kind: ConnectorKind): Connector {
  const connector = registry.get(kind);
  if (!connector) throw connectorUnavailable(kind, registry);
  return connector;
}

export async function verifyAccount(
  connector: Connector,
  connection: Connection,
  options: { refuseForbiddenAddress?: boolean } = {},
): Promise<Verification> {
  const signal = AbortSignal.timeout(Math.min(connector.limits.timeoutMs, VERIFY_TIMEOUT_MS));
  try {
    const result = await connector.verify({ connection, signal });
    if (result.ok) return { outcome: 'verified', message: null };
    return { outcome: 'refused', message: result.message ?? `The ${connector.kind} network refused the account: reconnect it.` };
  } catch (e) {
    const outbound = findOutboundError(e);
    if (
      options.refuseForbiddenAddress &&
      (outbound?.code === 'outbound.forbidden_address' || outbound?.code === 'outbound.redirect_refused')
    ) {
      throw new AppError('connection.forbidden_address', outbound.message, 422, { code: outbound.code, path: '/config' });
    }
    const err = classifyError(e);
    if (err instanceof PermanentError) return { outcome: 'refused', message: err.message };
    return { outcome: 'unreachable', message: `Could not verify the account right now: ${err.message}` };
  }
}
