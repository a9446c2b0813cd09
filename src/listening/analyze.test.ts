import { describe, expect, it } from 'vitest';
import { analyzeMention, detectLanguage, scoreSentiment } from './analyze.ts';

describe('language', () => {
  it('detects common languages, ignoring links and handles', () => {
    expect(detectLanguage('Ich liebe diesen Kaffee am Morgen sehr')).toBe('de');
    expect(detectLanguage('Je déteste ce café, il est vraiment trop amer')).toBe('fr');
    expect(detectLanguage('The new espresso machine broke after two days')).toBe('en');
  });
  it('says null rather than guess on text with no words', () => {
    expect(detectLanguage('☕☕ https://example.com @someone')).toBeNull();
  });
});

describe('sentiment', () => {
  it('labels English by the sign of its score', () => {
    expect(scoreSentiment('I love this coffee, it is great', 'en').sentiment).toBe('positive');
    expect(scoreSentiment('Terrible support, the machine broke', 'en').sentiment).toBe('negative');
    expect(scoreSentiment('The shop opens at nine', 'en')).toEqual({ sentiment: 'neutral', score: 0 });
  });
  it('leaves languages the model does not cover unscored', () => {
    expect(scoreSentiment('Ich liebe diesen Kaffee', 'de')).toEqual({ sentiment: 'unscored', score: null });
    expect(scoreSentiment('love love love', null)).toEqual({ sentiment: 'unscored', score: null });
  });
});

describe('analyzeMention', () => {
  it("keeps the network's language and does not detect it again", () => {
    expect(analyzeMention({ text: 'Great coffee, love it', lang: 'en-GB' })).toMatchObject({
      lang: 'en',
      langDetected: false,
      sentiment: 'positive',
    });
    // Given as German, so not scored even though the words are English.
    expect(analyzeMention({ text: 'Great coffee, love it', lang: 'de' })).toMatchObject({ lang: 'de', sentiment: 'unscored' });
  });
  it('detects the language when none is given', () => {
    expect(analyzeMention({ text: 'This espresso is awful and the staff were rude' })).toMatchObject({
      lang: 'en',
      langDetected: true,
      sentiment: 'negative',
    });
  });
});
