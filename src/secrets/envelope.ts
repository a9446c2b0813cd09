/**
 * AES-256-GCM envelopes for secrets stored in the database: `gw1.<key id>.<iv>.<tag>.<ciphertext>`
 * (base64url parts). A fresh random 12-byte IV per envelope; the 16-byte tag makes any change to the
 * envelope — or opening it under another key or for another row (the `context`, bound as additional
 * authenticated data) — an error instead of garbage. The key id names the key that sealed it, so a
 * keyring can hold the new and the old key while `groundwork rotate-key` runs.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'gw1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretKey {
  /** Derived from the key (a hash prefix: it reveals nothing usable), so it needs no configuration of its own. */
  id: string;
  bytes: Buffer;
}

/** The key that seals (`current`) and every key an envelope may have been sealed with. */
export interface Keyring {
  current: SecretKey;
  byId: ReadonlyMap<string, SecretKey>;
}

export class SecretError extends Error {
  override name = 'SecretError';
}

export function keyFromBase64(text: string): SecretKey {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, 'base64');
  // Buffer.from ignores junk silently: re-encoding must give the same text back.
  if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== trimmed) {
    throw new SecretError(`a secrets key is ${KEY_BYTES} random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`)`);
  }
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 12), bytes };
}

export const generateKey = (): SecretKey => keyFromBase64(randomBytes(KEY_BYTES).toString('base64'));

export const keyToBase64 = (key: SecretKey): string => key.bytes.toString('base64');

/** The first key seals; all of them open. */
export function makeKeyring(keys: readonly SecretKey[]): Keyring {
  if (!keys[0]) throw new SecretError('a keyring needs at least one key');
  return { current: keys[0], byId: new Map(keys.map((k) => [k.id, k])) };
}

/** Keys separated by commas or new lines, the sealing key first (SECRETS_KEY, DATA_DIR/secrets.key). */
export const parseKeyring = (text: string): Keyring =>
  makeKeyring(
    text
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map(keyFromBase64),
  );

export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const key = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The key id an envelope was sealed with (rotation checks what is left to re-encrypt). */
export function envelopeKeyId(envelope: string): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretError('not a Groundwork secret envelope');
  return parts[1]!;
}

export function open(keyring: Keyring, envelope: string, context: string): string {
  const [, keyId, iv, tag, ciphertext] = envelope.split('.') as [string, string, string, string, string];
  const key = keyring.byId.get(envelopeKeyId(envelope));
  if (!key) throw new SecretError(`sealed with key ${keyId}, which is not configured (SECRETS_KEY or DATA_DIR/secrets.key)`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // node:crypto says only "Unsupported state or unable to authenticate data"; say what it means here.
    throw new SecretError(`a secret sealed with key ${keyId} failed its integrity check: it was altered, or belongs to another record`);
  }
}
