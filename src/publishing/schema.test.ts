import { describe, expect, it } from 'vitest';
import { variantContentSchema } from './schema.ts';

describe('variant content: link card', () => {
  it('takes an optional title and description for the link card, trimmed', () => {
    const c = variantContentSchema.parse({
      text: 'Read this',
      link: 'https://example.com/a',
      linkTitle: '  An article ',
      linkDescription: 'Worth it',
    });
    expect(c).toEqual({
      text: 'Read this',
      media: [],
      thread: [],
      link: 'https://example.com/a',
      linkTitle: 'An article',
      linkDescription: 'Worth it',
    });
    expect(variantContentSchema.parse({ text: 'x', link: 'https://example.com/a' })).not.toHaveProperty('linkTitle');
  });

  it('refuses a card title or description without a link, and over-long ones', () => {
    const noLink = variantContentSchema.safeParse({ text: 'x', linkTitle: 'Orphan', linkDescription: 'Orphan too' });
    expect(noLink.success).toBe(false);
    expect(noLink.error!.issues.map((i) => i.path.join('/')).sort()).toEqual(['linkDescription', 'linkTitle']);
    expect(variantContentSchema.safeParse({ text: 'x', link: 'https://example.com', linkTitle: 't'.repeat(301) }).success).toBe(false);
    expect(variantContentSchema.safeParse({ text: 'x', link: 'https://example.com', linkDescription: '' }).success).toBe(false);
  });
});
