/**
 * PURE — how the links of a variant become tracked short links at publish time.
 *
 * Every http(s) link in the variant's texts (the post, its thread, its first comment; found by the
 * rule Bluesky's link facets use, src/content/facets.ts) and its card link is replaced by
 * `<PUBLIC_URL>/l/<code>`, whose target is the original URL with UTM parameters added. Parameters the
 * URL already carries are kept as written (a `utm_campaign` in the URL overrides the default: the
 * per-link override). Links already pointing at our own redirector are left alone. A replacement that
 * would push a text over the network's limit is not made: that link goes out as written.
 *
 * Codes all have CODE_LENGTH characters, so whether a replacement fits is decided before the codes
 * exist (with a placeholder of that length) and is the same with the real ones.
 */
import { findLinks } from '../../content/facets.ts';
import { measure, utf8Length, type PlatformLimits, type VariantContent } from '../../content/limits.ts';

/** Random, URL-safe (base64url): 60 bits, so a code cannot be guessed from another. */
export const CODE_LENGTH = 10;

/** What the redirector's path looks like: `/l/<code>`. */
export const CODE_RE = /^[A-Za-z0-9_-]{4,32}$/;

/**
 * Whether short links on `publicUrl` could be followed by anyone but this machine: not on localhost or
 * 127.x (PUBLIC_URL left at its default). Real networks then get links as written, never dead ones.
 */
export function reachableFromOutside(publicUrl: string): boolean {
  const host = new URL(publicUrl).hostname.toLowerCase();
  return !(host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]');
}

/** tracked_links.target_url's limit. */
const MAX_TARGET_LENGTH = 4096;

export interface Utm {
  /** The network (`bluesky`, `mastodon`…). */
  source: string;
  medium: string;
  /** The campaign's id, else the strategy's (or the post's override). */
  campaign: string;
  /** The variant's id (or the post's override). */
  content: string;
}

/**
 * `url` with the UTM parameters it does not carry yet, appended to its query as written (nothing
 * else of the URL is re-encoded); null when it is not an http(s) URL.
 */
export function withUtm(url: string, utm: Utm): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const wanted: [string, string][] = [
    ['utm_source', utm.source],
    ['utm_medium', utm.medium],
    ['utm_campaign', utm.campaign],
    ['utm_content', utm.content],
  ];
  const missing = wanted.filter(([name, value]) => value !== '' && !parsed.searchParams.has(name));
  if (missing.length === 0) return url;
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${new URLSearchParams(missing).toString()}${fragment}`;
}

/** A text limit a wrapped text must still meet. */
export type TextLimit = Pick<PlatformLimits, 'maxLength' | 'counting' | 'maxBytes'>;

/** How far `text` is over each limit (0 where it fits). */
const excess = (text: string, limits: readonly TextLimit[]): number[] =>
  limits.flatMap((l) => [
    Math.max(0, measure(text, l.counting) - l.maxLength),
    l.maxBytes === undefined ? 0 : Math.max(0, utf8Length(text) - l.maxBytes),
  ]);

export interface WrapOptions {
  /** `<PUBLIC_URL>/l/`: the short links' prefix, and how our own links are recognised. */
  prefix: string;
  utm: Utm;
  /** The network's limits (and the connector's): a wrapped text must not break one the original met. */
  limits: readonly TextLimit[];
}

type ShortUrl = (target: string) => string | undefined;

/** Wraps the links of one text; `shortUrl(target)` names the short link of a target; `used` collects the targets wrapped. */
function wrapText(text: string, options: WrapOptions, shortUrl: ShortUrl, used: Set<string>): string {
  let out = '';
  let rest = 0;
  let current = text;
  for (const link of findLinks(text)) {
    if (link.url.startsWith(options.prefix)) continue;
    const target = withUtm(link.url, options.utm);
    const short = target !== null && target.length <= MAX_TARGET_LENGTH ? shortUrl(target) : undefined;
    if (target === null || short === undefined) continue;
    const candidate = `${out}${text.slice(rest, link.start)}${short}${text.slice(link.end)}`;
    const before = excess(current, options.limits);
    // Never over a limit the text met (nor further over one it already broke).
    if (excess(candidate, options.limits).some((e, i) => e > before[i]!)) continue;
    out += `${text.slice(rest, link.start)}${short}`;
    rest = link.end;
    current = candidate;
    used.add(target);
  }
  return out + text.slice(rest);
}

function wrapWith(content: VariantContent, options: WrapOptions, shortUrl: ShortUrl): { content: VariantContent; used: Set<string> } {
  const used = new Set<string>();
  const text = (t: string) => wrapText(t, options, shortUrl, used);
  const out: VariantContent = { ...content, text: text(content.text), thread: content.thread.map(text) };
  if (content.firstComment !== undefined) out.firstComment = text(content.firstComment);
  // The card's link has no length limit worth the name (a short link is shorter than most).
  if (content.link !== undefined && !content.link.startsWith(options.prefix)) {
    const target = withUtm(content.link, options.utm);
    const short = target !== null && target.length <= MAX_TARGET_LENGTH ? shortUrl(target) : undefined;
    if (target !== null && short !== undefined) {
      out.link = short;
      used.add(target);
    }
  }
  return { content: out, used };
}

/** The targets (tagged URLs) that get a short link in `content`, each once, in order of appearance. */
export function linkTargets(content: VariantContent, options: WrapOptions): string[] {
  const placeholder = `${options.prefix}${'x'.repeat(CODE_LENGTH)}`;
  return [...wrapWith(content, options, () => placeholder).used];
}

/** `content` with each link whose target has a code in `codes` replaced by its short link. */
export function wrapLinks(content: VariantContent, options: WrapOptions, codes: ReadonlyMap<string, string>): VariantContent {
  return wrapWith(content, options, (target) => {
    const code = codes.get(target);
    return code === undefined ? undefined : `${options.prefix}${code}`;
  }).content;
}
