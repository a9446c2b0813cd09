/** Telling workspace ids from slugs, and deriving a slug from a name. */
import { isUuid } from '../db/uuid.ts';
import { SLUG_RE } from './schema.ts';

/** A slug must never look like a uuid, or a workspace reference would be ambiguous. */
export const isValidSlug = (s: string): boolean => SLUG_RE.test(s) && !isUuid(s);

export const SLUG_MAX = 63;

/** "Café Müller — Berlin!" → "cafe-muller-berlin"; a name with no latin letters or digits → "workspace". */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return base && isValidSlug(base) ? base : base ? `${base.slice(0, SLUG_MAX - 3)}-ws` : 'workspace';
}

/** `base` with `-n` appended, cut so the whole stays within 63 characters. */
export function slugWithSuffix(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}
