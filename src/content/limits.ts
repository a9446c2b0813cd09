/**
 * PURE — what each network accepts in one post, and the check of a variant against it.
 *
 * Lengths are counted the way each network counts them:
 * - Bluesky: graphemes (`Intl.Segmenter`, what a reader sees as one character), at most 300, and at
 *   most 3000 UTF-8 bytes (the lexicon's `maxLength`).
 * - Mastodon: graphemes, with every link counting as 23 characters whatever its length and a remote
 *   mention `@user@domain` counting as `@user` (as Mastodon's StatusLengthValidator does).
 * - X: weighted as twitter-text v3 does — most Latin, punctuation and symbols weigh 1, other code
 *   points (CJK…) and every emoji weigh 2, every link weighs 23; at most 280.
 * - Everyone else: graphemes against the limit below (generous where the network is).
 *
 * Continuation posts of a thread and the first comment are checked against the same text limit.
 *
 * Media: an uploaded file (`mediaId`) is checked against the network's types and sizes with what
 * the upload recorded (`MediaInfo`); an image given by URL is only counted (its bytes are unknown
 * until it is fetched at publish time).
 */
import type { Platform } from '../plan/schema.ts';

/** An image (or video) of a post: given by URL, or uploaded to Groundwork (`mediaId`). Alt text either way. */
export type MediaRef = { url: string; mediaId?: undefined; alt: string } | { mediaId: string; url?: undefined; alt: string };

/** What an upload recorded about its file: enough to check it against a network without reading it. */
export interface MediaInfo {
  kind: 'image' | 'video';
  mimeType: string;
  sizeBytes: number;
}

export interface VariantContent {
  text: string;
  media: MediaRef[];
  link?: string;
  /** The link card's title and description (the networks that show cards; the page is not fetched). */
  linkTitle?: string;
  linkDescription?: string;
  /** Continuation posts, sent as replies to the first one. */
  thread: string[];
  /** Posted as the first reply/comment right after the post (Instagram, LinkedIn, Facebook habit). */
  firstComment?: string;
}

export type Counting = 'graphemes' | 'mastodon' | 'x';

export interface PlatformLimits {
  /** Maximum length of one post's text, in the unit `counting` says. */
  maxLength: number;
  counting: Counting;
  /** Bluesky also caps the UTF-8 size of a post's text. */
  maxBytes?: number;
  maxImages: number;
  minImages: number;
  /** Whether continuation posts (a thread) can be published there. */
  threads: boolean;
  media: MediaLimits;
}

export interface MediaLimits {
  imageTypes: readonly string[];
  maxImageBytes: number;
  /** Larger still images are resized and recompressed at publish time instead of refused (Bluesky). */
  shrinksImages?: boolean;
  /** Null: the network (or Groundwork's connector for it) takes no video. */
  video: { types: readonly string[]; maxBytes: number; maxCount: number /** No images beside a video. */; alone: boolean } | null;
}

const MB = 1_000_000;
const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
const VIDEOS = ['video/mp4', 'video/quicktime', 'video/webm'] as const;
/** Every type Groundwork takes, at generous sizes: networks without limits of their own (sandbox, webhook, blog…). */
export const ANY_MEDIA: MediaLimits = {
  imageTypes: IMAGES,
  maxImageBytes: 100 * MB,
  video: { types: VIDEOS, maxBytes: 10_000 * MB, maxCount: 20, alone: false },
};
const generous: PlatformLimits = {
  maxLength: 100_000,
  counting: 'graphemes',
  maxImages: 20,
  minImages: 0,
  threads: false,
  media: ANY_MEDIA,
};

