/** Uploads of a workspace: the upload itself (XMLHttpRequest, for its progress events) and the facts of one file. */
import { useQueries } from '@tanstack/react-query';
import type { z } from 'zod';
import type { mediaFileResponse } from '../../../src/media/schema.ts';
import { api, ApiError } from './client.ts';

export type MediaFile = z.infer<typeof mediaFileResponse>['media'];

const enc = encodeURIComponent;
export const mediaKey = (ws: string, id: string) => ['ws', ws, 'media', id] as const;

/** What uploads are (type, size, dimensions), in the order of `ids`; an upload never changes, so once read it stays. */
export const useMediaFiles = (ws: string, ids: readonly string[]) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: mediaKey(ws, id),
      queryFn: async () => (await api<{ media: MediaFile }>('GET', `/workspaces/${enc(ws)}/media/${enc(id)}`)).media,
      staleTime: Infinity,
    })),
  });

export const thumbnailUrl = (ws: string, id: string) => `/api/v1/workspaces/${enc(ws)}/media/${enc(id)}/thumbnail`;

/** POST …/media with the file as multipart/form-data; `onProgress` gets 0..1 as the bytes go out. */
export function uploadMediaFile(ws: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<MediaFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/workspaces/${enc(ws)}/media`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { media?: MediaFile; error?: { code: string; message: string; details?: unknown } } | null;
      if (xhr.status === 201 && body?.media) resolve(body.media);
      else reject(new ApiError(xhr.status, body?.error?.code ?? `http.${xhr.status}`, body?.error?.message ?? (xhr.statusText || 'The upload failed.'), body?.error?.details));
    };
    xhr.onerror = () => reject(new Error('The upload did not reach the server: check the connection and try again.'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
