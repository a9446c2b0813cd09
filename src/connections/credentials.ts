/**
 * The one place connection credentials are encrypted and decrypted. Stored only as an envelope in
 * `channel_connections.credentials_enc`, bound to the connection's id (an envelope copied onto another
 * connection does not open). Opened only where a connector is about to use them.
 */
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { envelopeKeyId, open, seal, SecretError, type Keyring } from '../secrets/envelope.ts';
import { loadKeyring, type KeySource } from '../secrets/key-file.ts';
import { currentKeyring, installKeyring } from '../secrets/keyring.ts';

export type Credentials = Record<string, unknown>;

const context = (connectionId: string): string => `channel_connections.credentials:${connectionId}`;

export const sealCredentials = (connectionId: string, credentials: Credentials, keyring: Keyring = currentKeyring()): string =>
  seal(keyring, JSON.stringify(credentials), context(connectionId));

export const openCredentials = (connectionId: string, envelope: string, keyring: Keyring = currentKeyring()): Credentials =>
  JSON.parse(open(keyring, envelope, context(connectionId))) as Credentials;

/** The credentials, or null when they cannot be opened: sealed under a key this process lacks (a lost key file), or altered. */
export function readableCredentials(row: { id: string; credentials_enc: string }): Credentials | null {
  try {
    return openCredentials(row.id, row.credentials_enc);
  } catch (e) {
    if (e instanceof SecretError) return null;
    throw e;
  }
}

/** The credentials for a connector call; 409 `connection.credentials_unreadable` (fixed by reconnecting) rather than a 500. */
export function credentialsOf(row: { id: string; credentials_enc: string }): Credentials {
  const credentials = readableCredentials(row);
  if (credentials === null) {
    throw new AppError(
      'connection.credentials_unreadable',
      `This connection's credentials cannot be decrypted: they were encrypted with key ${envelopeKeyId(row.credentials_enc)}, which this server does not have. Restore the secrets key (SECRETS_KEY or DATA_DIR/secrets.key), or reconnect the account with new credentials.`,
      409,
      { id: row.id, path: '/credentials' },
    );
  }
  return credentials;
}

/**
 * Encrypts rows written before credentials were encrypted (the data half of migration
 * 20261201180500_encrypted_credentials): runs at every start, finds nothing once done. One
 * transaction, rows locked, so two processes starting at once do not both seal a row.
 */
export async function sealPlaintextCredentials(pool: Pool, keyring: Keyring = currentKeyring()): Promise<number> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; legacy_plaintext_credentials: Credentials }>(
      'SELECT id, legacy_plaintext_credentials FROM channel_connections WHERE legacy_plaintext_credentials IS NOT NULL FOR UPDATE',
    );
    for (const r of rows) {
      await tx.query('UPDATE channel_connections SET credentials_enc = $2, legacy_plaintext_credentials = NULL WHERE id = $1', [
        r.id,
        sealCredentials(r.id, r.legacy_plaintext_credentials, keyring),
      ]);
    }
    return rows.length;
  });
}

/**
 * Re-encrypts every connection's credentials under `to` (`from` must open them all), inside the
 * caller's transaction: all rows change or none. Returns how many were re-encrypted.
 */
export async function reencryptCredentials(tx: Queryable, from: Keyring, to: Keyring): Promise<number> {
  const { rows } = await tx.query<{ id: string; credentials_enc: string }>(
    'SELECT id, credentials_enc FROM channel_connections WHERE credentials_enc IS NOT NULL FOR UPDATE',
  );
  for (const r of rows) {
    await tx.query('UPDATE channel_connections SET credentials_enc = $2 WHERE id = $1', [
      r.id,
      sealCredentials(r.id, openCredentials(r.id, r.credentials_enc, from), to),
    ]);
  }
  return rows.length;
}

/**
 * At start, after the migrations: loads the key (generating DATA_DIR/secrets.key for the embedded
 * default), installs it for this process and encrypts any plaintext rows left from before.
 */
export async function startCredentials(source: KeySource, pool: Pool): Promise<{ where: string; sealed: number; unreadable: number }> {
  const { keyring, where } = await loadKeyring(source);
  installKeyring(keyring);
  const sealed = await sealPlaintextCredentials(pool, keyring);
  // A lost or replaced key file is otherwise noticed only when a post fails: count what this key cannot open.
  const { rows } = await pool.query<{ key_id: string; n: number }>(
    "SELECT split_part(credentials_enc, '.', 2) AS key_id, count(*)::int AS n FROM channel_connections WHERE credentials_enc IS NOT NULL GROUP BY 1",
  );
  const unreadable = rows.filter((r) => !keyring.byId.has(r.key_id)).reduce((sum, r) => sum + r.n, 0);
  return { where, sealed, unreadable };
}
