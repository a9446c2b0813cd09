/** The campaign being edited: a plain Campaign document, so the linter reads it exactly as the server will. */
import { addDays, addMonths, compareDates, isIsoDate } from '../../../../src/plan/dates.ts';
import type { Campaign, Strategy } from '../../api/types.ts';

/** Updates the draft from its latest value (several edits can land in one render). */
export type EditCampaign = (change: (draft: Campaign) => Campaign) => void;
export type Phase = Campaign['phases'][number];
export type Task = Phase['tasks'][number];

/** "Spring blend launch!" → "spring-blend-launch": a valid plan id (see idSchema). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

const earliest = (a: string, b: string) => (compareDates(a, b) <= 0 ? a : b);

/**
 * A new campaign inside `strategy`, dated where the rules want it: after the strategy's lead time
 * (its base exists by then), two months long, inside the strategy period.
 */
export function newCampaign(strategy: Strategy): Campaign {
  const { start: periodStart, end: periodEnd } = strategy.period;
  const afterLead = addMonths(periodStart, strategy.settings.campaignLeadMonths);
  const start = compareDates(afterLead, periodEnd) <= 0 ? afterLead : periodStart;
  return {
    kind: 'campaign',
    id: '',
    strategy: strategy.id,
    name: '',
    type: 'product-launch',
    start,
    end: earliest(addDays(addMonths(start, 2), -1), periodEnd),
    audience: [],
    channels: [],
    support: [],
    phases: [],
  };
}

/** A phase that starts where the last one ends (or with the campaign) and runs to the campaign's end. */
export function nextPhase(campaign: Campaign): Phase {
  const last = campaign.phases[campaign.phases.length - 1];
  const start = last && isIsoDate(last.end) ? earliest(addDays(last.end, 1), campaign.end) : campaign.start;
  return { name: '', start, end: campaign.end, tasks: [] };
}

export const newTask = (phase: Phase, owner: string | undefined): Task => ({
  title: '',
  due: phase.start,
  ...(owner !== undefined ? { owner } : {}),
});

/** True when every date the rules compare is a real date: only then can the rules run on the draft. */
export function datesReadable(c: Campaign): boolean {
  return (
    isIsoDate(c.start) &&
    isIsoDate(c.end) &&
    c.phases.every((p) => isIsoDate(p.start) && isIsoDate(p.end) && p.tasks.every((t) => t.due === undefined || isIsoDate(t.due)))
  );
}

/** An input's text → a number, or undefined when empty or not a number. */
export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** An input's text → itself, or undefined when blank (optional text fields must not be empty strings). */
export const textOrUndefined = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/** Sets or removes an optional key, so the document never holds `key: undefined`. */
export function withOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const { [key]: _removed, ...rest } = obj;
  return (value === undefined ? rest : { ...rest, [key]: value }) as T;
}
