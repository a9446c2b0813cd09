/** Uploads of a workspace: the upload itself (XMLHttpRequest, for its progress events) and the facts of one file. */
import { useQueries } from '@tanstack/react-query';
import type { ResponseOf } from '../../../src/http/contract.ts';
import type { mediaContract } from '../../../src/media/contract.ts';
import { mediaEndpoints } from '../../../src/media/endpoints.ts';
import { ApiError, bind, call, urlOf } from './client.ts';

const api = bind<typeof mediaContract>(mediaEndpoints);

export type MediaFile = ResponseOf<typeof mediaContract.getMedia>['media'];

export const mediaKey = (ws: string, id: string) => ['ws', ws, 'media', id] as const;

/** What uploads are (type, size, dimensions), in the order of `ids`; an upload never changes, so once read it stays. */
export const useMediaFiles = (ws: string, ids: readonly string[]) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: mediaKey(ws, id),
      queryFn: async () => (await call(api.getMedia, { params: { workspaceId: ws, mediaId: id } })).media,
      staleTime: Infinity,
    })),
  });

export const thumbnailUrl = (ws: string, id: string) => urlOf(api.mediaThumbnail, { params: { workspaceId: ws, mediaId: id } });

/** POST …/media with the file as multipart/form-data; `onProgress` gets 0..1 as the bytes go out. */
export function uploadMediaFile(ws: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<MediaFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(api.uploadMedia.method, urlOf(api.uploadMedia, { params: { workspaceId: ws } }));
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as
        | (Partial<ResponseOf<typeof mediaContract.uploadMedia>> & { error?: { code: string; message: string; details?: unknown } })
        | null;
      if (xhr.status === 201 && body?.media) resolve(body.media);
      else
        reject(
          new ApiError(
            xhr.status,
            body?.error?.code ?? `http.${xhr.status}`,
            body?.error?.message ?? (xhr.statusText || 'The upload failed.'),
            body?.error?.details,
          ),
        );
    };
    xhr.onerror = () => reject(new Error('The upload did not reach the server: check the connection and try again.'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
