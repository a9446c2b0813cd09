import { describe, expect, it } from 'vitest';
import { termsOf, topTerms } from './top-terms.ts';

describe('termsOf', () => {
  it('folds case and compatibility forms, keeps hashtags, drops links, handles, stop words, numbers and short words', () => {
    expect(termsOf('The ＣＯＦＦＥＥ at Café Nord is GREAT! #ColdBrew @ana.bsky.social https://x.example/a?b=c 2027 ok')).toEqual([
      'coffee',
      'café',
      'nord',
      'great',
      '#coldbrew',
    ]);
    expect(termsOf('Der Kaffee ist nicht schlecht, aber sehr teuer')).toEqual(['kaffee', 'schlecht', 'teuer']);
    expect(termsOf('coca-cola ☕☕ www.example.com')).toEqual(['coca', 'cola']);
  });
});

describe('topTerms', () => {
  it('counts each term once per text, most frequent first, ties alphabetically, up to the limit', () => {
    expect(topTerms(['brew brew beans', 'beans roast', 'roast beans', 'aroma'], 3)).toEqual([
      { term: 'beans', count: 3 },
      { term: 'roast', count: 2 },
      { term: 'aroma', count: 1 },
    ]);
    expect(topTerms([], 5)).toEqual([]);
  });
});
