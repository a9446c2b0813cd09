/**
 * RSS, Atom and JSON Feed: fetched through the guarded outbound client (a user-given URL), parsed
 * with feedsmith's `parseFeed`. An item is one mention, deduplicated by its guid (or id, or link).
 * The cursor is the newest item date stored: older items are not looked at again, so an article
 * deleted from Groundwork is not brought back by the next poll; items without a date are kept
 * from coming twice by their guid alone.
 */
import type { parseFeed as ParseFeed } from 'feedsmith';
import type { Outbound } from '../../outbound/client.ts';
import type { NormalizedMention } from '../ingest.ts';
import type { SourceConfig } from '../schema.ts';
import { linksOf, textOf } from './html.ts';

interface Item {
  id: string | null;
  url: string | null;
  author: string | null;
  title: string;
  body: string;
  date: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const first = <T>(v: T[] | undefined): T | undefined => v?.[0];

/** The items of any of the three formats, in one shape. */
function itemsOf(parseFeed: typeof ParseFeed, text: string): Item[] {
  const parsed = parseFeed(text);
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return (parsed.feed.items ?? []).map((i) => {
        const item = i as {
          guid?: { value?: string };
          link?: string;
          title?: string;
          description?: string;
          content?: { encoded?: string };
          authors?: ({ name?: string } | string)[];
          pubDate?: string;
          dc?: { creator?: string; date?: string; creators?: string[]; dates?: string[] };
        };
        const author = first(item.authors);
        return {
          id: str(item.guid?.value) ?? str(item.link),
          url: str(item.link),
          author: str(typeof author === 'string' ? author : author?.name) ?? str(item.dc?.creator) ?? str(first(item.dc?.creators)),
          title: item.title ?? '',
          body: item.content?.encoded ?? item.description ?? '',
          date: str(item.pubDate) ?? str(item.dc?.date) ?? str(first(item.dc?.dates)),
        };
      });
    case 'atom':
      return (parsed.feed.entries ?? []).map((e) => {
        const entry = e as {
          id?: string;
          links?: { href?: string; rel?: string }[];
          title?: { value?: string } | string;
          summary?: { value?: string } | string;
          content?: { value?: string } | string;
          authors?: { name?: string }[];
          published?: string;
          updated?: string;
        };
        const value = (v: { value?: string } | string | undefined) => (typeof v === 'string' ? v : (v?.value ?? ''));
        const link = entry.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
        return {
          id: str(entry.id) ?? str(link),
          url: str(link),
          author: str(first(entry.authors)?.name),
          title: value(entry.title),
          body: value(entry.content) || value(entry.summary),
          date: str(entry.published) ?? str(entry.updated),
        };
      });
    case 'json':
      return (parsed.feed.items ?? []).map((i) => {
        const item = i as {
          id?: string;
          url?: string;
          title?: string;
          content_html?: string;
          content_text?: string;
          summary?: string;
          authors?: { name?: string }[];
          date_published?: string;
          date_modified?: string;
        };
        return {
          id: str(item.id) ?? str(item.url),
          url: str(item.url),
          author: str(first(item.authors)?.name),
          title: item.title ?? '',
          body: item.content_html ?? item.content_text ?? item.summary ?? '',
          date: str(item.date_published) ?? str(item.date_modified),
        };
      });
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The feed's items newer than `cursor` (an ISO date), oldest first, and the new cursor. */
export async function pollFeed(
  outbound: Outbound,
  config: SourceConfig<'rss'>,
  cursor: string | null,
  now = new Date(),
): Promise<{ mentions: NormalizedMention[]; cursor: string | null }> {
  const res = await outbound.fetch(config.url, {
    headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' },
  });
  if (!res.ok) throw new Error(`the feed answered HTTP ${res.status}`);
  const since = cursor === null ? null : Date.parse(cursor);
  let newest = since;
  const mentions: NormalizedMention[] = [];
  // Loaded on the first poll, not at start: feedsmith is ~300 modules.
  const { parseFeed } = await import('feedsmith');
  for (const item of itemsOf(parseFeed, await res.text())) {
    if (item.id === null) continue;
    const parsed = item.date === null ? Number.NaN : Date.parse(item.date);
    const dated = Number.isFinite(parsed) && parsed > Date.UTC(2000, 0, 1) && parsed < now.getTime() + DAY_MS;
    if (dated && since !== null && parsed < since) continue;
    const at = dated ? parsed : now.getTime();
    if (dated && (newest === null || at > newest)) newest = at;
    mentions.push({
      network: 'rss',
      externalId: item.id,
      url: item.url,
      author: item.author,
      text: [textOf(item.title), textOf(item.body)].filter(Boolean).join('\n'),
      links: linksOf(item.body),
      media: (item.body.match(/<(img|video)\b/gi) ?? []).length,
      postedAt: new Date(at),
    });
  }
  mentions.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  return { mentions, cursor: newest === null ? cursor : new Date(newest).toISOString() };
}
