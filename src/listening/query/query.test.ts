import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MatchablePost, QuerySyntaxError, checkQuery, evaluateQuery, parseQuery } from './index.ts';
import { foldText, KnownWords, tokenize, tokenizeInto, type Tokens } from './tokenize.ts';

const post = (text: string, extra: Omit<MatchablePost, 'text'> = {}): MatchablePost => ({ text, ...extra });
const matches = (query: string, p: MatchablePost) => evaluateQuery(parseQuery(query), p);

/** [query, post text (or post), expected] */
const MATCH_CASES: [string, string | MatchablePost, boolean][] = [
  // terms, case and implicit AND
  ['coffee', 'I love Coffee!', true],
  ['coffee', 'I love tea', false],
  ['coffee', 'coffeeshop opening', false],
  ['COFFEE', 'coffee', true],
  ['coffee beans', 'beans, then coffee', true],
  ['coffee beans', 'coffee only', false],
  ['coffee AND beans', 'coffee and beans', true],
  ['coffee AND beans', 'beans only', false],
  // OR, NOT, minus, precedence NOT > AND > OR
  ['tea OR coffee', 'just tea', true],
  ['tea OR coffee', 'just water', false],
  ['a OR b c', 'a alone', true],
  ['a OR b c', 'b alone', false],
  ['a OR b c', 'b and c', true],
  ['(a OR b) c', 'a alone', false],
  ['(a OR b) c', 'a and c', true],
  ['coffee NOT decaf', 'coffee, decaf', false],
  ['coffee NOT decaf', 'coffee, strong', true],
  ['coffee -decaf', 'coffee, decaf', false],
  ['coffee -decaf', 'coffee strong', true],
  ['NOT a b', 'b', true],
  ['NOT a b', 'a b', false],
  ['NOT (a b)', 'a', true],
  ['-(a OR b) c', 'c and b', false],
  ['-(a OR b) c', 'c only', true],
  ['coffee -"decaf blend"', 'coffee with decaf and a blend', true],
  ['coffee -"decaf blend"', 'coffee: decaf blend', false],
  ['and', 'this and that', true],
  ['NOT NOT coffee', 'coffee', true],
  // pure negatives
  ['-spam', 'a normal post', true],
  ['-spam', 'buy spam now', false],
  ['NOT spam', 'SPAM!', false],
  // phrases
  ['"apple pie"', 'Grandma’s apple pie.', true],
  ['"apple pie"', 'pie and apple', false],
  ['"apple pie"', 'apple crumble pie', false],
  ['"apple, pie!"', 'apple pie', true],
  ['"#coffee time"', '#coffee time', true],
  ['coca-cola', 'I drink Coca Cola', true],
  ['coca-cola', 'coca and cola', false],
  ["don't", 'I dont know', false],
  ["don't", 'I don’t know', true],
  // NEAR
  ['apple NEAR/2 pie', 'apple crumble and pie', true],
  ['apple NEAR/2 pie', 'apple crumble with custard pie', false],
  ['apple NEAR/2 pie', 'pie crumble and apple', true],
  ['apple NEAR/2f pie', 'pie crumble and apple', false],
  ['apple NEAR/2f pie', 'apple crumble and pie', true],
  ['apple NEAR/0 pie', 'apple pie', true],
  ['apple NEAR/0 pie', 'apple the pie', false],
  ['"apple pie" NEAR/1 custard', 'custard on apple pie', true],
  ['"apple pie" NEAR/1 custard', 'apple pie with hot custard', false],
  ['apple NEAR/3 apple', 'one apple only', false],
  ['apple NEAR/3 apple', 'apple and apple', true],
  ['brew* NEAR/1 #coffee', 'brewing #coffee', true],
  ['-(apple NEAR/1 pie) apple', 'apple pie', false],
  // wildcards
  ['brew*', 'Brewing now', true],
  ['brew*', 'brew', true],
  ['brew*', 'a brewer', true],
  ['brew*', 'abrew', false],
  ['colo?r', 'colour', true],
  ['colo?r', 'color', false],
  ['colo?r', 'colouur', false],
  ['colo?r*', 'colourful', true],
  ['cafe*', 'Cafés', true],
  // hashtags and mentions
  ['#coffee', '#coffee', true],
  ['#coffee', 'coffee', false],
  ['#coffee', '#coffeetime', false],
  ['#Coffee', 'love #COFFEE', true],
  ['coffee', 'love #coffee', true],
  ['coffee', 'ask @coffee', true],
  ['@coffee', '#coffee', false],
  ['@alice.bsky.social', 'hi @Alice.bsky.social.', true],
  ['@alice', 'hi @alice.bsky.social', false],
  ['alice', 'hi @alice.bsky.social', true],
  ['#coffee', 'price&#coffee', false],
  ['@example', 'mail bob@example.com', false],
  // Unicode
  ['cafe', 'Café au lait', true],
  ['café', 'CAFE', true],
  ['ｃｏｆｆｅｅ', 'coffee', true],
  ['straße', 'Straße gesperrt', true],
  ['İstanbul', 'istanbul', true],
  ['☕', 'Morning ☕️', true],
  ['☕', 'Morning coffee', false],
  ['👍', 'great 👍🏽', true],
  ['咖啡', '我爱喝咖啡。', true],
  ['咖啡', '咖 and 啡', false],
  ['"naïve approach"', 'a NAIVE approach', true],
  ['zoë NEAR/1 jones', 'Zoe K. Jones', true],
  // URLs are single tokens
  ['example', 'see https://example.com/page', false],
  ['https://example.com/page', 'see https://example.com/page.', true],
  // field filters
  ['author:alice', post('x', { author: '@Alice' }), true],
  ['author:@alice', post('x', { author: 'bob' }), false],
  // a Bluesky author is its handle and its DID (stored as the author until the handle is resolved)
  ['author:alice.test', post('x', { author: 'did:plc:abc', authorId: 'did:plc:abc' }), false],
  ['author:alice.test', post('x', { author: 'alice.test', authorId: 'did:plc:abc' }), true],
  ['author:did:plc:abc', post('x', { author: 'alice.test', authorId: 'did:plc:abc' }), true],
  ['lang:en', post('x', { lang: 'en-US' }), true],
  ['lang:en', post('x', { lang: 'de' }), false],
  ['lang:en', post('x'), false],
  ['lang:(en OR de) coffee', post('Kaffee coffee', { lang: 'de' }), true],
  ['lang:(en OR de) coffee', post('coffee', { lang: 'fr' }), false],
  ['coffee -lang:fr', post('coffee', { lang: 'fr' }), false],
  ['channel:bsky-main', post('x', { channel: 'BSKY-main' }), true],
  ['site:example.com', post('x', { links: ['https://news.example.com/a'] }), true],
  ['site:example.com', post('read https://example.com.evil.io/a'), false],
  ['site:example.com', post('read https://www.example.com/a'), true],
  ['site:example.com', post('x', { links: ['https://notexample.com'] }), false],
  ['has:link', post('x', { links: ['https://a.io'] }), true],
  ['has:link', post('see http://a.io'), true],
  ['has:link', post('no link here'), false],
  ['has:media', post('x', { media: 2 }), true],
  ['has:media', post('x', { media: 0 }), false],
  ['HAS:media OR has:link', post('x'), false],
  ['site:(a.io OR b.io)', post('x', { links: ['https://b.io/'] }), true],
];

