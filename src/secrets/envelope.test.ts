import { describe, expect, it } from 'vitest';
import { envelopeKeyId, generateKey, keyFromBase64, makeKeyring, open, parseKeyring, seal, SecretError } from './envelope.ts';

const secret = JSON.stringify({ appPassword: 'abcd-efgh-ijkl-mnop' });

/** Flips one bit of the base64url part `index` of an envelope. */
function flip(envelope: string, index: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0]! ^= 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('secret envelopes (AES-256-GCM)', () => {
  const keyring = makeKeyring([generateKey()]);

  it('round-trips, with a fresh IV each time and no plaintext in the envelope', () => {
    const a = seal(keyring, secret, 'row-1');
    const b = seal(keyring, secret, 'row-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('abcd');
    expect(Buffer.from(a.split('.')[2]!, 'base64url')).toHaveLength(12);
    expect(envelopeKeyId(a)).toBe(keyring.current.id);
    expect(open(keyring, a, 'row-1')).toBe(secret);
    expect(open(keyring, b, 'row-1')).toBe(secret);
  });

  it('refuses an altered IV, tag or ciphertext, and an envelope moved to another record', () => {
    const sealed = seal(keyring, secret, 'row-1');
    for (const part of [2, 3, 4]) expect(() => open(keyring, flip(sealed, part), 'row-1')).toThrow(/integrity check/);
    expect(() => open(keyring, sealed, 'row-2')).toThrow(/integrity check/);
    expect(() => open(keyring, 'plain text', 'row-1')).toThrow(SecretError);
  });

  it('refuses to open under a wrong key, named by the key id or posing as the right one', () => {
    const sealed = seal(keyring, secret, 'row-1');
    const other = makeKeyring([generateKey()]);
    expect(() => open(other, sealed, 'row-1')).toThrow(`sealed with key ${keyring.current.id}, which is not configured`);
    // Another key under the sealing key's id: only GCM's tag can tell.
    const impostor = {
      current: other.current,
      byId: new Map([[keyring.current.id, { id: keyring.current.id, bytes: other.current.bytes }]]),
    };
    expect(() => open(impostor, sealed, 'row-1')).toThrow(/integrity check/);
  });

  it('keeps old keys for opening while the first one seals (rotation)', () => {
    const old = generateKey();
    const sealedBefore = seal(makeKeyring([old]), secret, 'r');
    const both = parseKeyring(`${generateKey().bytes.toString('base64')},\n${old.bytes.toString('base64')}\n`);
    expect(open(both, sealedBefore, 'r')).toBe(secret);
    expect(envelopeKeyId(seal(both, secret, 'r'))).not.toBe(old.id);
  });

  it('accepts only 32 bytes of canonical base64 as a key', () => {
    expect(() => keyFromBase64(Buffer.alloc(16).toString('base64'))).toThrow(/32 random bytes/);
    expect(() => keyFromBase64('not base64 at all!')).toThrow(/32 random bytes/);
    expect(() => parseKeyring(' ,\n')).toThrow(/at least one key/);
  });
});
