/**
 * PURE — the CID a PDS will give a record, computed before it is written.
 *
 * Why: a thread's replies must name their root and parent by URI *and* CID (a "strong ref"), and we
 * want the whole thread written in ONE `com.atproto.repo.applyWrites` commit — all parts or none —
 * so an interrupted publish never leaves half a thread that `lookup` would then report as done.
 * That needs each part's CID before the write. A record's CID is CIDv1(dag-cbor, sha2-256) of its
 * canonical DAG-CBOR encoding, which this module computes for the AT Protocol data model:
 * objects (string keys), arrays, strings, integers, booleans, null, `{ "$link": cid }` (a CID link,
 * CBOR tag 42) and `{ "$bytes": base64 }` (a byte string). Floats are not part of the data model.
 *
 * DAG-CBOR canonical form: shortest-form lengths and integers; map keys sorted by their UTF-8 length
 * first, then bytewise; no indefinite lengths; `undefined` members are omitted (as JSON omits them).
 * The Bluesky e2e test checks these CIDs against the ones a real PDS returns.
 */
import { createHash } from 'node:crypto';

export type LexJson = null | boolean | number | string | LexJson[] | { [key: string]: LexJson | undefined };

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding (multibase prefix `b` not included). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new Error(`Not base32: "${ch}"`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** A CID string (CIDv1, multibase base32 `b…`) as its binary form. */
export function cidBytes(cid: string): Uint8Array {
  if (!cid.startsWith('b')) throw new Error(`Only base32 CIDv1 strings are supported, got "${cid.slice(0, 12)}…"`);
  return base32Decode(cid.slice(1));
}

const encoder = new TextEncoder();

class Writer {
  readonly chunks: Uint8Array[] = [];

  head(major: number, n: number | bigint): void {
    const m = major << 5;
    const v = BigInt(n);
    if (v < 24n) this.chunks.push(Uint8Array.of(m | Number(v)));
    else if (v < 0x100n) this.chunks.push(Uint8Array.of(m | 24, Number(v)));
    else if (v < 0x10000n) this.chunks.push(Uint8Array.of(m | 25, Number(v >> 8n), Number(v & 0xffn)));
    else if (v < 0x1_0000_0000n) {
      const b = new Uint8Array(5);
      b[0] = m | 26;
      new DataView(b.buffer).setUint32(1, Number(v));
      this.chunks.push(b);
    } else {
      const b = new Uint8Array(9);
      b[0] = m | 27;
      new DataView(b.buffer).setBigUint64(1, v);
      this.chunks.push(b);
    }
  }

  bytes(b: Uint8Array): void {
    this.chunks.push(b);
  }
}

const compareKeys = (a: Uint8Array, b: Uint8Array): number => {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

function write(w: Writer, value: LexJson | undefined, path: string): void {
  if (value === null || typeof value === 'boolean') {
    // The simple values: null, true, false.
    w.bytes(Uint8Array.of(value === null ? 0xf6 : value ? 0xf5 : 0xf4));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: only safe integers are in the AT Protocol data model (got ${value})`);
    if (value >= 0) w.head(0, value);
    else w.head(1, -1 - value);
    return;
  }
  if (typeof value === 'string') {
    const b = encoder.encode(value);
    w.head(3, b.length);
    w.bytes(b);
    return;
  }
  if (Array.isArray(value)) {
    w.head(4, value.length);
    for (const [i, v] of value.entries()) write(w, v === undefined ? null : v, `${path}[${i}]`);
    return;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (keys.length === 1 && keys[0] === '$link' && typeof value.$link === 'string') {
      // A CID link: tag 42 over a byte string of 0x00 (the identity multibase prefix) + the binary CID.
      const cid = cidBytes(value.$link);
      w.head(6, 42);
      w.head(2, cid.length + 1);
      w.bytes(Uint8Array.of(0));
      w.bytes(cid);
      return;
    }
    if (keys.length === 1 && keys[0] === '$bytes' && typeof value.$bytes === 'string') {
      const b = Buffer.from(value.$bytes, 'base64');
      w.head(2, b.length);
      w.bytes(b);
      return;
    }
    const sorted = keys.map((k) => ({ k, b: encoder.encode(k) })).sort((x, y) => compareKeys(x.b, y.b));
    w.head(5, sorted.length);
    for (const { k, b } of sorted) {
      w.head(3, b.length);
      w.bytes(b);
      write(w, value[k], `${path}.${k}`);
    }
    return;
  }
  throw new TypeError(`${path}: ${typeof value} is not in the AT Protocol data model`);
}

/** Canonical DAG-CBOR encoding of an AT Protocol value in its JSON form. */
export function encodeDagCbor(value: LexJson): Uint8Array {
  const w = new Writer();
  write(w, value, '$');
  return Buffer.concat(w.chunks);
}

/** The CID (CIDv1, dag-cbor 0x71, sha2-256, base32 string) of a record in its JSON form. */
export function recordCid(record: LexJson): string {
  const digest = createHash('sha256').update(encodeDagCbor(record)).digest();
  // version 1, codec dag-cbor (0x71), multihash sha2-256 (0x12) of 32 (0x20) bytes.
  const bytes = Buffer.concat([Uint8Array.of(0x01, 0x71, 0x12, 0x20), digest]);
  return `b${base32Encode(bytes)}`;
}