describe('query language', () => {
  it.each(MATCH_CASES)('%s on %j → %s', (query, p, expected) => {
    expect(matches(query, typeof p === 'string' ? post(p) : p)).toBe(expected);
  });
});

const MANY_TERMS = Array.from({ length: 201 }, (_, i) => `w${i}`).join(' OR ');

/** [query, expected position, message fragment] */
const ERROR_CASES: [string, number, string][] = [
  ['', 0, 'empty'],
  ['   ', 0, 'empty'],
  ['coffee "unclosed', 7, 'unclosed quote at 7'],
  ['(coffee OR tea', 0, 'unclosed parenthesis at 0'],
  ['coffee)', 6, 'unmatched ) at 6'],
  ['coffee ()', 7, 'empty parentheses at 7'],
  ['coffee OR', 9, 'the query ends where a term was expected at 9'],
  ['AND coffee', 0, 'found AND'],
  ['coffee AND OR tea', 11, 'found OR'],
  ['coffee NOT', 10, 'ends'],
  ['coffee - tea', 7, 'minus'],
  ['a NEAR/21 b', 2, 'NEAR distance must be 20 or less'],
  ['a NEAR b', 2, 'NEAR needs a distance'],
  ['a NEAR/x b', 2, 'NEAR needs a distance'],
  ['(a OR b) NEAR/2 c', 9, 'NEAR joins terms or phrases'],
  ['a NEAR/2 lang:en', 9, 'NEAR joins terms or phrases'],
  ['a NEAR/2 b NEAR/2 c', 11, 'join NEAR groups'],
  ['br*', 2, 'three letters'],
  ['co?or', 2, 'three letters'],
  ['bre*w', 3, 'only at the end'],
  ['coffee ""', 7, 'empty phrase at 7'],
  ['"!!!"', 0, 'empty phrase'],
  ['coffee !!!', 7, 'no letters'],
  ['lang:english', 5, 'language code'],
  ['has:video', 4, 'link or media'],
  ['site:http://x.io', 5, 'domain'],
  ['author:', 0, 'needs a value'],
  ['lang:("en" OR de)', 6, 'not phrases'],
  ['lang:(site:x.io)', 6, 'another field'],
  ['#coff-ee', 0, '#tag'],
  ['#', 0, '#tag'],
  ['x '.repeat(2049), 4096, 'longer than 4,096'],
  [MANY_TERMS, MANY_TERMS.indexOf('w200'), 'more than 200 terms'],
];

