/** Media API: upload a file to a workspace, read its facts, its bytes and its thumbnail. Thin: parse → authorize → call → present. */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { findMedia, presentMedia } from './find-media.ts';
import { mediaFileResponse, mediaParams, workspaceParams } from './schema.ts';
import { MediaMissingError, storageFromConfig, type MediaStorage } from './storage.ts';
import { uploadMedia, type UploadLimits } from './upload-media.ts';

declare module '../http/app.ts' {
  interface AppDeps {
    /** Where uploads are stored; default DATA_DIR/media of the default configuration (./data/media). */
    mediaStorage?: MediaStorage;
    /** Upload size limits; default MEDIA_MAX_IMAGE_MB / MEDIA_MAX_VIDEO_MB's defaults. */
    mediaLimits?: UploadLimits;
  }
}

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema, 415: errorBodySchema, 422: errorBodySchema };

export async function mediaRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const defaults = loadConfig({}).media;
  const storage = app.deps.mediaStorage ?? storageFromConfig(defaults);
  const limits = app.deps.mediaLimits ?? { maxImageBytes: defaults.maxImageBytes, maxVideoBytes: defaults.maxVideoBytes };
  const tags = ['media'];
  const base = '/workspaces/:workspaceId/media';

  // Multipart only here (its own scope): one file per request, streamed; the size is checked per kind after detection.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { files: 1, fields: 0, parts: 2, fileSize: Math.max(limits.maxImageBytes, limits.maxVideoBytes) + 1 },
    });
    scope.post(base, {
      config: { access: 'content.write' },
      schema: {
        tags,
        summary: 'Upload an image or a video (multipart/form-data, field "file") for posts of the workspace',
        description:
          'The type is detected from the bytes: PNG, JPEG, GIF, WebP, MP4, MOV, WebM (else 415 `media.unsupported_type`). Too big → 413 ' +
          '`media.too_large`; an image that cannot be decoded → 422 `media.broken_image`. Refer to it from a variant as `media: [{ mediaId, alt }]`.',
        params: workspaceParams,
        consumes: ['multipart/form-data'],
        response: { 201: mediaFileResponse, ...errors },
      },
    }, async (req, reply) => {
      const { workspace } = req.authorized;
      if (!req.isMultipart()) {
        throw new AppError('media.multipart_required', 'Send the file as multipart/form-data, in a field named "file".', 415);
      }
      const part = await req.file();
      if (!part) throw new AppError('media.file_required', 'The form has no file: send it in a field named "file".', 400);
      const media = await uploadMedia(pool, storage, limits, { workspaceId: workspace.id, actor: req.actor! }, { stream: part.file, fileName: part.filename });
      return reply.status(201).send({ media });
    });
  });

  app.get(`${base}/:mediaId`, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'An uploaded file: type, size, dimensions, sha256', params: mediaParams, response: { 200: mediaFileResponse, ...errors } },
  }, async (req) => {
    const { workspace } = req.authorized;
    return { media: presentMedia(await findMedia(pool, workspace.id, req.params.mediaId)) };
  });

  const send = async (reply: FastifyReply, key: string, type: string) => {
    let stream;
    try {
      stream = await storage.open(key);
    } catch (e) {
      if (e instanceof MediaMissingError) throw new AppError('media.missing', 'The file is recorded but missing from the media storage.', 404);
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

  app.get(`${base}/:mediaId/content`, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'The uploaded file itself', params: mediaParams, response: { 200: z.any(), ...errors } },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const row = await findMedia(pool, workspace.id, req.params.mediaId);
    return send(reply, row.storage_key, row.mime_type);
  });

  app.get(`${base}/:mediaId/thumbnail`, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'A small WebP preview of an uploaded image (404 `media.no_thumbnail` for video)', params: mediaParams, response: { 200: z.any(), ...errors } },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const row = await findMedia(pool, workspace.id, req.params.mediaId);
    if (!row.thumbnail_key) throw new AppError('media.no_thumbnail', 'A video has no thumbnail.', 404);
    return send(reply, row.thumbnail_key, 'image/webp');
  });
}
