/**
 * Loading a post's images for upload — shared by the Bluesky and Mastodon connectors.
 *
 * A media item's `url` may be:
 * - `data:image/…;base64,…` (what the post editor stores; the only form besides http(s) the post
 *   schema accepts);
 * - `http(s)://…`, fetched with the call's abort signal, at most `maxBytes`, and it must answer with
 *   an image. 404/410 and other 4xx are permanent (the image is gone), 5xx and network errors
 *   transient. The URL is what a workspace member typed, so it is fetched only with the connector's
 *   guarded outbound client (`fetch`, src/outbound/): never a private or local address;
 * - `file://…` or an absolute local path — only with `allowLocalFiles` (tests and the demo); off by
 *   default so a post can never read the server's files.
 * An uploaded file (`mediaId`) is read through the publish context's MediaSource (Groundwork's media
 * storage); it may be a video where the connector takes one (`maxVideoBytes`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectMediaType } from '../../media/detect.ts';
import type { MediaRef } from '../../content/limits.ts';
import { findOutboundError } from '../../outbound/errors.ts';
import { httpError, PermanentError, readUpload, TransientError, type MediaSource } from '../connector.ts';

export interface LoadedMedia {
  bytes: Uint8Array;
  mimeType: string;
  kind: 'image' | 'video';
  alt: string;
  /** Pixel size when the format could be read (PNG, GIF, JPEG, WebP). */
  size?: { width: number; height: number };
}

export interface MediaOptions {
  allowLocalFiles?: boolean;
  /** The largest image taken. */
  maxBytes: number;
  /** The largest video taken; undefined: no video. */
  maxVideoBytes?: number;
  /** Where uploaded files (`mediaId`) are read from. */
  source?: MediaSource;
  /** Named in messages: "Bluesky", "Mastodon". */
  network: string;
  /** The guarded outbound client; without it http(s) images are refused (the global fetch has no address policy). */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const EXT_MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
};

/** The image format from its first bytes, when recognised. */
export function sniffImageType(b: Uint8Array): string | undefined {
  const type = detectMediaType(b);
  return type?.kind === 'image' ? type.mimeType : undefined;
}

/** Width and height of a PNG, GIF, JPEG or WebP image, or undefined. */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = sniffImageType(b);
  try {
    if (type === 'image/png' && b.length >= 24) return { width: dv.getUint32(16), height: dv.getUint32(20) };
    if (type === 'image/gif' && b.length >= 10) return { width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
    if (type === 'image/jpeg') {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) return undefined;
        const marker = b[i + 1]!;
        const len = dv.getUint16(i + 2);
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return { height: dv.getUint16(i + 5), width: dv.getUint16(i + 7) };
        }
        i += 2 + len;
      }
      return undefined;
    }
    if (type === 'image/webp' && b.length >= 30) {
      const chunk = String.fromCharCode(...b.subarray(12, 16));
      if (chunk === 'VP8X') return { width: 1 + (dv.getUint32(24, true) & 0xffffff), height: 1 + (dv.getUint32(27, true) & 0xffffff) };
      if (chunk === 'VP8 ') return { width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
      if (chunk === 'VP8L') {
        const bits = dv.getUint32(21, true);
        return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

const describe = (url: string): string =>
  url.startsWith('data:') ? `${url.slice(0, 30)}…` : url.length > 120 ? `${url.slice(0, 120)}…` : url;

async function readLocal(url: string): Promise<{ bytes: Uint8Array; mimeType?: string }> {
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  try {
    const bytes = new Uint8Array(await readFile(file));
    return { bytes, mimeType: EXT_MIME[path.extname(file).toLowerCase()] };
  } catch (e) {
    throw new PermanentError(`The image ${file} could not be read: ${(e as Error).message}`, { reason: 'rejected', cause: e });
  }
}

async function readRemote(url: string, o: MediaOptions): Promise<{ bytes: Uint8Array; mimeType?: string }> {
  if (!o.fetch)
    throw new PermanentError(`The image ${describe(url)} cannot be fetched here (no outbound client given).`, { reason: 'misconfigured' });
  let res: Response;
  try {
    res = await o.fetch(url, { signal: o.signal, redirect: 'follow' });
  } catch (e) {
    if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) throw e;
    const refused = findOutboundError(e);
    if (refused && refused.code !== 'outbound.timeout')
      throw new PermanentError(`The image ${describe(url)} cannot be fetched: ${refused.message}`, { reason: 'rejected', cause: refused });
    const why = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new TransientError(`The image ${describe(url)} could not be fetched: ${why}`, { cause: e });
  }
  if (!res.ok)
    throw httpError(res.status, `The image ${describe(url)} could not be fetched: HTTP ${res.status}`, res.headers.get('retry-after'));
  const declared = Number(res.headers.get('content-length'));
  if (declared > o.maxBytes) throw tooLarge(url, declared, o);
  // Read at most maxBytes + 1, whatever the server claims.
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > o.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(url, total, o); // at least this much
      }
      chunks.push(value);
    }
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType: res.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() };
}