export const PLATFORM_LIMITS: Record<Platform, PlatformLimits> = {
  // Blobs of `app.bsky.embed.images` are at most 1,000,000 bytes; `app.bsky.embed.video` one MP4 of 100 MB.
  bluesky: {
    maxLength: 300,
    counting: 'graphemes',
    maxBytes: 3000,
    maxImages: 4,
    minImages: 0,
    threads: true,
    media: {
      imageTypes: IMAGES,
      maxImageBytes: MB,
      shrinksImages: true,
      video: { types: ['video/mp4'], maxBytes: 100 * MB, maxCount: 1, alone: true },
    },
  },
  // Mastodon's defaults: 16 MB images, 99 MB video, a video is the post's only attachment.
  mastodon: {
    maxLength: 500,
    counting: 'mastodon',
    maxImages: 4,
    minImages: 0,
    threads: true,
    media: { imageTypes: IMAGES, maxImageBytes: 16 * MB, video: { types: VIDEOS, maxBytes: 99 * MB, maxCount: 1, alone: true } },
  },
  x: {
    maxLength: 280,
    counting: 'x',
    maxImages: 4,
    minImages: 0,
    threads: true,
    media: {
      imageTypes: IMAGES,
      maxImageBytes: 5 * MB,
      video: { types: ['video/mp4', 'video/quicktime'], maxBytes: 512 * MB, maxCount: 1, alone: true },
    },
  },
  threads: {
    maxLength: 500,
    counting: 'graphemes',
    maxImages: 10,
    minImages: 0,
    threads: true,
    media: {
      imageTypes: ['image/png', 'image/jpeg', 'image/webp'],
      maxImageBytes: 8 * MB,
      video: { types: ['video/mp4', 'video/quicktime'], maxBytes: 1000 * MB, maxCount: 10, alone: false },
    },
  },
  linkedin: {
    maxLength: 3000,
    counting: 'graphemes',
    maxImages: 20,
    minImages: 0,
    threads: false,
    media: { imageTypes: IMAGES, maxImageBytes: 36 * MB, video: { types: ['video/mp4'], maxBytes: 5000 * MB, maxCount: 1, alone: true } },
  },
  instagram: {
    maxLength: 2200,
    counting: 'graphemes',
    maxImages: 10,
    minImages: 1,
    threads: false,
    media: {
      imageTypes: ['image/jpeg', 'image/png'],
      maxImageBytes: 8 * MB,
      video: { types: ['video/mp4', 'video/quicktime'], maxBytes: 300 * MB, maxCount: 10, alone: false },
    },
  },
  facebook: {
    maxLength: 63_206,
    counting: 'graphemes',
    maxImages: 20,
    minImages: 0,
    threads: false,
    media: { imageTypes: IMAGES, maxImageBytes: 10 * MB, video: { types: VIDEOS, maxBytes: 4000 * MB, maxCount: 1, alone: true } },
  },
  youtube: { ...generous, maxLength: 5000 },
  tiktok: { ...generous, maxLength: 2200 },
  pinterest: { ...generous, maxLength: 500, maxImages: 5 },
  blog: generous,
  // An e-mail cannot play video: images only.
  newsletter: { ...generous, media: { ...ANY_MEDIA, video: null } },
  other: generous,
};

