import { describe, expect, it } from 'vitest';
import { PLATFORM_LIMITS, type VariantContent } from '../../content/limits.ts';
import { detectFacets } from '../../content/facets.ts';
import { CODE_LENGTH, linkTargets, reachableFromOutside, withUtm, wrapLinks, type Utm, type WrapOptions } from './wrap.ts';

const utm: Utm = { source: 'bluesky', medium: 'social', campaign: 'spring-launch', content: 'v1' };
const TAGS = 'utm_source=bluesky&utm_medium=social&utm_campaign=spring-launch&utm_content=v1';
const options: WrapOptions = { prefix: 'https://gw.example/l/', utm, limits: [PLATFORM_LIMITS.bluesky] };

const content = (text: string, extra: Partial<VariantContent> = {}): VariantContent => ({ text, media: [], thread: [], ...extra });

/** Codes for the targets: c000000001, c000000002… (CODE_LENGTH characters, as real ones). */
const codesFor = (targets: string[]) => new Map(targets.map((t, i) => [t, `c${String(i + 1).padStart(CODE_LENGTH - 1, '0')}`]));

const wrap = (c: VariantContent, o: WrapOptions = options) => {
  const targets = linkTargets(c, o);
  return { targets, content: wrapLinks(c, o, codesFor(targets)) };
};

describe('withUtm', () => {
  it('adds the four parameters, keeping the query and fragment as written', () => {
    expect(withUtm('https://bakery.example/rye', utm)).toBe(`https://bakery.example/rye?${TAGS}`);
    expect(withUtm('https://bakery.example/rye?size=l&q=a%20b#oven', utm)).toBe(`https://bakery.example/rye?size=l&q=a%20b&${TAGS}#oven`);
    expect(withUtm('https://bakery.example/?', utm)).toBe(`https://bakery.example/?${TAGS}`);
  });

  it('lets a UTM parameter already in the URL win (the per-link override)', () => {
    expect(withUtm('https://bakery.example/rye?utm_campaign=newsletter&utm_source=x', utm)).toBe(
      'https://bakery.example/rye?utm_campaign=newsletter&utm_source=x&utm_medium=social&utm_content=v1',
    );
    const full = `https://bakery.example/?${TAGS}`;
    expect(withUtm(full, { ...utm, campaign: 'other' })).toBe(full);
  });

  it('encodes the values, and refuses what is not an http(s) URL', () => {
    expect(withUtm('https://bakery.example/', { ...utm, campaign: 'spring & summer' })).toContain('utm_campaign=spring+%26+summer');
    expect(withUtm('mailto:ana@bakery.example', utm)).toBeNull();
    expect(withUtm('https://', utm)).toBeNull();
  });
});

describe('reachableFromOutside', () => {
  it('knows a public address from a local one', () => {
    for (const url of ['https://gw.example', 'http://192.168.1.20:3000', 'https://social.example.org/groundwork'])
      expect(reachableFromOutside(url), url).toBe(true);
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://app.localhost', 'http://[::1]:3000'])
      expect(reachableFromOutside(url), url).toBe(false);
  });
});

describe('wrapping the links of a variant', () => {
  it('replaces each link of the text, thread, first comment and card by its short link; the same target once', () => {
    const c = content('Fresh rye: https://bakery.example/rye. Also (https://bakery.example/spelt)!', {
      thread: ['Again: https://bakery.example/rye'],
      firstComment: 'Order at https://shop.example/order?item=7',
      link: 'https://bakery.example/rye',
    });
    const { targets, content: out } = wrap(c);
    expect(targets).toEqual([
      `https://bakery.example/rye?${TAGS}`,
      `https://bakery.example/spelt?${TAGS}`,
      `https://shop.example/order?item=7&${TAGS}`,
    ]);
    expect(out.text).toBe('Fresh rye: https://gw.example/l/c000000001. Also (https://gw.example/l/c000000002)!');
    expect(out.thread).toEqual(['Again: https://gw.example/l/c000000001']);
    expect(out.firstComment).toBe('Order at https://gw.example/l/c000000003');
    expect(out.link).toBe('https://gw.example/l/c000000001');
    // The original is untouched.
    expect(c.text).toContain('https://bakery.example/rye');
  });

  it("makes Bluesky's link facets point at the short links", () => {
    const { content: out } = wrap(content('🥐 Neu: https://bäckerei.example/brot #bread'));
    const links = detectFacets(out.text).flatMap((f) => (f.feature.type === 'link' ? [f.feature.uri] : []));
    expect(links).toEqual(['https://gw.example/l/c000000001']);
  });

  it('leaves links to our own redirector and texts without links alone', () => {
    const c = content('Already short: https://gw.example/l/abcdefghij and plain text', { link: 'https://gw.example/l/abcdefghij' });
    expect(wrap(c)).toEqual({ targets: [], content: c });
  });

  it('keeps a link as written where its short link would push the text over the network limit', () => {
    const short = 'https://a.example/b';
    const long = `https://bakery.example/${'x'.repeat(60)}`;
    // 300 graphemes on Bluesky: the short link would grow the text past it, the long one shrinks it.
    const text = `${'y'.repeat(300 - short.length - long.length - 2)} ${short} ${long}`;
    expect(text.length).toBe(300);
    const { targets, content: out } = wrap(content(text));
    expect(targets).toEqual([`${long}?${TAGS}`]);
    expect(out.text).toBe(`${'y'.repeat(300 - short.length - long.length - 2)} ${short} https://gw.example/l/c000000001`);
    expect(out.text.length).toBeLessThanOrEqual(300);
  });

  it('wraps freely where the network counts every link as 23 characters (Mastodon)', () => {
    const text = `${'y'.repeat(500 - 23 - 1)} https://a.example/b`;
    const { targets } = wrap(content(text), { ...options, limits: [PLATFORM_LIMITS.mastodon] });
    expect(targets).toHaveLength(1);
  });

  it('never takes a text over a limit it met, nor further over one it already broke', () => {
    const text = `${'y'.repeat(310)} https://a.example/b`;
    expect(linkTargets(content(text), options)).toEqual([]);
  });
});
