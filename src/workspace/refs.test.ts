import { describe, expect, it } from 'vitest';
import { isUuid } from '../db/uuid.ts';
import { isValidSlug, slugFromName, slugWithSuffix } from './refs.ts';
import { SLUG_RE } from './schema.ts';

describe('slugs', () => {
  it.each([
    ['Acme', 'acme'],
    ['  Café Müller — Berlin! ', 'cafe-muller-berlin'],
    ['ACME   Social__Team', 'acme-social-team'],
    ['日本語', 'workspace'],
    ['---', 'workspace'],
    ['123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174000-ws'],
  ])('derives %j → %j', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
    expect(isValidSlug(slugFromName(name))).toBe(true);
  });

  it('stays within 63 characters, suffix included', () => {
    const base = slugFromName('x'.repeat(100));
    expect(base).toHaveLength(63);
    expect(slugWithSuffix(base, 12)).toBe(`${'x'.repeat(60)}-12`);
    expect(SLUG_RE.test(slugWithSuffix(base, 12))).toBe(true);
    expect(slugWithSuffix(`${'a'.repeat(60)}-bc`, 2)).toBe(`${'a'.repeat(60)}-2`);
  });

  it('tells uuids from slugs', () => {
    expect(isUuid('123E4567-E89B-12D3-A456-426614174000')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isValidSlug('123e4567-e89b-12d3-a456-426614174000')).toBe(false);
  });
});
