/** The Bluesky connector's pure parts: record keys, CIDs, error classification, image sniffing. */
import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../connector.ts';
import { base32Decode, base32Encode, encodeDagCbor, recordCid } from './cid.ts';
import { classifyBlueskyError, rateLimitDelay } from './errors.ts';
import { imageSize, loadMedia, sniffImageType } from './media.ts';
import { encodeTid, isValidTid, partRecordKey, rootRecordKey, tidFromHash } from './record-key.ts';

describe('record keys', () => {
  it('are valid TIDs, deterministic, and distinct per key and part', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => rootRecordKey(`variant-${i}:token`));
    for (const k of keys) expect(isValidTid(k), k).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    // Top bit clear: the first character is one of 234567ab.
    expect(new Set(keys.map((k) => k[0]))).toEqual(new Set('234567ab'));
    expect(rootRecordKey('a')).toBe(rootRecordKey('a'));
    const root = rootRecordKey('a');
    expect(partRecordKey(root, 1)).toBe(tidFromHash(`${root}#1`));
    expect(partRecordKey(root, 1)).not.toBe(partRecordKey(root, 2));
    expect(() => partRecordKey(root, 0)).toThrow(RangeError);
  });

  it('encode integers as base32-sortable', () => {
    expect(encodeTid(0n)).toBe('2222222222222');
    expect(encodeTid((1n << 63n) - 1n)).toBe('bzzzzzzzzzzzz');
    expect(encodeTid(1n) < encodeTid(2n)).toBe(true);
    expect(() => encodeTid(1n << 63n)).toThrow(RangeError);
  });
});

describe('DAG-CBOR and CIDs', () => {
  it('matches @ipld/dag-cbor on a record with a blob, emoji, negative and large integers', () => {
    // Reference CID computed with @ipld/dag-cbor + multiformats for this exact record.
    const record = {
      $type: 'app.bsky.feed.post',
      text: 'héllo 🥐 #bread',
      createdAt: '2026-01-01T00:00:00.000Z',
      langs: ['en'],
      n: -5,
      big: 300000,
      huge: 2 ** 40,
      t: true,
      f: false,
      z: null,
      aa: 1,
      b: 2,
      embed: {
        $type: 'app.bsky.embed.images',
        images: [
          {
            alt: 'x',
            image: {
              $type: 'blob',
              ref: { $link: 'bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy' },
              mimeType: 'image/png',
              size: 70,
            },
          },
        ],
      },
    };
    expect(recordCid(record)).toBe('bafyreierd4bugw3tbcicclahuvikuiskdodun3nrhbuzgaf6cq2nq4w5lm');
  });

  it('sorts map keys by length, then bytes; omits undefined; refuses floats', () => {
    expect(Buffer.from(encodeDagCbor({ bb: 1, a: 2, c: 3 })).toString('hex')).toBe('a3616102616303626262' + '01');
    expect(encodeDagCbor({ a: 1, b: undefined })).toEqual(encodeDagCbor({ a: 1 }));
    expect(() => encodeDagCbor({ x: 1.5 })).toThrow(/safe integers/);
  });

  it('base32 round-trips', () => {
    const b = Uint8Array.from({ length: 37 }, (_, i) => (i * 53) % 256);
    expect(base32Decode(base32Encode(b))).toEqual(b);
  });
});

describe('error classification', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('429 waits until ratelimit-reset', () => {
    const e = classifyBlueskyError(
      new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-reset': String(now / 1000 + 90) }),
      'publish',
      now,
    );
    expect(e).toBeInstanceOf(TransientError);
    expect((e as TransientError).retryAfterMs).toBe(90_000);
    expect(rateLimitDelay({ 'Retry-After': '12' }, now)).toBe(12_000);
  });
  it('401 and expired tokens need a reconnect; 400 is the network refusing the post; 5xx and network errors are transient', () => {
    for (const e of [
      new XRPCError(401, 'AuthenticationRequired', 'Invalid identifier or password'),
      new XRPCError(400, 'ExpiredToken', 'Token has expired'),
    ]) {
      const c = classifyBlueskyError(e, 'publish');
      expect(c).toBeInstanceOf(PermanentError);
      expect((c as PermanentError).reason).toBe('auth');
      expect(c.message).toMatch(/reconnect needed/);
    }
    const bad = classifyBlueskyError(
      new XRPCError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes'),
      'publish',
    );
    expect(bad).toBeInstanceOf(PermanentError);
    expect((bad as PermanentError).reason).toBe('rejected');
    expect(bad.message).toMatch(/300 graphemes/);
    expect(classifyBlueskyError(new XRPCError(502, 'UpstreamFailure'), 'publish')).toBeInstanceOf(TransientError);
    expect(classifyBlueskyError(new XRPCError(1, 'Unknown', 'fetch failed'), 'publish')).toBeInstanceOf(TransientError);
    expect(classifyBlueskyError(new TypeError('fetch failed'), 'publish')).toBeInstanceOf(TransientError);
    const abort = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyBlueskyError(abort, 'publish').message).toMatch(/outcome unknown/);
  });
});

describe('media', () => {
  const png1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  it('reads data: URLs, sniffs the type and the size', async () => {
    const m = await loadMedia(
      { url: `data:image/png;base64,${png1x1.toString('base64')}`, alt: 'dot' },
      { maxBytes: 1000, network: 'Test' },
    );
    expect(m).toMatchObject({ mimeType: 'image/png', alt: 'dot', size: { width: 1, height: 1 } });
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    const gif = Buffer.from('47494638396103000500', 'hex');
    expect(imageSize(gif)).toEqual({ width: 3, height: 5 });
  });
  it('refuses local paths unless allowed, non-images, and images over the limit', async () => {
    await expect(loadMedia({ url: '/etc/hostname', alt: 'x' }, { maxBytes: 1000, network: 'Test' })).rejects.toThrow(/not allowed/);
    await expect(loadMedia({ url: 'data:text/plain;base64,aGVsbG8=', alt: 'x' }, { maxBytes: 1000, network: 'Test' })).rejects.toThrow(
      /not an image/,
    );
    await expect(
      loadMedia({ url: `data:image/png;base64,${png1x1.toString('base64')}`, alt: 'x' }, { maxBytes: 10, network: 'Test' }),
    ).rejects.toThrow(/Test accepts at most/);
  });
});
