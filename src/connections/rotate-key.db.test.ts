import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { connectChannel, seedWorkspace, type Fixture } from '../../test/worker-fixtures.ts';
import { envelopeKeyId, generateKey, keyToBase64, makeKeyring, parseKeyring, type Keyring } from '../secrets/envelope.ts';
import { keyFilePath, loadKeyring } from '../secrets/key-file.ts';
import { currentKeyring, installKeyring } from '../secrets/keyring.ts';
import { openValue, REPORT_WEBHOOK_SECRET, sealValue } from '../secrets/sealed-columns.ts';
import { openCredentials, sealCredentials } from './credentials.ts';
import { rotateKey } from './rotate-key.ts';

let db: TestDatabase;
let tmp: string;
let f: Fixture;
const testKeyring = currentKeyring();

const stored = async () =>
  (await db.pool.query<{ id: string; credentials_enc: string }>('SELECT id, credentials_enc FROM channel_connections ORDER BY id')).rows;

/** A fresh set of connections sealed under `keyring`, each with a secret of its own. */
async function connectionsUnder(keyring: Keyring, n = 3): Promise<Map<string, Record<string, unknown>>> {
  await db.pool.query('DELETE FROM channel_connections');
  installKeyring(keyring);
  const expected = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < n; i++) {
    const credentials = { identifier: `acct${i}.bsky.social`, appPassword: `pw-${i}-${Math.random()}` };
    expected.set(await connectChannel(db.pool, f, `ch${i}`, 'bluesky', {}, credentials), credentials);
  }
  installKeyring(testKeyring);
  return expected;
}

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gw-rotate-'));
  f = await seedWorkspace(db.pool);
});
afterAll(async () => {
  installKeyring(testKeyring);
  await db.drop();
  await rm(tmp, { recursive: true, force: true });
});

describe('rotate-key', () => {
  it('re-encrypts every credential under a new key in the key file, which then holds only the new key', async () => {
    const source = { dataDir: path.join(tmp, 'file'), databaseUrl: undefined, secretsKey: undefined };
    const { keyring: old } = await loadKeyring(source);
    const expected = await connectionsUnder(old);
    // The other sealed columns move with them: a report schedule's webhook secret.
    const schedule = '6f1c1f8e-3c1a-4e39-9d7c-2f51b1a0c001';
    await db.pool.query(
      `INSERT INTO report_schedules (id, workspace_id, subject, strategy_id, format, cadence, webhook_url, webhook_secret_enc)
       VALUES ($1, $2, 'strategy', $3, 'pdf', 'weekly', 'https://hooks.example.com/r', $4)`,
      [schedule, f.workspaceId, f.strategyId, sealValue(REPORT_WEBHOOK_SECRET, schedule, 'whsec_test', old)],
    );

    const rotation = await rotateKey(db.pool, source);
    expect(rotation).toMatchObject({ oldKeyId: old.current.id, reencrypted: 4, keyFile: keyFilePath(source.dataDir) });
    const file = keyFilePath(source.dataDir);
    expect((await readFile(file, 'utf8')).trim()).toBe(keyToBase64(rotation.newKey));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { keyring: reloaded } = await loadKeyring(source);
    for (const row of await stored()) {
      expect(envelopeKeyId(row.credentials_enc)).toBe(rotation.newKey.id);
      expect(openCredentials(row.id, row.credentials_enc, reloaded)).toEqual(expected.get(row.id));
      expect(() => openCredentials(row.id, row.credentials_enc, old)).toThrow(/not configured/);
    }
    const sealed = (await db.pool.query('SELECT webhook_secret_enc FROM report_schedules WHERE id = $1', [schedule])).rows[0]
      .webhook_secret_enc;
    expect(envelopeKeyId(sealed)).toBe(rotation.newKey.id);
    expect(openValue(REPORT_WEBHOOK_SECRET, schedule, sealed, reloaded)).toBe('whsec_test');
    await db.pool.query('DELETE FROM report_schedules');
    const audit = await db.pool.query("SELECT after FROM audit_log WHERE action = 'secrets.rotate_key'");
    expect(audit.rows).toEqual([{ after: { keyId: rotation.newKey.id, reencrypted: 4 } }]);
  });

  it('changes nothing when one credential cannot be opened: one transaction, and the key file still opens all', async () => {
    const source = { dataDir: path.join(tmp, 'partial'), databaseUrl: undefined, secretsKey: undefined };
    const { keyring: old } = await loadKeyring(source);
    await connectionsUnder(old);
    // One row sealed under a key nobody has any more.
    const stray = (await stored())[1]!;
    await db.pool.query('UPDATE channel_connections SET credentials_enc = $2 WHERE id = $1', [
      stray.id,
      sealCredentials(stray.id, {}, makeKeyring([generateKey()])),
    ]);
    const before = await stored();

    await expect(rotateKey(db.pool, source)).rejects.toThrow(/not configured/);
    expect(await stored()).toEqual(before);
    const { keyring: after } = await loadKeyring(source);
    for (const row of before.filter((r) => r.id !== stray.id))
      expect(() => openCredentials(row.id, row.credentials_enc, after)).not.toThrow();
  });

  it('with SECRETS_KEY: prints the new key and writes no file (the CLI, against DATABASE_URL)', async () => {
    const old = makeKeyring([generateKey()]);
    const expected = await connectionsUnder(old, 2);
    const dataDir = path.join(tmp, 'env');
    const { stdout } = await promisify(execFile)(process.execPath, [path.resolve('bin/groundwork.js'), 'rotate-key'], {
      env: { ...process.env, DATABASE_URL: db.url, SECRETS_KEY: keyToBase64(old.current), DATA_DIR: dataDir },
    });
    const printed = /^SECRETS_KEY=(\S+)$/m.exec(stdout)?.[1];
    expect(printed, stdout).toBeDefined();
    expect(stdout).toContain(`re-encrypted 2 connection(s): key ${old.current.id} → `);
    const fresh = parseKeyring(printed!);
    for (const row of await stored()) expect(openCredentials(row.id, row.credentials_enc, fresh)).toEqual(expected.get(row.id));
    await expect(stat(keyFilePath(dataDir))).rejects.toThrow(/ENOENT/);
  });
});
