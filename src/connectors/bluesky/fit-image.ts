/**
 * Bluesky takes image blobs of at most 1,000,000 bytes. A larger still image is made to fit the way
 * the Bluesky app does it: scaled to at most 2000 px on its long edge and re-encoded as JPEG, with
 * the quality, then the size, stepped down until it fits. An animated GIF would lose its animation,
 * so it is refused instead (the composer says so before the post is submitted).
 */
import type { OutputInfo } from 'sharp';
import { PermanentError } from '../connector.ts';
import type { LoadedMedia } from './media.ts';

const STEPS: { edge: number; quality: number }[] = [
  { edge: 2000, quality: 85 },
  { edge: 2000, quality: 72 },
  { edge: 1600, quality: 72 },
  { edge: 1280, quality: 65 },
  { edge: 1000, quality: 60 },
  { edge: 800, quality: 55 },
];

export async function fitImage(img: LoadedMedia, maxBytes: number, network: string): Promise<LoadedMedia> {
  if (img.bytes.length <= maxBytes) return img;
  const kb = (n: number) => `${Math.round(n / 1000)} kB`;
  if (img.mimeType === 'image/gif') {
    throw new PermanentError(
      `A GIF of ${kb(img.bytes.length)} is larger than ${network}'s ${kb(maxBytes)} and cannot be shrunk without losing its animation.`,
    );
  }
  // Loaded when an image is too large, not at start (libvips).
  const { default: sharp } = await import('sharp');
  for (const { edge, quality } of STEPS) {
    let out: { data: Buffer; info: OutputInfo };
    try {
      out = await sharp(img.bytes)
        .rotate()
        .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch (e) {
      throw new PermanentError(
        `An image (${img.mimeType}, ${kb(img.bytes.length)}) could not be resized for ${network}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (out.data.length <= maxBytes) {
      return { ...img, bytes: new Uint8Array(out.data), mimeType: 'image/jpeg', size: { width: out.info.width, height: out.info.height } };
    }
  }
  throw new PermanentError(`An image of ${kb(img.bytes.length)} could not be made smaller than ${network}'s ${kb(maxBytes)}.`);
}
