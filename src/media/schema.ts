/** Shapes of the media API (uploads of a workspace): the single source of their types. */
import { z } from 'zod';

export const MEDIA_KINDS = ['image', 'video'] as const;

const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });
export const mediaParams = workspaceParams.extend({ mediaId: ref });

export const mediaFileSchema = z.object({
  id: z.uuid(),
  kind: z.enum(MEDIA_KINDS),
  /** Detected from the bytes: image/png, image/jpeg, image/gif, image/webp, video/mp4, video/quicktime, video/webm. */
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  /** Pixels, as displayed (EXIF rotation applied); null for video. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sha256: z.string(),
  /** The name the file had when it was uploaded (display only). */
  fileName: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
  /** The file itself (same session or token as the API). */
  contentUrl: z.string(),
  /** A small WebP preview (images only). */
  thumbnailUrl: z.string().nullable(),
});
export type MediaFileView = z.infer<typeof mediaFileSchema>;

export const mediaFileResponse = z.object({ media: mediaFileSchema });

/** The bytes of an upload or its thumbnail (the detected type; not JSON). */
export const mediaBytes = z.any();