export interface VariantIssue {
  code:
    | 'post.text_too_long'
    | 'post.text_too_large'
    | 'post.too_many_images'
    | 'post.image_required'
    | 'post.empty_text'
    | 'post.thread_unsupported'
    | 'post.media_type_unsupported'
    | 'post.media_too_large'
    | 'post.video_unsupported'
    | 'post.video_not_alone';
  message: string;
  /** JSON pointer into the request body, e.g. `/variants/bluesky/thread/1`. */
  path: string;
  channel: string;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const ASCII_RE = /^[\x00-\x7f]*$/;

export function countGraphemes(text: string): number {
  // Fast path (Intl.Segmenter takes ~10 µs a grapheme): in ASCII only CR LF is one grapheme of two units.
  if (ASCII_RE.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

// A link as the networks shorten/count it: scheme, then anything up to whitespace.
const LINK_RE = /https?:\/\/[^\s]+/giu;
const LINK_WEIGHT = 23;
// twitter-text v3: code points in these ranges weigh 1, everything else 2.
const X_LIGHT: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function xWeight(grapheme: string): number {
  if (EMOJI_RE.test(grapheme)) return 2;
  let w = 0;
  for (const ch of grapheme) {
    const cp = ch.codePointAt(0)!;
    // Combining marks and joiners inside a grapheme add nothing beyond its base character.
    if (w > 0 && /\p{M}|\u200d|\ufe0f/u.test(ch)) continue;
    w += X_LIGHT.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
  }
  return w;
}

/** The length of `text` as `counting` measures it. */
export function measure(text: string, counting: Counting): number {
  if (counting === 'graphemes') return countGraphemes(text);
  const links = text.match(LINK_RE) ?? [];
  const rest = text.replace(LINK_RE, '');
  if (counting === 'mastodon') {
    // `@user@example.social` counts as `@user`.
    const local = rest.replace(/(^|[^\p{L}\p{N}_])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '$1$2');
    return countGraphemes(local) + links.length * LINK_WEIGHT;
  }
  let n = links.length * LINK_WEIGHT;
  for (const { segment } of segmenter.segment(rest)) n += xWeight(segment);
  return n;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export const pointerSegment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

const unit = (c: Counting) => (c === 'x' ? 'weighted characters' : 'characters');

const mb = (n: number) => `${Math.round(n / 100_000) / 10} MB`;
const fileSize = (n: number) => (n < 1_000_000 ? `${Math.max(1, Math.round(n / 1000))} kB` : mb(n));
const TYPE_NAMES: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'video/quicktime': 'MOV',
  'video/webm': 'WebM',
};
export const mediaTypeName = (mimeType: string): string => TYPE_NAMES[mimeType] ?? mimeType;

/** The uploaded files of a variant against the network's types, sizes and video rules. */
function mediaIssues(
  limits: MediaLimits,
  name: string,
  media: readonly MediaRef[],
  info: MediaLookup,
  base: string,
  channel: string,
): VariantIssue[] {
  const issues: VariantIssue[] = [];
  const known = media.map((m, i) => ({ i, info: m.mediaId === undefined ? undefined : info(m.mediaId) }));
  const videos = known.filter((k) => k.info?.kind === 'video');
  known.forEach(({ i, info: f }) => {
    if (!f) return;
    const path = `${base}/media/${i}`;
    const what = `${f.kind === 'video' ? 'Video' : 'Image'} ${i + 1} (${mediaTypeName(f.mimeType)}, ${fileSize(f.sizeBytes)})`;
    if (f.kind === 'video') {
      if (!limits.video) {
        issues.push({ code: 'post.video_unsupported', message: `${what} cannot go to ${name}: it takes no video.`, path, channel });
      } else if (!limits.video.types.includes(f.mimeType)) {
        issues.push({
          code: 'post.media_type_unsupported',
          message: `${what}: ${name} takes video as ${limits.video.types.map(mediaTypeName).join(', ')}.`,
          path,
          channel,
        });
      } else if (f.sizeBytes > limits.video.maxBytes) {
        issues.push({
          code: 'post.media_too_large',
          message: `${what} is too large; ${name} takes video up to ${mb(limits.video.maxBytes)}.`,
          path,
          channel,
        });
      }
      return;
    }
    if (!limits.imageTypes.includes(f.mimeType)) {
      issues.push({
        code: 'post.media_type_unsupported',
        message: `${what}: ${name} takes images as ${limits.imageTypes.map(mediaTypeName).join(', ')}.`,
        path,
        channel,
      });
    } else if (f.sizeBytes > limits.maxImageBytes && !(limits.shrinksImages && f.mimeType !== 'image/gif')) {
      const why = limits.shrinksImages ? ' (an animated GIF cannot be shrunk without losing its animation: convert or trim it)' : '';
      issues.push({
        code: 'post.media_too_large',
        message: `${what} is too large; ${name} takes images up to ${mb(limits.maxImageBytes)}${why}.`,
        path,
        channel,
      });
    }
  });
  const video = limits.video;
  if (video && videos.length > 0) {
    if (videos.length > video.maxCount) {
      issues.push({
        code: 'post.video_not_alone',
        message: `The ${name} post has ${videos.length} videos; ${name} takes ${video.maxCount === 1 ? 'one' : `at most ${video.maxCount}`}.`,
        path: `${base}/media`,
        channel,
      });
    } else if (video.alone && media.length > videos.length) {
      issues.push({
        code: 'post.video_not_alone',
        message: `A ${name} post with a video can have no other images or videos.`,
        path: `${base}/media`,
        channel,
      });
    }
  }
  return issues;
}

/** What an upload recorded, by its id (undefined for ids unknown here). */
export type MediaLookup = (mediaId: string) => MediaInfo | undefined;
const noMedia: MediaLookup = () => undefined;

/** The network's rules for the uploaded files among `media` (types, sizes, video), with pointers to each. */
export function validateMedia(
  platform: Platform,
  media: readonly MediaRef[],
  channel: string = platform,
  lookup: MediaLookup = noMedia,
): VariantIssue[] {
  return mediaIssues(
    PLATFORM_LIMITS[platform].media,
    platformName(platform),
    media,
    lookup,
    `/variants/${pointerSegment(channel)}`,
    channel,
  );
}

/**
 * Everything in `content` that `platform` would refuse, with a JSON pointer to each place
 * (`/variants/<channel>/text`, `/variants/<channel>/media`, `/variants/<channel>/thread/<i>`…).
 * `media` tells what the variant's uploads are (type, size) for the network's media rules.
 */
export function validateVariant(
  platform: Platform,
  content: VariantContent,
  channel: string = platform,
  media: MediaLookup = noMedia,
): VariantIssue[] {
  const limits = PLATFORM_LIMITS[platform];
  const base = `/variants/${pointerSegment(channel)}`;
  const issues: VariantIssue[] = [];
  const name = platformName(platform);

  const checkText = (text: string, path: string, what: string) => {
    // A grapheme is at least one UTF-16 unit: a text no longer than the limit in units fits.
    const length = limits.counting === 'graphemes' && text.length <= limits.maxLength ? text.length : measure(text, limits.counting);
    if (length > limits.maxLength) {
      issues.push({
        code: 'post.text_too_long',
        message: `${what} is ${length} ${unit(limits.counting)} long; ${name} allows ${limits.maxLength}.`,
        path,
        channel,
      });
    }
    if (limits.maxBytes !== undefined) {
      const bytes = utf8Length(text);
      if (bytes > limits.maxBytes) {
        issues.push({
          code: 'post.text_too_large',
          message: `${what} is ${bytes} bytes in UTF-8; ${name} allows ${limits.maxBytes}.`,
          path,
          channel,
        });
      }
    }
  };

  if (content.text.trim() === '' && content.media.length === 0) {
    issues.push({ code: 'post.empty_text', message: `The ${name} post has neither text nor images.`, path: `${base}/text`, channel });
  }
  checkText(content.text, `${base}/text`, `The ${name} post`);
  if (content.media.length > limits.maxImages) {
    issues.push({
      code: 'post.too_many_images',
      message: `The ${name} post has ${content.media.length} images; ${name} allows at most ${limits.maxImages}.`,
      path: `${base}/media`,
      channel,
    });
  }
  issues.push(...validateMedia(platform, content.media, channel, media));
  if (content.media.length < limits.minImages) {
    issues.push({
      code: 'post.image_required',
      message: `A ${name} post needs at least ${limits.minImages} image${limits.minImages === 1 ? '' : 's'}.`,
      path: `${base}/media`,
      channel,
    });
  }
  if (content.thread.length > 0 && !limits.threads) {
    issues.push({
      code: 'post.thread_unsupported',
      message: `${name} has no threads; put the continuation into the text or the first comment.`,
      path: `${base}/thread`,
      channel,
    });
  }
  content.thread.forEach((t, i) => {
    if (t.trim() === '') {
      issues.push({ code: 'post.empty_text', message: `Thread post ${i + 2} is empty.`, path: `${base}/thread/${i}`, channel });
    }
    checkText(t, `${base}/thread/${i}`, `Thread post ${i + 2}`);
  });
  if (content.firstComment !== undefined) checkText(content.firstComment, `${base}/firstComment`, 'The first comment');
  return issues;
}

const NAMES: Partial<Record<Platform, string>> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  facebook: 'Facebook',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
};
export const platformName = (p: Platform): string => NAMES[p] ?? p;
