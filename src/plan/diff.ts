/**
 * Semantic diff of plan documents: what was added, removed or changed, named by the plan's own
 * entities rather than by lines of YAML. Pure; the CLI (`groundwork diff`), the strategy versions API
 * and the UI all use it.
 *
 * - Entities are matched by id: a strategy's personas, channels, pillars, objectives, their KPIs and
 *   people; a campaign's phases by name (they have no id). A KPI is matched across objectives: one
 *   that moved is *changed* in its field `objective`, not removed and added.
 * - An entity only in the newer document is `added`, only in the older `removed`; one in both gives a
 *   `changed` entry per differing field, with the field's path inside the entity (`cadence.postsPerWeek`,
 *   `strategies[0].statement`) and its old and new value (null where the field is absent). A list of
 *   plain values (a persona's channels, the tools) changes as a whole; a list of objects of the same
 *   length is compared item by item, otherwise as a whole.
 * - The document's own fields (name, period, budget, settings…) are changes of the entity `strategy`
 *   or `campaign` with the document's id.
 * - Order is plan order: the fields in the schema's order, entities in the newer document's order with
 *   a removed one placed after the entity it followed in the older document.
 */
import type { Campaign, PlanDocument, Strategy } from './schema.ts';

export const DIFF_ENTITIES = ['strategy', 'campaign', 'persona', 'channel', 'pillar', 'objective', 'kpi', 'person', 'phase'] as const;
export type DiffEntity = (typeof DIFF_ENTITIES)[number];

export interface PlanChange {
  op: 'added' | 'removed' | 'changed';
  entity: DiffEntity;
  /** The entity's id (a phase's name). */
  id: string;
  /** Path of the changed field inside the entity; "" for an added or removed entity. */
  field: string;
  /** The field's (or removed entity's) value before; null when it had none. */
  old: unknown;
  /** The field's (or added entity's) value after; null when it has none. */
  new: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Keys of both, in the newer object's order, then those only the older one has. */
const unionKeys = (a: Obj, b: Obj) => [...new Set([...Object.keys(b), ...Object.keys(a)])];

const joinPath = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** Field-by-field changes between two values of one entity, reported through `emit`. */
function diffFields(
  a: unknown,
  b: unknown,
  path: string,
  emit: (field: string, old: unknown, next: unknown) => void,
  skip = new Set<string>(),
) {
  if (deepEqual(a, b)) return;
  // An object that appears or disappears is reported field by field (`cadence.postsPerWeek: (none) → 4`).
  if ((isObj(a) || a === undefined) && (isObj(b) || b === undefined) && path !== '' && (a === undefined || b === undefined)) {
    diffFields(a ?? {}, b ?? {}, path, emit, skip);
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const key of unionKeys(a, b)) {
      if (path === '' && skip.has(key)) continue;
      diffFields(a[key], b[key], joinPath(path, key), emit);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a, ...b].every(isObj)) {
    for (const [i, item] of a.entries()) diffFields(item, b[i], `${path}[${i}]`, emit);
    return;
  }
  emit(path, a ?? null, b ?? null);
}

/**
 * The union of two lists keyed by `key`, in the newer list's order; an item only in the older list
 * comes right after the item it followed there (or first, when that one is gone too).
 */
export function mergeOrder<T>(older: readonly T[], newer: readonly T[], key: (t: T) => string): { key: string; a?: T; b?: T }[] {
  const inA = new Map(older.map((t) => [key(t), t]));
  const inB = new Map(newer.map((t) => [key(t), t]));
  const out: { key: string; a?: T; b?: T }[] = newer.map((t) => ({ key: key(t), a: inA.get(key(t)), b: t }));
  let previous: string | undefined;
  for (const t of older) {
    const k = key(t);
    if (!inB.has(k)) {
      const at = previous === undefined ? 0 : out.findIndex((e) => e.key === previous) + 1;
      out.splice(at, 0, { key: k, a: t });
    }
    previous = k;
  }
  return out;
}

