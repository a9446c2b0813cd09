/** The media API's contract: upload a file to a workspace, read its facts, its bytes and its thumbnail. Routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses } from '../http/responses.ts';
import { mediaEndpoints as at } from './endpoints.ts';
import { mediaBytes, mediaFileResponse, mediaParams, workspaceParams } from './schema.ts';

const tags = ['media'] as const;
const errors = errorResponses(400, 401, 403, 404, 413, 415, 422);

export const mediaContract = {
  /** multipart/form-data, one file in the field "file": read as a stream by the handler, so no body schema. */
  uploadMedia: defineRoute({
    ...at.uploadMedia,
    access: 'content.write',
    tags,
    summary: 'Upload an image or a video (multipart/form-data, field "file") for posts of the workspace',
    description:
      'The type is detected from the bytes: PNG, JPEG, GIF, WebP, MP4, MOV, WebM (else 415 `media.unsupported_type`). Too big → 413 ' +
      '`media.too_large`; an image that cannot be decoded → 422 `media.broken_image`. Refer to it from a variant as `media: [{ mediaId, alt }]`.',
    params: workspaceParams,
    consumes: ['multipart/form-data'],
    responses: { 201: mediaFileResponse, ...errors },
  }),

  getMedia: defineRoute({
    ...at.getMedia,
    access: 'workspace.read',
    tags,
    summary: 'An uploaded file: type, size, dimensions, sha256',
    params: mediaParams,
    responses: { 200: mediaFileResponse, ...errors },
  }),

  mediaContent: defineRoute({
    ...at.mediaContent,
    access: 'workspace.read',
    tags,
    summary: 'The uploaded file itself',
    params: mediaParams,
    responses: { 200: mediaBytes, ...errors },
  }),

  mediaThumbnail: defineRoute({
    ...at.mediaThumbnail,
    access: 'workspace.read',
    tags,
    summary: 'A small WebP preview of an uploaded image (404 `media.no_thumbnail` for video)',
    params: mediaParams,
    responses: { 200: mediaBytes, ...errors },
  }),
};
