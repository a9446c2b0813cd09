/**
 * PURE — Bluesky rich text. A Bluesky post is plain text plus "facets": ranges of the text marked as
 * a mention, a link or a hashtag. The AT Protocol measures those ranges in UTF-8 BYTES (not UTF-16
 * code units as JavaScript strings do, nor graphemes), so "🥐 #bread" has its tag at bytes 5–11.
 *
 * Detection follows @atproto/api's `detectFacets`: a mention is `@` + a handle that is a domain name
 * (`@alice.bsky.social`), a link starts with http:// or https:// (bare domains are not linked — that
 * needs the list of top-level domains), a tag is `#` + up to 64 characters that are not all digits or
 * punctuation. Each must start the text or follow whitespace (or `(` for mentions and links). Trailing
 * punctuation is not part of a link or a tag.
 *
 * Mentions need the mentioned account's DID, which only the network can tell: `detectFacets` returns
 * the handle and `toBlueskyFacets` takes the resolved DIDs (the connector resolves them); a handle
 * that did not resolve stays plain text, as the Bluesky app does.
 */

export interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}

export type DetectedFeature = { type: 'mention'; handle: string } | { type: 'link'; uri: string } | { type: 'tag'; tag: string };

export interface DetectedFacet {
  index: ByteSlice;
  feature: DetectedFeature;
}

/** `app.bsky.richtext.facet` as the lexicon defines it. */
export interface BlueskyFacet {
  index: ByteSlice;
  features: (
    | { $type: 'app.bsky.richtext.facet#mention'; did: string }
    | { $type: 'app.bsky.richtext.facet#link'; uri: string }
    | { $type: 'app.bsky.richtext.facet#tag'; tag: string }
  )[];
}

const MENTION_RE = /(^|\s|\()(@)([a-zA-Z0-9.-]+)(\b)/g;
const URL_RE = /(^|\s|\()(https?:\/\/[\S]+)/gi;
const INVISIBLE = '\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20e2';
const TAG_RE = new RegExp(`(^|\\s)[#＃]((?!\\ufe0f)[^\\s${INVISIBLE}]*[^\\d\\s\\p{P}${INVISIBLE}]+[^\\s${INVISIBLE}]*)?`, 'gu');
const MAX_TAG_LENGTH = 64;

/** A handle is a domain name: labels of letters, digits and hyphens, and an alphabetic top-level label. */
export function isHandle(s: string): boolean {
  if (s.length > 253) return false;
  const labels = s.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(l))) return false;
  return /^[a-zA-Z]{2,}$/.test(labels[labels.length - 1]!);
}

const encoder = new TextEncoder();

/** UTF-8 byte offset of a UTF-16 index into `text`. */
export const utf8Offset = (text: string, utf16Index: number): number => encoder.encode(text.slice(0, utf16Index)).length;

const slice = (text: string, start: number, end: number): ByteSlice => ({
  byteStart: utf8Offset(text, start),
  byteEnd: utf8Offset(text, end),
});

/** A link in a text: its UTF-16 range (`end` exclusive) and the URL. */
export interface TextLink {
  start: number;
  end: number;
  url: string;
}

/**
 * The http(s) links in `text` as Bluesky detects them (trailing punctuation left out): the one rule
 * for what is a link, used for Bluesky's link facets and for the tracked-link wrapping at publish.
 */
export function findLinks(text: string): TextLink[] {
  const links: TextLink[] = [];
  for (const m of text.matchAll(URL_RE)) {
    let url = m[2]!;
    const start = m.index + m[1]!.length;
    if (/[.,;:!?]$/.test(url)) url = url.slice(0, -1);
    if (url.endsWith(')') && !url.includes('(')) url = url.slice(0, -1);
    if (!/^https?:\/\/[^/?#\s]+\.[^/?#\s]+/i.test(url) && !/^https?:\/\/localhost/i.test(url)) continue;
    links.push({ start, end: start + url.length, url });
  }
  return links;
}

/** Mentions, links and tags in `text`, in text order, with UTF-8 byte ranges. */
export function detectFacets(text: string): DetectedFacet[] {
  const found: { start: number; facet: DetectedFacet }[] = [];

  for (const m of text.matchAll(MENTION_RE)) {
    const handle = m[3]!;
    if (!isHandle(handle)) continue;
    const start = m.index + m[1]!.length; // the "@"
    found.push({
      start,
      facet: { index: slice(text, start, start + 1 + handle.length), feature: { type: 'mention', handle: handle.toLowerCase() } },
    });
  }

  for (const { start, end, url } of findLinks(text)) {
    found.push({ start, facet: { index: slice(text, start, end), feature: { type: 'link', uri: url } } });
  }

  for (const m of text.matchAll(TAG_RE)) {
    const raw = m[2];
    if (!raw) continue;
    const tag = raw.trim().replace(/\p{P}+$/u, '');
    if (tag.length === 0 || [...tag].length > MAX_TAG_LENGTH) continue;
    const start = m.index + m[1]!.length; // the "#"
    found.push({ start, facet: { index: slice(text, start, start + 1 + tag.length), feature: { type: 'tag', tag } } });
  }

  return found.sort((a, b) => a.start - b.start).map((f) => f.facet);
}

/**
 * The lexicon's facets for `text`; `dids` maps lower-case handles to DIDs (resolved by the
 * connector). Mentions of handles missing from `dids` are left out.
 */
export function toBlueskyFacets(detected: readonly DetectedFacet[], dids: ReadonlyMap<string, string> = new Map()): BlueskyFacet[] {
  const out: BlueskyFacet[] = [];
  for (const { index, feature } of detected) {
    if (feature.type === 'mention') {
      const did = dids.get(feature.handle);
      if (did) out.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
    } else if (feature.type === 'link') {
      out.push({ index, features: [{ $type: 'app.bsky.richtext.facet#link', uri: feature.uri }] });
    } else {
      out.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: feature.tag }] });
    }
  }
  return out;
}

/** The handles mentioned in `text` (lower case, each once): what the connector must resolve to DIDs. */
export const mentionedHandles = (detected: readonly DetectedFacet[]): string[] => [
  ...new Set(detected.flatMap((f) => (f.feature.type === 'mention' ? [f.feature.handle] : []))),
];
