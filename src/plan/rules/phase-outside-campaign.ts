import { compareDates } from '../dates.ts';
import type { CampaignRule, RuleIssue } from './types.ts';

export const phaseOutsideCampaign: CampaignRule = {
  id: 'phase-outside-campaign',
  severity: 'warning',
  target: 'campaign',
  description: "A phase's start and end should lie inside the campaign's dates.",
  check(campaign) {
    const { start, end } = campaign;
    if (compareDates(end, start) < 0) return []; // campaign-dates-invalid reports it
    const issues: RuleIssue[] = [];
    campaign.phases.forEach((phase, i) => {
      for (const field of ['start', 'end'] as const) {
        const date = phase[field];
        if (compareDates(date, start) >= 0 && compareDates(date, end) <= 0) continue;
        issues.push({
          path: `/phases/${i}/${field}`,
          message: `Phase "${phase.name}" ${field === 'start' ? 'starts' : 'ends'} on ${date}, outside campaign "${campaign.id}" (${start} to ${end}): move the phase inside the campaign, or change the campaign's dates.`,
        });
      }
    });
    return issues;
  },
};