function tooLarge(url: string, bytes: number, o: MediaOptions, max = o.maxBytes, what = 'image'): PermanentError {
  const kb = (n: number) => `${Math.round(n / 1000)} kB`;
  return new PermanentError(
    `The ${what} ${describe(url)} is ${kb(bytes)}; ${o.network} accepts at most ${kb(max)}. Resize or compress it.`,
    {
      reason: 'rejected',
    },
  );
}

async function loadUpload(item: { mediaId: string; alt: string }, o: MediaOptions): Promise<LoadedMedia> {
  const file = await readUpload(o.source, item.mediaId, o.signal);
  const name = `(upload ${item.mediaId})`;
  if (file.kind === 'video') {
    if (o.maxVideoBytes === undefined)
      throw new PermanentError(`${o.network} does not take video from Groundwork: remove the video ${name}.`, { reason: 'rejected' });
    if (file.bytes.length > o.maxVideoBytes) throw tooLarge(name, file.bytes.length, o, o.maxVideoBytes, 'video');
  }
  const size = file.width !== null && file.height !== null ? { width: file.width, height: file.height } : undefined;
  return { bytes: file.bytes, mimeType: file.mimeType, kind: file.kind, alt: item.alt, size };
}

/**
 * Reads one media item into bytes with its type; errors are classified (see the module comment).
 * An uploaded image is returned at its stored size: the caller fits it to the network when it can.
 */
export async function loadMedia(item: MediaRef, o: MediaOptions): Promise<LoadedMedia> {
  if (item.mediaId !== undefined) return loadUpload(item, o);
  const url = item.url.trim();
  let got: { bytes: Uint8Array; mimeType?: string };
  if (url.startsWith('data:')) {
    const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
    if (!m) throw new PermanentError(`The image ${describe(url)} is not a valid data: URL.`, { reason: 'rejected' });
    const base64 = m[2]!.split(';').includes('base64');
    const bytes = base64 ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
    got = { bytes: new Uint8Array(bytes), mimeType: m[1] || undefined };
  } else if (/^https?:\/\//i.test(url)) {
    got = await readRemote(url, o);
  } else if (url.startsWith('file:') || path.isAbsolute(url)) {
    if (!o.allowLocalFiles)
      throw new PermanentError(`Local image paths are not allowed here: ${describe(url)}`, { reason: 'misconfigured' });
    got = await readLocal(url);
  } else {
    throw new PermanentError(`Unsupported image URL: ${describe(url)} (use https://, or a data: URL).`, { reason: 'rejected' });
  }
  if (got.bytes.length === 0) throw new PermanentError(`The image ${describe(url)} is empty.`, { reason: 'rejected' });
  if (got.bytes.length > o.maxBytes) throw tooLarge(url, got.bytes.length, o);
  const sniffed = sniffImageType(got.bytes);
  const mimeType = sniffed ?? got.mimeType;
  if (!mimeType?.startsWith('image/')) {
    throw new PermanentError(`The file at ${describe(url)} is not an image (${mimeType ?? 'unknown type'}).`, { reason: 'rejected' });
  }
  return { bytes: got.bytes, mimeType, kind: 'image', alt: item.alt, size: imageSize(got.bytes) };
}
