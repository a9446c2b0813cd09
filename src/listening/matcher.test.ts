import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from './matcher.ts';
import { type MatchablePost, QuerySyntaxError, evaluateQuery, parseQuery } from './query/index.ts';

const WORDS = [
  'coffee',
  'Coffee',
  'tea',
  'apple',
  'pie',
  'brew',
  'brewing',
  'brewer',
  'colour',
  'color',
  'café',
  'cafe',
  'naïve',
  'decaf',
  'a',
  'ok',
];
const DECORATIONS = [
  '☕',
  '☕️',
  '👍🏽',
  '咖啡',
  '#coffee',
  '#Coffee_time',
  '@alice',
  '@alice.bsky.social',
  'https://example.com/x',
  'https://www.b.io/p?q=1',
  'coca-cola',
  'ＣＯＦＦＥＥ',
];
const SEPARATORS = [' ', ', ', '. ', '! ', ' - ', '\n', ' (', ') ', '…'];

const postArb: fc.Arbitrary<MatchablePost> = fc.record({
  text: fc
    .array(fc.tuple(fc.constantFrom(...WORDS, ...DECORATIONS), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
    .map((parts) => parts.map(([w, s]) => w + s).join('')),
  author: fc.constantFrom(null, 'alice', '@Alice', 'bob'),
  authorId: fc.constantFrom(null, 'did:plc:alice', 'bob'),
  lang: fc.constantFrom(null, 'en', 'en-US', 'de', 'fr'),
  channel: fc.constantFrom(null, 'main', 'other'),
  links: fc.constantFrom([], ['https://news.example.com/a'], ['https://b.io'], ['https://example.com.evil.io']),
  media: fc.constantFrom(0, 1),
});

const term = fc.constantFrom(...WORDS.slice(0, 14), '☕', '👍', '咖啡', 'coca-cola');
const positional = fc.oneof(
  term,
  fc.tuple(term, term).map(([a, b]) => `"${a} ${b}"`),
  fc.constantFrom('brew*', 'colo?r', 'cafe*', 'coff??', '#coffee', '#coffee_time', '@alice', '@alice.bsky.social'),
);
const leaf = fc.oneof(
  { weight: 4, arbitrary: positional },
  {
    weight: 2,
    arbitrary: fc
      .tuple(positional, fc.integer({ min: 0, max: 4 }), fc.boolean(), positional)
      .map(([a, n, f, b]) => `${a} NEAR/${n}${f ? 'f' : ''} ${b}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'lang:en',
      'lang:(en OR de)',
      'author:alice',
      'author:did:plc:alice',
      'author:@bob',
      'channel:main',
      'site:example.com',
      'site:b.io',
      'has:link',
      'has:media',
    ),
  },
);
const { query: queryArb } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) OR (${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) (${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) AND (${b})`),
    tie('query').map((a) => `NOT (${a})`),
    positional.map((a) => `-${a}`),
  ),
}));

describe('compileMatcher', () => {
  it('finds each query that matches, ids sorted as strings, once each', () => {
    const matcher = compileMatcher([
      { id: 'b', query: 'coffee' },
      { id: 'a10', query: '#coffee OR tea' },
      { id: 'a9', query: '-decaf' },
      { id: 'c', query: 'brew* NEAR/1 pie' },
      { id: 'b', query: 'tea' },
    ]);
    expect(matcher.match({ text: 'Tea and #coffee' })).toEqual(['a10', 'a9', 'b']);
    expect(matcher.match({ text: 'decaf brewing pie' })).toEqual(['c']);
    expect(matcher.match({ text: 'decaf' })).toEqual([]);
  });

  it('names the query of a syntax error', () => {
    expect(() =>
      compileMatcher([
        { id: 'ok', query: 'coffee' },
        { id: 'q7', query: 'tea "open' },
      ]),
    ).toThrow(
      expect.objectContaining({ code: 'listening.query_syntax', message: 'unclosed quote at 4', details: { position: 4, queryId: 'q7' } }),
    );
    expect(() => compileMatcher([{ id: 'q7', query: 'tea "open' }])).toThrow(QuerySyntaxError);
  });

  it('gives the same answers as the reference evaluator, query by query', () => {
    fc.assert(
      fc.property(
        fc.array(queryArb, { minLength: 1, maxLength: 25 }),
        fc.array(postArb, { minLength: 1, maxLength: 20 }),
        (queries, posts) => {
          const list = queries.map((query, i) => ({ id: `q${i}`, query }));
          const trees = list.map((q) => ({ id: q.id, node: parseQuery(q.query) }));
          const matcher = compileMatcher(list);
          for (const post of posts) {
            const expected = trees
              .filter((q) => evaluateQuery(q.node, post))
              .map((q) => q.id)
              .sort();
            expect(matcher.match(post)).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
