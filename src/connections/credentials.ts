/**
 * The one place connection credentials are encrypted and decrypted. Stored only as an envelope in
 * `channel_connections.credentials_enc`, bound to the connection's id (an envelope copied onto another
 * connection does not open). Opened only where a connector is about to use them.
 */
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { open, seal, type Keyring } from '../secrets/envelope.ts';
import { loadKeyring, type KeySource } from '../secrets/key-file.ts';
import { currentKeyring, installKeyring } from '../secrets/keyring.ts';

export type Credentials = Record<string, unknown>;

const context = (connectionId: string): string => `channel_connections.credentials:${connectionId}`;

export const sealCredentials = (connectionId: string, credentials: Credentials, keyring: Keyring = currentKeyring()): string =>
  seal(keyring, JSON.stringify(credentials), context(connectionId));

export const openCredentials = (connectionId: string, envelope: string, keyring: Keyring = currentKeyring()): Credentials =>
  JSON.parse(open(keyring, envelope, context(connectionId))) as Credentials;

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
    await tx.query('UPDATE channel_connections SET credentials_enc = $2 WHERE id = $1', [r.id, sealCredentials(r.id, openCredentials(r.id, r.credentials_enc, from), to)]);
  }
  return rows.length;
}

/**
 * At start, after the migrations: loads the key (generating DATA_DIR/secrets.key for the embedded
 * default), installs it for this process and encrypts any plaintext rows left from before.
 */
export async function startCredentials(source: KeySource, pool: Pool): Promise<{ where: string; sealed: number }> {
  const { keyring, where } = await loadKeyring(source);
  installKeyring(keyring);
  return { where, sealed: await sealPlaintextCredentials(pool, keyring) };
}
