/** How the master documents (Markdown, PDF, DOCX) word a plan: names for ids, numbers, money, goals. */
import type { Campaign, Strategy } from '../schema.ts';

export interface PlanNames {
  /** Campaigns in calendar order (start, then id). */
  campaigns: Campaign[];
  person(id: string | undefined): string;
  persona(id: string): string;
  channel(id: string): string;
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const NOT_IN_STRATEGY = 'not in the strategy';

export function planNames(strategy: Strategy, campaigns: readonly Campaign[]): PlanNames {
  const people = new Map(strategy.resources.people.map((p) => [p.id, p.name]));
  const personas = new Map(strategy.audience.personas.map((p) => [p.id, p.name]));
  const channels = new Map(strategy.channels.map((c) => [c.id, c]));
  return {
    campaigns: [...campaigns].sort((a, b) => cmp(a.start, b.start) || cmp(a.id, b.id)),
    person: (id) => (id === undefined ? '—' : (people.get(id) ?? `${id} (${NOT_IN_STRATEGY})`)),
    persona: (id) => personas.get(id) ?? `${id} (${NOT_IN_STRATEGY})`,
    channel: (id) => {
      const c = channels.get(id);
      if (!c) return `${id} (${NOT_IN_STRATEGY})`;
      return c.id === c.platform ? c.id : `${c.id} (${c.platform})`;
    },
  };
}

/** 12000 → "12,000", 0.25 → "0.25", 1234.5 → "1,234.5" — no locale dependence. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = String(Number(n.toFixed(2)));
  const [int = '', frac] = fixed.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '−' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

export function pct(share: number): string {
  return `${String(Number((share * 100).toFixed(1)))}%`;
}

export function money(m: { amount: number; currency: string } | undefined): string {
  return m ? `${num(m.amount)} ${m.currency}` : '—';
}

/** Amounts summed per currency: "9,000 EUR + 500 USD"; "" when there are none. */
export function sumMoney(values: readonly ({ amount: number; currency?: string | undefined } | undefined)[]): string {
  const by = new Map<string, number>();
  for (const v of values) if (v) by.set(v.currency ?? '', (by.get(v.currency ?? '') ?? 0) + v.amount);
  return [...by.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([cur, amount]) => `${num(amount)}${cur ? ` ${cur}` : ''}`)
    .join(' + ');
}

/** "1,500 bags (sales)", "no target (sales)", or "—". */
export function responseGoal(c: Campaign): string {
  const r = c.response;
  if (!r || (r.metric === undefined && r.target === undefined)) return '—';
  const target = r.target !== undefined ? num(r.target) : 'no target';
  const unit = r.unit !== undefined ? ` ${r.unit}` : '';
  const metric = r.metric !== undefined ? ` (${r.metric.replace(/_/g, ' ')})` : '';
  return `${target}${unit}${metric}`;
}
