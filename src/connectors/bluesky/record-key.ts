/**
 * PURE — deterministic record keys: the idempotency handle of the Bluesky connector.
 *
 * A post's record key (`rkey`) must be a TID: 13 characters of base32-sortable
 * (`234567abcdefghijklmnopqrstuvwxyz`) encoding a 64-bit integer whose top bit is 0 — so the first
 * character is one of `234567ab`. Normally a TID is a timestamp; here it is the first 63 bits of a
 * SHA-256, so the same idempotency key always names the same record and a repeat write collides
 * with the first instead of posting twice.
 *
 * - the first post of a variant: `root = TID(SHA-256(idempotencyKey))`
 * - part `i ≥ 1` of its thread (continuations, then the first comment): `TID(SHA-256(root + "#" + i))`
 *
 * Parts hang off the first post's rkey rather than off the idempotency key itself: still a pure
 * function of (key, index), and `delete`, which only gets the first post's URI, can name every part.
 *
 * Caveat: a hash-derived TID carries a random "timestamp", so these posts do not sort by rkey in
 * time order within the repo (clients and the AppView order posts by `createdAt`, not by rkey).
 */
import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const TID_RE = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

export const isValidTid = (s: string): boolean => s.length === 13 && TID_RE.test(s);

/** A 63-bit integer as a 13-character base32-sortable TID. */
export function encodeTid(n: bigint): string {
  if (n < 0n || n >= 1n << 63n) throw new RangeError('A TID encodes an integer in [0, 2^63)');
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return out;
}

/** The TID derived from SHA-256 of `input`. */
export function tidFromHash(input: string): string {
  const digest = createHash('sha256').update(input, 'utf8').digest();
  return encodeTid(digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn);
}

/** The rkey of the first post of the variant published with `idempotencyKey`. */
export const rootRecordKey = (idempotencyKey: string): string => tidFromHash(idempotencyKey);

/** The rkey of thread part `index` (≥ 1) of the post whose first record has `rootRkey`. */
export const partRecordKey = (rootRkey: string, index: number): string => {
  if (!Number.isInteger(index) || index < 1) throw new RangeError('Thread parts are numbered from 1');
  return tidFromHash(`${rootRkey}#${index}`);
};
