import { expect, it } from 'vitest';
import { excerpt } from './excerpt.ts';

it('takes the first 60 characters on one line, never cutting an emoji', () => {
  expect(excerpt('short')).toBe('short');
  expect(excerpt('a\n\nb\tc')).toBe('a b c');
  const long = `${'x'.repeat(59)}👩‍👩‍👧‍👦 and more`;
  expect(excerpt(long)).toBe(`${'x'.repeat(59)}👩‍👩‍👧‍👦…`);
  expect(excerpt('y'.repeat(60))).toBe('y'.repeat(60));
  expect(excerpt('y'.repeat(61))).toBe(`${'y'.repeat(60)}…`);
});
