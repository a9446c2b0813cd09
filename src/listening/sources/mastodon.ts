/**
 * Mastodon: an instance's public timeline (federated or local) or a hashtag's, read by polling with
 * masto's REST client. Polling rather than the streaming API: it needs no access token on most
 * instances, survives restarts and proxies that cut long connections, and with `min_id` as the
 * cursor it pages forward from the last status stored, so nothing between two polls is skipped.
 * The first poll of a source starts from the newest page (no backfill).
 */
import { createRestAPIClient, type mastodon } from 'masto';
import type { Outbound } from '../../outbound/client.ts';
import type { NormalizedMention } from '../ingest.ts';
import type { SourceConfig } from '../schema.ts';
import { linksOf, textOf } from './html.ts';

const PAGE = 40;
/** Pages read per poll: a busy hashtag is caught up over a few polls rather than in one long one. */
const MAX_PAGES = 10;
/** Mention and hashtag links are part of the text, not links out. */
const INTERNAL_LINK = /class="[^"]*(mention|hashtag)[^"]*"/i;

/** Status ids are snowflakes: numeric strings, compared as numbers. */
const newer = (a: string, b: string): boolean => (a.length === b.length ? a > b : a.length > b.length);

export function mastodonMention(s: mastodon.v1.Status): NormalizedMention {
  return {
    network: 'mastodon',
    externalId: s.uri,
    url: s.url ?? s.uri,
    author: s.account.acct,
    authorName: s.account.displayName || null,
    text: [s.spoilerText, textOf(s.content)].filter(Boolean).join('\n'),
    lang: s.language ?? null,
    links: linksOf(s.content, INTERNAL_LINK),
    media: s.mediaAttachments.length,
    replyTo: s.inReplyToId ?? null,
    postedAt: new Date(s.createdAt),
  };
}

/** The statuses after `cursor` (the newest status id stored), oldest first, and the new cursor. */
export async function pollMastodon(
  outbound: Outbound,
  config: SourceConfig<'mastodon'>,
  cursor: string | null,
): Promise<{ mentions: NormalizedMention[]; cursor: string | null }> {
  const client = createRestAPIClient({ url: config.url, requestInit: { dispatcher: outbound.dispatcher } as RequestInit });
  const tag = config.stream.startsWith('hashtag:') ? config.stream.slice('hashtag:'.length) : null;
  const page = (minId: string | undefined) =>
    tag !== null
      ? client.v1.timelines.tag.$select(tag).list({ minId, limit: PAGE })
      : client.v1.timelines.public.list({ minId, limit: PAGE, local: config.stream === 'public:local' });

  const statuses: mastodon.v1.Status[] = [];
  let last = cursor;
  for (let i = 0; i < (cursor === null ? 1 : MAX_PAGES); i++) {
    const got = await page(last ?? undefined);
    if (got.length === 0) break;
    const fresh = last === null ? got : got.filter((s) => newer(s.id, last!));
    statuses.push(...fresh);
    for (const s of got) if (last === null || newer(s.id, last)) last = s.id;
    if (got.length < PAGE) break;
  }
  statuses.sort((a, b) => (a.id === b.id ? 0 : newer(a.id, b.id) ? 1 : -1));
  return { mentions: statuses.map(mastodonMention), cursor: last };
}