/** The first item of each key (a duplicate id is a lint error, not the diff's business). */
const firstOfEach = <T>(items: readonly T[], key: (t: T) => string) => {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

interface EntityList {
  /** Where the list is in the document. */
  path: readonly string[];
  entity: DiffEntity;
  key: (item: Obj) => string;
}

const byId = (item: Obj) => String(item.id);
const STRATEGY_LISTS: readonly EntityList[] = [
  { path: ['audience', 'personas'], entity: 'persona', key: byId },
  { path: ['channels'], entity: 'channel', key: byId },
  { path: ['pillars'], entity: 'pillar', key: byId },
  { path: ['objectives'], entity: 'objective', key: byId },
  { path: ['resources', 'people'], entity: 'person', key: byId },
];
const CAMPAIGN_LISTS: readonly EntityList[] = [{ path: ['phases'], entity: 'phase', key: (p) => String(p.name) }];

interface Kpi extends Obj {
  id: string;
}
interface KpiAt {
  kpi: Kpi;
  objective: string;
}

function kpisOf(doc: Obj): Map<string, KpiAt> {
  const out = new Map<string, KpiAt>();
  for (const o of (doc.objectives as Obj[] | undefined) ?? []) {
    for (const k of (o.kpis as Kpi[] | undefined) ?? []) if (!out.has(k.id)) out.set(k.id, { kpi: k, objective: String(o.id) });
  }
  return out;
}

const withoutKpis = (o: Obj | undefined) => {
  if (!o) return undefined;
  const { kpis: _kpis, ...rest } = o;
  return rest;
};

/** Changes from `a` to `b`, two versions of one strategy or one campaign (or two different ones). */
export function diffDocuments(a: Strategy | Campaign, b: Strategy | Campaign): PlanChange[] {
  const entity: DiffEntity = b.kind;
  const changes: PlanChange[] = [];
  const docA = a as unknown as Obj;
  const docB = b as unknown as Obj;
  const lists =
    b.kind === 'strategy' && a.kind === 'strategy' ? STRATEGY_LISTS : b.kind === 'campaign' && a.kind === 'campaign' ? CAMPAIGN_LISTS : [];
  const kpisA = kpisOf(docA);
  const kpisB = kpisOf(docB);
  const change = (e: DiffEntity, id: string) => (field: string, old: unknown, next: unknown) =>
    changes.push({ op: 'changed', entity: e, id, field, old, new: next });

  const diffKpis = (objectiveId: string, objA: Obj | undefined, objB: Obj | undefined) => {
    const older = ((objA?.kpis as Kpi[] | undefined) ?? []).filter((k) => !kpisB.has(k.id));
    const merged = mergeOrder(firstOfEach(older, byId), firstOfEach((objB?.kpis as Kpi[] | undefined) ?? [], byId), byId);
    for (const { key, b: kb } of merged) {
      const before = kpisA.get(key);
      if (kb && kpisB.get(key)?.objective !== objectiveId) continue; // a duplicate id elsewhere
      if (!kb) changes.push({ op: 'removed', entity: 'kpi', id: key, field: '', old: before!.kpi, new: null });
      else if (!before) changes.push({ op: 'added', entity: 'kpi', id: key, field: '', old: null, new: kb });
      else {
        if (before.objective !== objectiveId) change('kpi', key)('objective', before.objective, objectiveId);
        diffFields(before.kpi, kb, '', change('kpi', key));
      }
    }
  };

  const diffList = (list: EntityList, itemsA: Obj[], itemsB: Obj[]) => {
    const merged = mergeOrder(firstOfEach(itemsA, list.key), firstOfEach(itemsB, list.key), list.key);
    for (const { key, a: ia, b: ib } of merged) {
      const isObjective = list.entity === 'objective';
      const value = (o: Obj | undefined) => (isObjective ? withoutKpis(o) : o) ?? null;
      if (!ib) changes.push({ op: 'removed', entity: list.entity, id: key, field: '', old: value(ia), new: null });
      else if (!ia) changes.push({ op: 'added', entity: list.entity, id: key, field: '', old: null, new: value(ib) });
      else diffFields(ia, ib, '', change(list.entity, key), isObjective ? new Set(['kpis']) : undefined);
      if (isObjective) diffKpis(key, ia, ib);
    }
  };

  const walk = (oa: Obj, ob: Obj, path: readonly string[]) => {
    for (const key of unionKeys(oa, ob)) {
      if (path.length === 0 && key === 'kind') continue;
      const here = [...path, key];
      const list = lists.find((l) => l.path.join('.') === here.join('.'));
      const va = oa[key];
      const vb = ob[key];
      if (list) diffList(list, (va as Obj[] | undefined) ?? [], (vb as Obj[] | undefined) ?? []);
      else if (lists.some((l) => l.path.length > here.length && l.path.slice(0, here.length).join('.') === here.join('.')))
        walk(isObj(va) ? va : {}, isObj(vb) ? vb : {}, here);
      else diffFields(va, vb, here.join('.'), change(entity, b.id));
    }
  };
  walk(docA, docB, []);
  return changes;
}

/**
 * Changes between two sets of plan documents (two plan files): documents are matched by kind and id;
 * one only in `b` is an added strategy or campaign, one only in `a` a removed one.
 */
export function diffPlans(a: readonly PlanDocument[], b: readonly PlanDocument[]): PlanChange[] {
  const key = (d: PlanDocument) => `${d.kind}:${d.id}`;
  const changes: PlanChange[] = [];
  for (const { a: da, b: db } of mergeOrder(firstOfEach(a, key), firstOfEach(b, key), key)) {
    if (!db) changes.push({ op: 'removed', entity: da!.kind, id: da!.id, field: '', old: da, new: null });
    else if (!da) changes.push({ op: 'added', entity: db.kind, id: db.id, field: '', old: null, new: db });
    else changes.push(...diffDocuments(da, db));
  }
  return changes;
}

/** A value as the text diff shows it: JSON, "(none)" for no value. */
export function formatDiffValue(v: unknown): string {
  return v === null || v === undefined ? '(none)' : JSON.stringify(v);
}

/** One line per change: `+ channel linkedin`, `- objective o-pr`, `~ kpi k-followers.target: 5000 → 6000`. */
export function formatDiffLine(c: PlanChange): string {
  if (c.op === 'added') return `+ ${c.entity} ${c.id}`;
  if (c.op === 'removed') return `- ${c.entity} ${c.id}`;
  return `~ ${c.entity} ${c.id}.${c.field}: ${formatDiffValue(c.old)} → ${formatDiffValue(c.new)}`;
}

export function formatDiffText(changes: readonly PlanChange[]): string {
  return changes.length === 0 ? 'no differences\n' : `${changes.map(formatDiffLine).join('\n')}\n`;
}
