/** Media API, as ./contract.ts defines it: upload a file to a workspace, read its facts, its bytes and its thumbnail. Thin: parse → authorize → call → present. */
import fastifyMultipart from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { register, type App } from '../http/kit.ts';
import { mediaContract as contract } from './contract.ts';
import { findMedia, presentMedia } from './find-media.ts';
import { MediaMissingError, storageFromConfig, type MediaStorage } from './storage.ts';
import { uploadMedia, type UploadLimits } from './upload-media.ts';

declare module '../http/kit.ts' {
  interface AppDeps {
    /** Where uploads are stored; default DATA_DIR/media of the default configuration (./data/media). */
    mediaStorage?: MediaStorage;
    /** Upload size limits; default MEDIA_MAX_IMAGE_MB / MEDIA_MAX_VIDEO_MB's defaults. */
    mediaLimits?: UploadLimits;
  }
}

export async function mediaRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const defaults = loadConfig({}).media;
  const storage = app.deps.mediaStorage ?? storageFromConfig(defaults);
  const limits = app.deps.mediaLimits ?? { maxImageBytes: defaults.maxImageBytes, maxVideoBytes: defaults.maxVideoBytes };

  // Multipart only here (its own scope): one file per request, streamed; the size is checked per kind after detection.
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin (FastifyPluginAsync); the rule misreads register's overloads
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { files: 1, fields: 0, parts: 2, fileSize: Math.max(limits.maxImageBytes, limits.maxVideoBytes) + 1 },
    });
    register(scope, contract.uploadMedia, async (req, reply) => {
      const { workspace } = req.authorized;
      if (!req.isMultipart()) {
        throw new AppError('media.multipart_required', 'Send the file as multipart/form-data, in a field named "file".', 415);
      }
      const part = await req.file();
      if (!part) throw new AppError('media.file_required', 'The form has no file: send it in a field named "file".', 400);
      const media = await uploadMedia(
        pool,
        storage,
        limits,
        { workspaceId: workspace.id, actor: req.actor! },
        { stream: part.file, fileName: part.filename },
      );
      return reply.status(201).send({ media });
    });
  });

  register(app, contract.getMedia, async (req) => {
    const { workspace } = req.authorized;
    return { media: presentMedia(await findMedia(pool, workspace.id, req.params.mediaId)) };
  });

  const send = async (reply: FastifyReply, key: string, type: string) => {
    let stream: Readable;
    try {
      stream = await storage.open(key);
    } catch (e) {
      if (e instanceof MediaMissingError)
        throw new AppError('media.missing', 'The file is recorded but missing from the media storage.', 404);
      throw e;
    }
    // Uploads never change (a new file gets a new id); nosniff: the detected type is the only one.
    return reply
      .type(type)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(stream);
  };

  register(app, contract.mediaContent, async (req, reply) => {
    const { workspace } = req.authorized;
    const row = await findMedia(pool, workspace.id, req.params.mediaId);
    return send(reply, row.storage_key, row.mime_type);
  });

  register(app, contract.mediaThumbnail, async (req, reply) => {
    const { workspace } = req.authorized;
    const row = await findMedia(pool, workspace.id, req.params.mediaId);
    if (!row.thumbnail_key) throw new AppError('media.no_thumbnail', 'A video has no thumbnail.', 404);
    return send(reply, row.thumbnail_key, 'image/webp');
  });
}
