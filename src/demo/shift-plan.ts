/**
 * The demo's plans, moved in time. The example strategy is written for a fixed year (2027), but the
 * demo must show a strategy in full swing whatever day `npm start` first runs: a year of history
 * ending today is only worth a dashboard when that year lies inside the strategy. So the seed moves
 * every date of the example plans by whole months, the same for all, until today falls in the
 * strategy's 11th month: ten months of history inside the strategy (and two before it, the
 * baseline), the summer campaign over, the autumn launch running. Whole months keep what the rules
 * check (lead times, phases inside campaigns, campaigns inside the strategy) and each date's day of
 * the month (clamped at a month's end, as addMonths does). A year in a document's name follows its
 * start ("Roastery open day 2027" held in August 2026 becomes "Roastery open day 2026"); ids stay.
 */
import { addMonths, parseIsoDate } from '../plan/dates.ts';
import type { PlanDocument } from '../plan/schema.ts';

/** Today falls in this month of the strategy (1 = its first). */
const DEMO_STRATEGY_MONTH = 11;

/** Months to add to every date so that `today` falls in the strategy's {@link DEMO_STRATEGY_MONTH}th month. */
export function demoMonthShift(strategyStart: string, today: string): number {
  const start = parseIsoDate(strategyStart);
  const now = parseIsoDate(today);
  return now.year * 12 + now.month - (DEMO_STRATEGY_MONTH - 1) - (start.year * 12 + start.month);
}

/** `name` with the year `start` falls in replaced by the year it falls in after the shift. */
function renamed(name: string, start: string, shifted: string): string {
  const [from, to] = [start.slice(0, 4), shifted.slice(0, 4)];
  return name.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), to);
}

/** `doc` with every date moved by `months` (a new document; `doc` is left as it was). */
export function shiftPlanDates(doc: PlanDocument, months: number): PlanDocument {
  const shift = (date: string) => addMonths(date, months);
  if (doc.kind === 'strategy') {
    return {
      ...doc,
      name: renamed(doc.name, doc.period.start, shift(doc.period.start)),
      period: { start: shift(doc.period.start), end: shift(doc.period.end) },
      objectives: doc.objectives.map((o) => ({
        ...o,
        kpis: o.kpis.map((k) => (k.due === undefined ? k : { ...k, due: shift(k.due) })),
      })),
    };
  }
  return {
    ...doc,
    name: renamed(doc.name, doc.start, shift(doc.start)),
    start: shift(doc.start),
    end: shift(doc.end),
    phases: doc.phases.map((p) => ({
      ...p,
      start: shift(p.start),
      end: shift(p.end),
      tasks: p.tasks.map((t) => (t.due === undefined ? t : { ...t, due: shift(t.due) })),
    })),
  };
}
