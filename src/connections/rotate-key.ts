/**
 * `groundwork rotate-key`: every connection's credentials (and the other sealed columns, src/secrets/sealed-columns.ts) re-encrypted under a new key, in one
 * transaction with the table locked against writes (all rows move to the new key, or none do).
 *
 * With the key file (embedded default) the file is rewritten in two steps around the transaction —
 * first new + old key (the new one seals, the old one still opens), then the new key alone — so a
 * crash at any point leaves a file that opens every stored credential. With SECRETS_KEY the new key
 * is returned for the operator to configure; it is printed before the transaction commits so it
 * cannot be lost to a failure in between.
 *
 * Processes already running hold the old key in memory: stop them first (or restart them right
 * after); a process with the old key says which key id it lacks instead of using a wrong one.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { generateKey, makeKeyring, type SecretKey } from '../secrets/envelope.ts';
import { keyFilePath, loadKeyring, writeKeyFile, type KeySource } from '../secrets/key-file.ts';
import { installKeyring } from '../secrets/keyring.ts';
import { reencryptColumn, SEALED_COLUMNS } from '../secrets/sealed-columns.ts';
import { reencryptCredentials } from './credentials.ts';

export interface Rotation {
  oldKeyId: string;
  newKey: SecretKey;
  reencrypted: number;
  /** The key file rewritten, or null when the key comes from SECRETS_KEY (the operator sets the new one). */
  keyFile: string | null;
}

export async function rotateKey(pool: Pool, source: KeySource, announce: (newKey: SecretKey) => void = () => {}): Promise<Rotation> {
  const { keyring: old } = await loadKeyring(source);
  const newKey = generateKey();
  const keyFile = source.secretsKey ? null : keyFilePath(source.dataDir);
  if (keyFile) await writeKeyFile(keyFile, [newKey, ...old.byId.values()]);
  else announce(newKey);
  const reencrypted = await withTransaction(pool, async (tx) => {
    // EXCLUSIVE still lets readers read; no connection can be created or changed under the old key meanwhile.
    await tx.query(`LOCK TABLE ${['channel_connections', ...SEALED_COLUMNS.map((c) => c.table)].join(', ')} IN EXCLUSIVE MODE`);
    let count = await reencryptCredentials(tx, old, makeKeyring([newKey]));
    for (const column of SEALED_COLUMNS) count += await reencryptColumn(tx, column, old, makeKeyring([newKey]));
    await recordAudit(tx, {
      workspaceId: null,
      actor: null,
      action: 'secrets.rotate_key',
      entityType: 'secrets_key',
      entityId: newKey.id,
      before: { keyId: old.current.id },
      after: { keyId: newKey.id, reencrypted: count },
      reason: 'groundwork rotate-key',
    });
    return count;
  });
  if (keyFile) await writeKeyFile(keyFile, [newKey]);
  installKeyring(makeKeyring([newKey]));
  return { oldKeyId: old.current.id, newKey, reencrypted, keyFile };
}
