/** Text and links of the HTML that Mastodon statuses and feed items carry. Pure. */
import { htmlToText } from '../../connectors/mastodon/text.ts';

const HREF = /<a\s[^>]*href="([^"]+)"[^>]*>/gi;

/** The http(s) links of `html`, in order, once each; `skip` leaves out links by their tag (Mastodon's mention and hashtag links). */
export function linksOf(html: string, skip?: RegExp): string[] {
  const links = new Set<string>();
  for (const m of html.matchAll(HREF)) {
    if (skip?.test(m[0])) continue;
    const href = m[1]!.replace(/&amp;/g, '&');
    if (/^https?:\/\//i.test(href)) links.add(href);
  }
  return [...links];
}

/** Plain text of `html`, whitespace collapsed. */
export const textOf = (html: string): string => htmlToText(html).replace(/\s+/g, ' ').trim();
