/** How the master documents (Markdown, PDF, DOCX) name the ids a plan refers to. */
import type { Campaign, Strategy } from '../schema.ts';

export interface PlanNames {
  /** Campaigns in calendar order (start, then id). */
  campaigns: Campaign[];
  person(id: string | undefined): string;
  persona(id: string): string;
  channel(id: string): string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const NOT_IN_STRATEGY = 'not in the strategy';

export function planNames(strategy: Strategy, campaigns: readonly Campaign[]): PlanNames {
  const people = new Map(strategy.resources.people.map((p) => [p.id, p.name]));
  const personas = new Map(strategy.audience.personas.map((p) => [p.id, p.name]));
  const channels = new Map(strategy.channels.map((c) => [c.id, c]));
  return {
    campaigns: [...campaigns].sort((a, b) => cmp(a.start, b.start) || cmp(a.id, b.id)),
    person: (id) => (id === undefined ? '—' : people.get(id) ?? `${id} (${NOT_IN_STRATEGY})`),
    persona: (id) => personas.get(id) ?? `${id} (${NOT_IN_STRATEGY})`,
    channel: (id) => {
      const c = channels.get(id);
      if (!c) return `${id} (${NOT_IN_STRATEGY})`;
      return c.id === c.platform ? c.id : `${c.id} (${c.platform})`;
    },
  };
}
