/**
 * The strategy builder's draft: a strategy document being edited (schema output shape, so every
 * list exists), with the helpers that keep it consistent while users edit by name, never by id.
 */
import { addDays, addMonths } from '../../../../src/plan/dates.ts';
import type { Strategy } from '../../api/types.ts';

export type Draft = Strategy;

/** The kinds of sub-item with ids; users name them and the ids follow (slugified, unique). */
type ItemKind = 'persona' | 'channel' | 'pillar' | 'objective' | 'kpi' | 'person';

/** Ids already saved are fixed: campaigns, exports and plan files refer to them. */
export type LockedIds = Record<ItemKind, ReadonlySet<string>>;

const ITEMS: Record<ItemKind, (d: Draft) => { id: string }[]> = {
  persona: (d) => d.audience.personas,
  channel: (d) => d.channels,
  pillar: (d) => d.pillars,
  objective: (d) => d.objectives,
  kpi: (d) => d.objectives.flatMap((o) => o.kpis),
  person: (d) => d.resources.people,
};

const FALLBACK: Record<ItemKind, string> = {
  persona: 'persona',
  channel: 'channel',
  pillar: 'pillar',
  objective: 'objective',
  kpi: 'kpi',
  person: 'person',
};

/** "Café Müller — Berlin!" → "cafe-muller-berlin", cut at a word boundary within `max` characters. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut.slice(0, max)).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… — the first not in `taken`. */
function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A fresh id for a new item of `kind`, from its name (or the kind while it has none). */
export function newId(d: Draft, kind: ItemKind, source = ''): string {
  return uniqueId(slugify(source) || FALLBACK[kind], new Set(ITEMS[kind](d).map((x) => x.id)));
}

export function lockedIds(saved: Draft | undefined): LockedIds {
  const ids = (kind: ItemKind) => new Set(saved ? ITEMS[kind](saved).map((x) => x.id) : []);
  return {
    persona: ids('persona'),
    channel: ids('channel'),
    pillar: ids('pillar'),
    objective: ids('objective'),
    kpi: ids('kpi'),
    person: ids('person'),
  };
}

/**
 * Re-derives an unsaved item's id from its (new) name and moves every reference inside the draft
 * with it (persona and tactic channels, KPI channels, channel owners). Saved ids never change.
 */
export function rename(d: Draft, kind: ItemKind, item: { id: string }, source: string, locked: LockedIds): void {
  if (locked[kind].has(item.id)) return;
  const taken = new Set(
    ITEMS[kind](d)
      .filter((x) => x !== item)
      .map((x) => x.id),
  );
  const next = uniqueId(slugify(source) || FALLBACK[kind], taken);
  if (next === item.id) return;
  replaceReferences(d, kind, item.id, next);
  item.id = next;
}

/** Points references to `from` at `to`, or drops them when `to` is undefined (the item was removed). */
export function replaceReferences(d: Draft, kind: ItemKind, from: string, to: string | undefined): void {
  const swap = (ids: string[]) => ids.flatMap((id) => (id !== from ? [id] : to === undefined ? [] : [to]));
  if (kind === 'channel') {
    for (const p of d.audience.personas) p.channels = swap(p.channels);
    for (const o of d.objectives) {
      for (const s of o.strategies) for (const t of s.tactics) t.channels = swap(t.channels);
      for (const k of o.kpis) if (k.channel === from) k.channel = to;
    }
  }
  if (kind === 'person') for (const c of d.channels) if (c.owner === from) c.owner = to;
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A new strategy: 12 months from the next 1st of the month, the schema's default settings. */
export function newDraft(organisation = ''): Draft {
  const start = addMonths(`${today().slice(0, 7)}-01`, 1);
  return {
    kind: 'strategy',
    id: '',
    name: '',
    organisation,
    period: { start, end: addDays(addMonths(start, 12), -1) },
    integration: {},
    audience: { personas: [] },
    channels: [],
    pillars: [],
    contentMix: { maxPromotionalShare: 0.2 },
    objectives: [],
    resources: { people: [], tools: [] },
    settings: { campaignLeadMonths: 6, minBaseFollowers: 100, minutesPerPost: 30 },
  };
}

/** Posting hours the channels need per week vs the hours the people have (the capacity rule's sums). */
export function capacity(d: Draft): { needed: number; available: number } {
  const num = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : 0);
  const posts = d.channels.reduce((sum, c) => sum + num(c.cadence?.postsPerWeek), 0);
  return {
    needed: (posts * num(d.settings.minutesPerPost)) / 60,
    available: d.resources.people.reduce((sum, p) => sum + num(p.hoursPerWeek), 0),
  };
}

/** Optional text: blank means "not given", so the schema never sees an empty string. */
export const optionalText = (value: string): string | undefined => (value.trim() ? value : undefined);

/** JSON with sorted keys: tells whether the draft differs from what was saved, whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
