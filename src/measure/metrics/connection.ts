/** A stored connection as the connectors receive it (credentials decrypted), for the collectors. */
import { openCredentials } from '../../connections/credentials.ts';
import { PermanentError, type Connection, type ConnectorKind } from '../../connectors/connector.ts';

export interface ConnectionRow {
  connection_id: string;
  workspace_id: string;
  channel_id: string;
  connector: ConnectorKind;
  config: Record<string, unknown> | null;
  credentials_enc: string | null;
}

/** A PermanentError when the credentials cannot be decrypted (a missing or replaced key: the operator's to fix, as for publishing). */
export function connectionOf(r: ConnectionRow): Connection {
  let credentials: Record<string, unknown> = {};
  try {
    if (r.credentials_enc !== null) credentials = openCredentials(r.connection_id, r.credentials_enc);
  } catch (e) {
    throw new PermanentError(`The connection's credentials could not be decrypted: ${(e as Error).message}.`, { reason: 'misconfigured' });
  }
  return {
    id: r.connection_id,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    connector: r.connector,
    config: r.config ?? {},
    credentials,
  };
}
