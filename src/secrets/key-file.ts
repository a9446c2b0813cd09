/**
 * Where the secrets key comes from: SECRETS_KEY when set; otherwise, for the embedded default, the
 * file DATA_DIR/secrets.key (mode 0600), generated on first start. With DATABASE_URL the key must be
 * configured: web and worker processes may run on several machines and must all hold the same key,
 * and a key generated quietly into one machine's data directory would leave the others unable to read
 * what it wrote (and be lost with that machine).
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open as openFile, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';
import { generateKey, keyToBase64, parseKeyring, type Keyring, type SecretKey } from './envelope.ts';

export type KeySource = Pick<Config, 'secretsKey' | 'databaseUrl' | 'dataDir'>;

export const keyFilePath = (dataDir: string): string => path.join(dataDir, 'secrets.key');

export const MISSING_KEY_MESSAGE =
  "SECRETS_KEY is required with DATABASE_URL: it encrypts connected accounts' credentials, and every Groundwork " +
  'process using this database needs the same key. Generate one with `openssl rand -base64 32`, set SECRETS_KEY ' +
  'to it everywhere, and keep a copy with your database backups.';

export async function loadKeyring(source: KeySource): Promise<{ keyring: Keyring; where: string }> {
  if (source.secretsKey) return { keyring: parseKeys(source.secretsKey, 'SECRETS_KEY'), where: 'SECRETS_KEY' };
  if (source.databaseUrl) throw new ConfigError(MISSING_KEY_MESSAGE);
  const file = keyFilePath(source.dataDir);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (text !== undefined) {
    const mode = (await stat(file)).mode & 0o777;
    // Someone copied it with a looser mode: the key is only as safe as the file.
    if (mode & 0o077) await chmod(file, 0o600);
    return { keyring: parseKeys(text, file), where: file };
  }
  await mkdir(source.dataDir, { recursive: true });
  await writeKeyFile(file, [generateKey()], { exclusive: true });
  return { keyring: parseKeys(await readFile(file, 'utf8'), file), where: file };
}

/** A malformed key stops the start with the place to fix it, like any other configuration error. */
function parseKeys(text: string, where: string): Keyring {
  try {
    return parseKeyring(text);
  } catch (e) {
    throw new ConfigError(`${where}: ${(e as Error).message}`);
  }
}

/** Writes the key file (see writeSecretFile): the sealing key first. */
export const writeKeyFile = (file: string, keys: readonly SecretKey[], options: { exclusive?: boolean } = {}): Promise<void> =>
  writeSecretFile(file, `${keys.map(keyToBase64).join('\n')}\n`, options);

/**
 * Writes a secret file with mode 0600 from its creation (never readable by others, not even briefly),
 * complete before it appears: written beside, then renamed over the old one — or, with `exclusive`,
 * hard-linked into place, which fails if the file exists: two processes starting at once must not each
 * generate a secret, and the loser reads the winner's whole file.
 */
export async function writeSecretFile(file: string, text: string, options: { exclusive?: boolean } = {}): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await openFile(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!options.exclusive) return rename(temp, file);
  try {
    await link(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    await unlink(temp);
  }
}
