import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { generateKey, keyToBase64 } from './envelope.ts';
import { keyFilePath, loadKeyring } from './key-file.ts';

describe('loading the secrets key', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gw-secrets-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('generates DATA_DIR/secrets.key (0600) on first start for the embedded default, then reuses it', async () => {
    const dataDir = await tempDir();
    const first = await loadKeyring({ dataDir, databaseUrl: undefined, secretsKey: undefined });
    const file = keyFilePath(dataDir);
    expect(first.where).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(keyToBase64(first.keyring.current));
    const again = await loadKeyring({ dataDir, databaseUrl: undefined, secretsKey: undefined });
    expect(again.keyring.current.id).toBe(first.keyring.current.id);
  });

  it('gives processes starting at once on a fresh data directory one and the same key', async () => {
    const dataDir = await tempDir();
    const source = { dataDir, databaseUrl: undefined, secretsKey: undefined };
    const loaded = await Promise.all(Array.from({ length: 8 }, () => loadKeyring(source)));
    expect(new Set(loaded.map((l) => l.keyring.current.id)).size).toBe(1);
    expect((await readFile(keyFilePath(dataDir), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('tightens a key file others could read', async () => {
    const dataDir = await tempDir();
    await loadKeyring({ dataDir, databaseUrl: undefined, secretsKey: undefined });
    await chmod(keyFilePath(dataDir), 0o644);
    await loadKeyring({ dataDir, databaseUrl: undefined, secretsKey: undefined });
    expect((await stat(keyFilePath(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('uses SECRETS_KEY when set, and writes no file', async () => {
    const dataDir = await tempDir();
    const key = generateKey();
    const { keyring, where } = await loadKeyring({ dataDir, databaseUrl: 'postgres://x/y', secretsKey: keyToBase64(key) });
    expect([keyring.current.id, where]).toEqual([key.id, 'SECRETS_KEY']);
    await expect(stat(keyFilePath(dataDir))).rejects.toThrow(/ENOENT/);
  });

  it('refuses to start with DATABASE_URL and no SECRETS_KEY, saying what to do', async () => {
    const dataDir = await tempDir();
    const attempt = loadKeyring({ dataDir, databaseUrl: 'postgres://x/y', secretsKey: undefined });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/SECRETS_KEY is required with DATABASE_URL.*openssl rand -base64 32/s);
  });

  it('names the place of a malformed key', async () => {
    await expect(loadKeyring({ dataDir: await tempDir(), databaseUrl: undefined, secretsKey: 'short' })).rejects.toThrow(
      /^SECRETS_KEY: a secrets key is 32 random bytes/,
    );
  });
});
