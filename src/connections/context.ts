/** Who manages connections, where, and with which connectors (from `authorize` and the app). */
import type { Actor } from '../auth/actor.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { AppError } from '../errors.ts';
import { normalizeTimezone } from '../workspace/timezone.ts';

export interface ConnectionContext {
  workspaceId: string;
  actor: Actor;
  registry: ConnectorRegistry;
}

/** A channel's time-zone override: an IANA zone in its usual spelling, or 400 `connection.invalid_timezone`. */
export function connectionTimezone(input: string): string {
  const zone = normalizeTimezone(input);
  if (zone === null) {
    throw new AppError(
      'connection.invalid_timezone',
      `"${input}" is not an IANA time zone (such as Europe/Berlin, America/New_York or UTC).`,
      400,
      {
        timezone: input,
        path: '/timezone',
      },
    );
  }
  return zone;
}

/** Someone changed the account while it was being verified: the result is about settings that are gone. */
export const connectionChanged = (id: string): AppError =>
  new AppError('connection.changed', 'The connection was changed while its account was being verified; reload and try again.', 409, { id });
