/**
 * PURE — a connection's settings checked against its connector's shape (schema.ts). Config and
 * credentials errors are told apart (400 `connection.invalid_config` / `connection.invalid_credentials`)
 * and their issues name the field, never its value: a secret must not come back in an error.
 */
import type { z } from 'zod';
import type { ConnectorKind } from '../connectors/connector.ts';
import { AppError } from '../errors.ts';
import { CONNECTOR_SETTINGS, type ConnectorKindName } from './schema.ts';

/** schema.ts lists the connectors without importing src/connectors (the web app imports it): the two name the same kinds. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const SAME_CONNECTOR_KINDS: Same<ConnectorKind, ConnectorKindName> = true;
void SAME_CONNECTOR_KINDS;

export interface ConnectionSettings {
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
}

function check(kind: ConnectorKind, part: 'config' | 'credentials', value: unknown): Record<string, unknown> {
  const schema: z.ZodType = CONNECTOR_SETTINGS[kind][part];
  const result = schema.safeParse(value);
  if (result.success) return result.data as Record<string, unknown>;
  const issues = result.error.issues.map((i) => ({
    path: `/${part}${i.path.length ? `/${i.path.map(String).join('/')}` : ''}`,
    message:
      i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')} for the ${kind} connector` : i.message,
  }));
  const first = issues[0]!;
  throw new AppError(`connection.invalid_${part}`, `The ${kind} connector's ${part}: ${first.path} ${first.message}.`, 400, {
    connector: kind,
    issues,
  });
}

/** The settings as stored: validated and normalised (trimmed, defaults applied). */
export function parseSettings(kind: ConnectorKind, input: { config: unknown; credentials: unknown }): ConnectionSettings {
  return { config: check(kind, 'config', input.config), credentials: check(kind, 'credentials', input.credentials) };
}
