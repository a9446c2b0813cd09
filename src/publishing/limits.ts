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
 */
import type { Platform } from '../plan/schema.ts';

export interface VariantContent {
  text: string;
  media: { url: string; alt: string }[];
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
}

const generous: PlatformLimits = { maxLength: 100_000, counting: 'graphemes', maxImages: 20, minImages: 0, threads: false };

export const PLATFORM_LIMITS: Record<Platform, PlatformLimits> = {
  bluesky: { maxLength: 300, counting: 'graphemes', maxBytes: 3000, maxImages: 4, minImages: 0, threads: true },
  mastodon: { maxLength: 500, counting: 'mastodon', maxImages: 4, minImages: 0, threads: true },
  x: { maxLength: 280, counting: 'x', maxImages: 4, minImages: 0, threads: true },
  threads: { maxLength: 500, counting: 'graphemes', maxImages: 10, minImages: 0, threads: true },
  linkedin: { maxLength: 3000, counting: 'graphemes', maxImages: 20, minImages: 0, threads: false },
  instagram: { maxLength: 2200, counting: 'graphemes', maxImages: 10, minImages: 1, threads: false },
  facebook: { maxLength: 63_206, counting: 'graphemes', maxImages: 20, minImages: 0, threads: false },
  youtube: { ...generous, maxLength: 5000 },
  tiktok: { ...generous, maxLength: 2200 },
  pinterest: { ...generous, maxLength: 500, maxImages: 5 },
  blog: generous,
  newsletter: generous,
  other: generous,
};

export interface VariantIssue {
  code:
    | 'post.text_too_long'
    | 'post.text_too_large'
    | 'post.too_many_images'
    | 'post.image_required'
    | 'post.empty_text'
    | 'post.thread_unsupported';
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
const X_LIGHT: [number, number][] = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
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

/**
 * Everything in `content` that `platform` would refuse, with a JSON pointer to each place
 * (`/variants/<channel>/text`, `/variants/<channel>/media`, `/variants/<channel>/thread/<i>`…).
 */
export function validateVariant(platform: Platform, content: VariantContent, channel: string = platform): VariantIssue[] {
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
        issues.push({ code: 'post.text_too_large', message: `${what} is ${bytes} bytes in UTF-8; ${name} allows ${limits.maxBytes}.`, path, channel });
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
  bluesky: 'Bluesky', mastodon: 'Mastodon', x: 'X', threads: 'Threads', linkedin: 'LinkedIn', instagram: 'Instagram',
  facebook: 'Facebook', youtube: 'YouTube', tiktok: 'TikTok', pinterest: 'Pinterest',
};
export const platformName = (p: Platform): string => NAMES[p] ?? p;
