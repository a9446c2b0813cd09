/**
 * Stores one uploaded file of a workspace. The upload streams to a temporary file while its
 * sha256 and size are taken; its type is detected from its first bytes (415 `media.unsupported_type`
 * otherwise), its size checked against the limit of that kind (413 `media.too_large`), and an image
 * is decoded in full by sharp — off the event loop — to read its dimensions and make its thumbnail
 * (422 `media.broken_image` when it cannot be). Then the file and its thumbnail go to the storage
 * and the row and its audit entry to the database; if that fails, the stored files are removed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { detectMediaType, SNIFF_BYTES, type DetectedType } from './detect.ts';
import { presentMedia, type MediaRow } from './find-media.ts';
import type { MediaFileView } from './schema.ts';
import type { MediaStorage } from './storage.ts';

export interface UploadLimits {
  maxImageBytes: number;
  maxVideoBytes: number;
}

export interface IncomingFile {
  /** The bytes as they arrive; `truncated` once the multipart parser stopped at the size limit. */
  stream: AsyncIterable<Buffer> & { truncated?: boolean };
  fileName: string;
}

export interface UploadContext {
  workspaceId: string;
  actor: Actor;
}

/** The edge of the preview shown in the composer, in pixels (twice the largest display size, for sharp screens). */
const THUMBNAIL_PX = 320;
const mb = (n: number) => `${Math.round(n / 100_000) / 10} MB`;

const tooLarge = (what: string, limit: number, size?: number) =>
  new AppError(
    'media.too_large',
    size === undefined ? `The ${what} is larger than the limit of ${mb(limit)}.` : `The ${what} is ${mb(size)}; the limit is ${mb(limit)}.`,
    413,
    {
      limitBytes: limit,
      ...(size === undefined ? {} : { sizeBytes: size }),
    },
  );

interface Received {
  file: string;
  size: number;
  sha256: string;
  head: Buffer;
}

async function receive(incoming: IncomingFile, dir: string): Promise<Received> {
  const file = path.join(dir, 'upload');
  const hash = createHash('sha256');
  let size = 0;
  const heads: Buffer[] = [];
  let headLength = 0;
  await pipeline(
    incoming.stream,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < SNIFF_BYTES) {
          heads.push(chunk.subarray(0, SNIFF_BYTES - headLength));
          headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
        }
        yield chunk;
      }
    },
    createWriteStream(file),
  );
  return { file, size, sha256: hash.digest('hex'), head: Buffer.concat(heads) };
}

interface ImageFacts {
  width: number;
  height: number;
  thumbnail: Buffer;
}

async function inspectImage(file: string): Promise<ImageFacts> {
  // Loaded on the first upload, not at start (libvips).
  const { default: sharp } = await import('sharp');
  try {
    // `animated`: every frame of a GIF/WebP counts, so a broken later frame is caught too.
    const image = sharp(file, { animated: true, failOn: 'warning' });
    const meta = await image.metadata();
    const rotated = (meta.orientation ?? 1) >= 5;
    const w = meta.width;
    const h = meta.pageHeight ?? meta.height;
    const thumbnail = await sharp(file, { failOn: 'warning' })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    // The thumbnail decoded the first frame; an animation's later frames are decoded too (pixels not kept).
    if ((meta.pages ?? 1) > 1) await image.stats();
    return { width: rotated ? h : w, height: rotated ? w : h, thumbnail };
  } catch (e) {
    throw new AppError('media.broken_image', `The image could not be read: ${(e as Error).message.split('\n')[0]}`, 422);
  }
}

export async function uploadMedia(
  pool: Pool,
  storage: MediaStorage,
  limits: UploadLimits,
  ctx: UploadContext,
  incoming: IncomingFile,
): Promise<MediaFileView> {
  const tmpRoot = path.join(os.tmpdir(), 'groundwork-uploads');
  await mkdir(tmpRoot, { recursive: true });
  const dir = await mkdtemp(path.join(tmpRoot, 'up-'));
  try {
    const got = await receive(incoming, dir);
    if (got.size === 0) throw new AppError('media.empty', 'The file is empty.', 422);
    const type: DetectedType | undefined = detectMediaType(got.head);
    // Cut off at the largest limit of any kind: the rest was never read.
    if (incoming.stream.truncated) {
      throw tooLarge(
        type?.kind ?? 'file',
        type?.kind === 'image' ? limits.maxImageBytes : Math.max(limits.maxImageBytes, limits.maxVideoBytes),
      );
    }
    if (!type) {
      throw new AppError(
        'media.unsupported_type',
        'This is not a file type Groundwork takes: upload a PNG, JPEG, GIF or WebP image, or an MP4, MOV or WebM video.',
        415,
        {
          accepted: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm'],
        },
      );
    }
    const limit = type.kind === 'image' ? limits.maxImageBytes : limits.maxVideoBytes;
    if (got.size > limit) throw tooLarge(type.kind, limit, got.size);
    const image = type.kind === 'image' ? await inspectImage(got.file) : undefined;

    const id = randomUUID();
    const key = `${ctx.workspaceId}/${id}.${type.ext}`;
    const thumbnailKey = image ? `${ctx.workspaceId}/${id}.thumb.webp` : null;
    await storage.putFile(key, got.file, type.mimeType);
    try {
      if (image && thumbnailKey) await storage.put(thumbnailKey, image.thumbnail, 'image/webp');
      const fileName = incoming.fileName.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || `upload.${type.ext}`;
      return await withTransaction(pool, async (tx) => {
        const { rows } = await tx.query<MediaRow>(
          `INSERT INTO media (id, workspace_id, uploaded_by, kind, mime_type, size_bytes, width, height, sha256, file_name, storage_key, thumbnail_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
          [
            id,
            ctx.workspaceId,
            ctx.actor.userId,
            type.kind,
            type.mimeType,
            got.size,
            image?.width ?? null,
            image?.height ?? null,
            got.sha256,
            fileName,
            key,
            thumbnailKey,
          ],
        );
        const view = presentMedia(rows[0]!);
        const { contentUrl: _c, thumbnailUrl: _t, ...after } = view;
        await recordAudit(tx, {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: 'media.upload',
          entityType: 'media',
          entityId: id,
          after,
        });
        return view;
      });
    } catch (e) {
      await Promise.allSettled([storage.delete(key), ...(thumbnailKey ? [storage.delete(thumbnailKey)] : [])]);
      throw e;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