describe('query syntax errors', () => {
  it.each(ERROR_CASES)('%j fails at %i', (query, position, message) => {
    const result = checkQuery(query);
    expect(result).toEqual({ ok: false, position, message: expect.stringContaining(message) });
    expect(result.ok === false && result.message.endsWith(` at ${position}`)).toBe(true);
  });

  it('throws a DomainError with the code and the position in its details', () => {
    try {
      parseQuery('coffee "unclosed');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QuerySyntaxError);
      expect(e).toMatchObject({ code: 'listening.query_syntax', position: 7, details: { position: 7 }, message: 'unclosed quote at 7' });
    }
  });

  it('accepts the limits themselves', () => {
    expect(checkQuery(Array.from({ length: 200 }, (_, i) => `w${i}`).join(' OR '))).toEqual({ ok: true });
    expect(checkQuery('x'.repeat(4096))).toEqual({ ok: true });
    expect(checkQuery('a NEAR/20 b')).toEqual({ ok: true });
  });
});

describe('query trees', () => {
  it.each([
    [
      'a OR b c',
      {
        type: 'or',
        children: [
          { type: 'term', word: 'a' },
          {
            type: 'and',
            children: [
              { type: 'term', word: 'b' },
              { type: 'term', word: 'c' },
            ],
          },
        ],
      },
    ],
    [
      'NOT a b',
      {
        type: 'and',
        children: [
          { type: 'not', child: { type: 'term', word: 'a' } },
          { type: 'term', word: 'b' },
        ],
      },
    ],
    [
      'a b OR c d',
      {
        type: 'or',
        children: [
          {
            type: 'and',
            children: [
              { type: 'term', word: 'a' },
              { type: 'term', word: 'b' },
            ],
          },
          {
            type: 'and',
            children: [
              { type: 'term', word: 'c' },
              { type: 'term', word: 'd' },
            ],
          },
        ],
      },
    ],
    ['coca-cola', { type: 'phrase', words: ['coca', 'cola'] }],
    ['"Café"', { type: 'term', word: 'cafe' }],
    [
      'lang:(en OR de)',
      {
        type: 'or',
        children: [
          { type: 'field', field: 'lang', value: 'en' },
          { type: 'field', field: 'lang', value: 'de' },
        ],
      },
    ],
    [
      'x NEAR/3f "a b"',
      { type: 'near', left: { type: 'term', word: 'x' }, right: { type: 'phrase', words: ['a', 'b'] }, distance: 3, ordered: true },
    ],
    ['Colo?r*', { type: 'wildcard', pattern: 'colo?r*', prefix: 'colo' }],
  ])('%s', (query, tree) => {
    expect(parseQuery(query)).toEqual(tree);
  });
});

