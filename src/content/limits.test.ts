import { describe, expect, it } from 'vitest';
import { countGraphemes, measure, validateVariant, type MediaInfo, type VariantContent } from './limits.ts';

const content = (over: Partial<VariantContent> = {}): VariantContent => ({ text: 'Fresh rye today.', media: [], thread: [], ...over });
const image = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `https://cdn.example.com/${i}.jpg`, alt: `Loaf ${i}` }));
const codes = (platform: Parameters<typeof validateVariant>[0], c: VariantContent) =>
  validateVariant(platform, c).map((i) => `${i.code} ${i.path}`);

describe('counting', () => {
  it('counts graphemes, not UTF-16 units or code points', () => {
    expect(countGraphemes('👩‍👩‍👧‍👦')).toBe(1);
    expect('👩‍👩‍👧‍👦'.length).toBe(11);
    expect(countGraphemes('🇩🇪🥐')).toBe(2);
    expect(countGraphemes('Brötchen')).toBe(8);
    expect(countGraphemes('e\u0301')).toBe(1);
    expect(countGraphemes('a\r\nb')).toBe(3);
  });

  it('counts Mastodon links as 23 and remote mentions by their local part', () => {
    expect(measure(`see https://example.com/${'a'.repeat(100)}`, 'mastodon')).toBe(4 + 23);
    expect(measure('hi @anna@bakers.social', 'mastodon')).toBe('hi @anna'.length);
  });

  it('weighs X text as twitter-text does', () => {
    expect(measure('hello', 'x')).toBe(5);
    expect(measure('パン', 'x')).toBe(4);
    expect(measure('🥐', 'x')).toBe(2);
    expect(measure('👩‍👩‍👧‍👦', 'x')).toBe(2);
    expect(measure('https://example.com/a-very-long-path-that-is-shortened', 'x')).toBe(23);
  });
});

describe('validateVariant', () => {
  it('allows 300 graphemes on Bluesky however many bytes they take, and refuses 301', () => {
    expect(validateVariant('bluesky', content({ text: '🥐'.repeat(300) }))).toEqual([]);
    expect(codes('bluesky', content({ text: 'a'.repeat(301) }))).toEqual(['post.text_too_long /variants/bluesky/text']);
    const [issue] = validateVariant('bluesky', content({ text: '👩‍👩‍👧‍👦'.repeat(301) }));
    expect(issue!.message).toBe('The Bluesky post is 301 characters long; Bluesky allows 300.');
  });

  it('caps images at 4 on Bluesky and Mastodon and requires one on Instagram', () => {
    expect(codes('bluesky', content({ media: image(5) }))).toEqual(['post.too_many_images /variants/bluesky/media']);
    expect(codes('mastodon', content({ media: image(4) }))).toEqual([]);
    expect(codes('mastodon', content({ media: image(5) }))).toEqual(['post.too_many_images /variants/mastodon/media']);
    expect(codes('instagram', content())).toEqual(['post.image_required /variants/instagram/media']);
    expect(codes('instagram', content({ text: '', media: image(1) }))).toEqual([]);
  });

  it.each([
    ['mastodon', 500],
    ['x', 280],
    ['threads', 500],
    ['linkedin', 3000],
    ['facebook', 63206],
  ] as const)('%s allows %i characters', (platform, max) => {
    expect(validateVariant(platform, content({ text: 'a'.repeat(max) }))).toEqual([]);
    expect(codes(platform, content({ text: 'a'.repeat(max + 1) }))).toEqual([`post.text_too_long /variants/${platform}/text`]);
  });

  it('checks each thread post and the first comment, with pointers to them', () => {
    const c = content({ thread: ['fine', 'b'.repeat(301), ''], firstComment: 'c'.repeat(301) });
    expect(validateVariant('bluesky', c, 'bsky-main').map((i) => `${i.code} ${i.path}`)).toEqual([
      'post.text_too_long /variants/bsky-main/thread/1',
      'post.empty_text /variants/bsky-main/thread/2',
      'post.text_too_long /variants/bsky-main/firstComment',
    ]);
    expect(codes('linkedin', content({ thread: ['more'] }))).toEqual(['post.thread_unsupported /variants/linkedin/thread']);
  });

  it('refuses a post with neither text nor images', () => {
    expect(codes('mastodon', content({ text: '  ' }))).toEqual(['post.empty_text /variants/mastodon/text']);
  });

  it('is generous where the network is', () => {
    expect(validateVariant('blog', content({ text: 'x'.repeat(50_000), media: image(12) }))).toEqual([]);
  });
});

describe('validateVariant: uploaded media', () => {
  const files: Record<string, MediaInfo> = {
    photo: { kind: 'image', mimeType: 'image/jpeg', sizeBytes: 1_500_000 },
    gif: { kind: 'image', mimeType: 'image/gif', sizeBytes: 1_500_000 },
    huge: { kind: 'image', mimeType: 'image/png', sizeBytes: 17_000_000 },
    clip: { kind: 'video', mimeType: 'video/mp4', sizeBytes: 20_000_000 },
    webm: { kind: 'video', mimeType: 'video/webm', sizeBytes: 1_000 },
  };
  const uploads = (...ids: string[]) => content({ media: ids.map((mediaId) => ({ mediaId, alt: 'x' })) });
  const check = (platform: Parameters<typeof validateVariant>[0], c: VariantContent) =>
    validateVariant(platform, c, platform, (id) => files[id]).map((i) => `${i.code} ${i.path}`);

  it('lets Bluesky shrink a large still photo but not an animated GIF, and takes one MP4 on its own', () => {
    expect(check('bluesky', uploads('photo'))).toEqual([]);
    expect(check('bluesky', uploads('gif'))).toEqual(['post.media_too_large /variants/bluesky/media/0']);
    expect(check('bluesky', uploads('clip'))).toEqual([]);
    expect(check('bluesky', uploads('photo', 'clip'))).toEqual(['post.video_not_alone /variants/bluesky/media']);
    expect(check('bluesky', uploads('webm'))).toEqual(['post.media_type_unsupported /variants/bluesky/media/0']);
  });

  it('takes no video in a newsletter', () => {
    expect(check('newsletter', uploads('photo'))).toEqual([]);
    expect(validateVariant('newsletter', uploads('clip'), 'news', (id) => files[id]).map((i) => i.message)).toEqual([
      'Video 1 (MP4, 20 MB) cannot go to newsletter: it takes no video.',
    ]);
  });

  it('holds Mastodon to 16 MB images and one video on its own', () => {
    expect(check('mastodon', uploads('huge'))).toEqual(['post.media_too_large /variants/mastodon/media/0']);
    expect(check('mastodon', uploads('clip'))).toEqual([]);
    expect(check('mastodon', uploads('clip', 'photo'))).toEqual(['post.video_not_alone /variants/mastodon/media']);
    expect(check('mastodon', uploads('clip', 'webm'))).toEqual(['post.video_not_alone /variants/mastodon/media']);
  });

  it('checks the types a network takes, and leaves unknown ids and URLs to the server', () => {
    expect(check('instagram', uploads('gif'))).toEqual(['post.media_type_unsupported /variants/instagram/media/0']);
    expect(check('x', uploads('webm'))).toEqual(['post.media_type_unsupported /variants/x/media/0']);
    expect(check('bluesky', uploads('not-recorded'))).toEqual([]);
    expect(check('bluesky', content({ media: image(2) }))).toEqual([]);
  });
});
