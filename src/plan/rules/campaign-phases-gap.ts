import { fromEpochDay, toEpochDay } from '../dates.ts';
import type { Campaign } from '../schema.ts';
import type { CampaignRule } from './types.ts';

/** Days listed in a message before "… and n more". */
const MAX_LISTED = 5;

/** The runs of days from the campaign's start to its end (inclusive) that no phase covers, as [first, last] epoch days. */
export function phaseGaps(campaign: Campaign): [number, number][] {
  const first = toEpochDay(campaign.start);
  const last = toEpochDay(campaign.end);
  if (last < first || campaign.phases.length === 0) return [];
  // Phases as day intervals clipped to the campaign; a phase ending before it starts covers nothing.
  const spans = campaign.phases
    .map((p) => [Math.max(toEpochDay(p.start), first), Math.min(toEpochDay(p.end), last)] as const)
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const gaps: [number, number][] = [];
  let next = first; // first day not yet covered
  for (const [a, b] of spans) {
    if (a > next) gaps.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next <= last) gaps.push([next, last]);
  return gaps;
}

/**
 * The live check in the planner and the readiness checklist both read this rule, so they can never
 * disagree about gaps between phases. No phases at all is campaign-no-phases' finding, not this one's.
 */
export const campaignPhasesGap: CampaignRule = {
  id: 'campaign-phases-gap',
  severity: 'warning',
  target: 'campaign',
  description: "A campaign's phases should cover every day from its start to its end.",
  check(campaign) {
    const gaps = phaseGaps(campaign);
    if (gaps.length === 0) return [];
    const days = gaps.reduce((n, [a, b]) => n + b - a + 1, 0);
    const text = gaps.map(([a, b]) => (a === b ? fromEpochDay(a) : `${fromEpochDay(a)} – ${fromEpochDay(b)}`));
    const shown = text.slice(0, MAX_LISTED).join(', ') + (text.length > MAX_LISTED ? ` and ${text.length - MAX_LISTED} more` : '');
    return [{ path: '/phases', message: `${days} day${days === 1 ? '' : 's'} not covered by any phase: ${shown}.` }];
  },
};
