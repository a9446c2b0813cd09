/** A Bluesky post record as a mention: links from facets and external embeds, media counted through every embed kind, the reply parent, a sane date. */
import { describe, expect, it } from 'vitest';
import { blueskyMention } from './bluesky.ts';

const uri = 'at://did:plc:abc/app.bsky.feed.post/3k';
const time = '2026-11-30T10:00:00.000Z';
const now = Date.parse('2026-12-01T00:00:00Z');

describe('blueskyMention', () => {
  it('takes text, first language, link facets, the external embed, the reply parent', () => {
    const m = blueskyMention(
      uri,
      'did:plc:abc',
      '3k',
      {
        text: 'Rye! https://a.example',
        langs: ['en-GB', 'fr'],
        createdAt: '2026-11-30T09:59:00Z',
        facets: [
          { features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://a.example' }] },
          { features: [{ $type: 'app.bsky.richtext.facet#mention', uri: 'did:plc:x' } as never] },
        ],
        embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://b.example/page' } },
        reply: { parent: { uri: 'at://did:plc:p/app.bsky.feed.post/1' } },
      },
      time,
      now,
    );
    expect(m).toEqual({
      network: 'bluesky',
      externalId: uri,
      url: 'https://bsky.app/profile/did:plc:abc/post/3k',
      author: 'did:plc:abc',
      text: 'Rye! https://a.example',
      lang: 'en-GB',
      links: ['https://a.example', 'https://b.example/page'],
      media: 0,
      replyTo: 'at://did:plc:p/app.bsky.feed.post/1',
      postedAt: new Date('2026-11-30T09:59:00Z'),
    });
  });

  it('counts images, a video, and the media of a quote with media', () => {
    const media = (embed: object) => blueskyMention(uri, 'd', 'k', { text: '', embed }, time, now).media;
    expect(media({ $type: 'app.bsky.embed.images', images: [{}, {}, {}] })).toBe(3);
    expect(media({ $type: 'app.bsky.embed.video' })).toBe(1);
    expect(media({ $type: 'app.bsky.embed.recordWithMedia', media: { $type: 'app.bsky.embed.images', images: [{}] } })).toBe(1);
    expect(media({ $type: 'app.bsky.embed.record' })).toBe(0);
  });

  it("uses the event's time when the post's date is missing, invalid or far in the future", () => {
    for (const createdAt of [undefined, 'yesterday', '2099-01-01T00:00:00Z', '1970-01-01T00:00:00Z'])
      expect(blueskyMention(uri, 'd', 'k', { text: 'x', createdAt }, time, now).postedAt).toEqual(new Date(time));
  });
});