describe('tokenize', () => {
  it('splits words, keeps URLs, emoji, tags and CJK characters as tokens', () => {
    expect(tokenize('Café ☕️ #coffee_time @alice.bsky.social. see https://ex.com/a(b). 👩🏽‍💻 咖啡 🇫🇷')).toEqual({
      words: ['cafe', '☕', 'coffee', 'time', 'alice', 'bsky', 'social', 'see', 'https://ex.com/a(b)', '👩‍💻', '咖', '啡', '🇫🇷'],
      tags: ['#coffee_time', '@alice.bsky.social'],
      tagFrom: [2, 4],
      tagTo: [4, 7],
      urls: ['https://ex.com/a(b)'],
    });
  });

  it('trims sentence punctuation and unopened brackets after a URL', () => {
    expect(tokenize('(see https://a.io/x), and http://b.io!').urls).toEqual(['https://a.io/x', 'http://b.io']);
  });

  it('folds each code point: NFKD, lower case, marks and skin tones removed, ς as σ — whichever path it takes', () => {
    const pieces = fc.constantFrom(
      'Café',
      'ÉCOLE',
      'naïve',
      '☕️',
      '👍🏽',
      '咖啡',
      'が',
      'ΣΊΣΥΦΟΣ',
      'σίσυφος',
      'привет',
      'ﬁ',
      '①',
      '’',
      'İ',
      'x',
      ' ',
      '#',
      'ＡＢ',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(pieces).map((p) => p.join('')),
    );
    const reference = (s: string) =>
      [...s]
        .map((ch) =>
          ch === 'ς'
            ? 'σ'
            : ch
                .normalize('NFKD')
                .toLowerCase()
                .replace(/\p{Mn}|[\u{1F3FB}-\u{1F3FF}]/gu, ''),
        )
        .join('');
    fc.assert(
      fc.property(text, (s) => {
        expect(foldText(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
    expect(foldText('ΣΊΣΥΦΟΣ Café ☕️ ＡＢ ﬁ')).toBe('σισυφοσ cafe ☕ ab fi');
  });

  it('gives the same tokens into a reused buffer', () => {
    const t: Tokens = { words: ['stale'], tags: ['#stale'], tagFrom: [0], tagTo: [1], urls: ['x'] };
    for (const text of ['#a b https://c.io', 'plain', '']) expect(tokenizeInto(text, t)).toEqual(tokenize(text));
  });

  it('numbers the known words as it scans, and gives the same words', () => {
    const known = new KnownWords(['cafe', '☕', 'x𐌰y', '𠀀', 'https://a.io/x', 'tea', '#tea']);
    const text = 'Café ☕️ X𐌰Y 𠀀 tea #tea https://a.io/x teas';
    const t = tokenizeInto(text, { words: [], tags: [], tagFrom: [], tagTo: [], urls: [], known: [99] }, known);
    expect(t.words).toEqual(tokenize(text).words);
    expect(t.known).toEqual([0, 1, 2, 3, 5, 5, 4, -1]);
  });
});
