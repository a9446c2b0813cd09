import { describe, expect, it } from 'vitest';
import { detectFacets, mentionedHandles, toBlueskyFacets } from './facets.ts';

/** The text a byte range covers, decoded — what a Bluesky client will highlight. */
const covered = (text: string, index: { byteStart: number; byteEnd: number }) =>
  new TextDecoder().decode(new TextEncoder().encode(text).slice(index.byteStart, index.byteEnd));

describe('Bluesky facets', () => {
  it('finds mentions, links and tags in ASCII text at the right byte offsets', () => {
    const text = 'Hi @alice.bsky.social see https://example.com/rye #bread';
    const facets = detectFacets(text);
    expect(facets.map((f) => f.feature)).toEqual([
      { type: 'mention', handle: 'alice.bsky.social' },
      { type: 'link', uri: 'https://example.com/rye' },
      { type: 'tag', tag: 'bread' },
    ]);
    expect(facets[0]!.index).toEqual({ byteStart: 3, byteEnd: 21 });
    expect(facets.map((f) => covered(text, f.index))).toEqual(['@alice.bsky.social', 'https://example.com/rye', '#bread']);
  });

  it('counts UTF-8 bytes after emoji and accented letters, not UTF-16 units', () => {
    const text =
      '🥐 Frisch gebacken für @bäcker.example? Nein: @anna.bsky.social 👩‍🍳 #Brötchen 🇩🇪 https://bäckerei.example/öffnungszeiten.';
    const facets = detectFacets(text);
    expect(facets.map((f) => covered(text, f.index))).toEqual([
      '@anna.bsky.social',
      '#Brötchen',
      'https://bäckerei.example/öffnungszeiten',
    ]);
    // "🥐" is 4 bytes but 2 UTF-16 units; "ü" 2 bytes but 1 unit.
    const mention = facets[0]!;
    const utf16Start = text.indexOf('@anna');
    expect(mention.index.byteStart).toBe(new TextEncoder().encode(text.slice(0, utf16Start)).length);
    expect(mention.index.byteStart).toBeGreaterThan(utf16Start);
    expect(facets[1]!.feature).toEqual({ type: 'tag', tag: 'Brötchen' });
    expect(facets[1]!.index.byteEnd - facets[1]!.index.byteStart).toBe(new TextEncoder().encode('#Brötchen').length);
  });

  it('leaves trailing punctuation out of links and tags, and ignores what is not one', () => {
    const text = 'Read (https://example.com/a). Or #sourdough! Not: #123, mail a@b.com, issue#5, @nodot, price #';
    const facets = detectFacets(text);
    expect(facets.map((f) => covered(text, f.index))).toEqual(['https://example.com/a', '#sourdough']);
  });

  it('turns detections into lexicon facets, keeping only mentions whose DID is known', () => {
    const text = '@alice.bsky.social and @bob.example.com love #rye';
    const detected = detectFacets(text);
    expect(mentionedHandles(detected)).toEqual(['alice.bsky.social', 'bob.example.com']);
    const facets = toBlueskyFacets(detected, new Map([['alice.bsky.social', 'did:plc:alice']]));
    expect(facets).toEqual([
      { index: { byteStart: 0, byteEnd: 18 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' }] },
      { index: { byteStart: 45, byteEnd: 49 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'rye' }] },
    ]);
  });

  it('accepts a full-width hash and caps tags at 64 characters', () => {
    expect(detectFacets('＃パン').map((f) => f.feature)).toEqual([{ type: 'tag', tag: 'パン' }]);
    expect(detectFacets(`#${'a'.repeat(65)}`)).toEqual([]);
  });
});
