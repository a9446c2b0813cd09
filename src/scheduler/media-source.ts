/** The worker's MediaSource: a variant's uploads, read from the media storage, scoped to its workspace. */
import { PermanentError, TransientError, type MediaFile, type MediaSource } from '../connectors/connector.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { findMedia, type MediaRow } from '../media/find-media.ts';
import { MediaMissingError, readAll, type MediaStorage } from '../media/storage.ts';

export function mediaSource(q: Queryable, storage: MediaStorage, workspaceId: string): MediaSource {
  return {
    async read(mediaId: string): Promise<MediaFile> {
      let row: MediaRow;
      try {
        row = await findMedia(q, workspaceId, mediaId);
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // the database: unknown errors are transient
        throw new PermanentError(`The uploaded file ${mediaId} no longer exists in this workspace.`, { reason: 'rejected' });
      }
      let bytes: Buffer;
      try {
        bytes = await readAll(await storage.open(row.storage_key));
      } catch (e) {
        if (e instanceof MediaMissingError)
          throw new PermanentError(`The uploaded file "${row.file_name}" is missing from the media storage.`, { reason: 'rejected' });
        throw new TransientError(`The media storage (${storage.description}) could not be read: ${(e as Error).message}`, { cause: e });
      }
      return {
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        mimeType: row.mime_type,
        kind: row.kind,
        width: row.width,
        height: row.height,
        sha256: row.sha256,
      };
    },
  };
}
