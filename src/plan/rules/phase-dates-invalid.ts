import { compareDates } from '../dates.ts';
import type { CampaignRule, RuleIssue } from './types.ts';

export const phaseDatesInvalid: CampaignRule = {
  id: 'phase-dates-invalid',
  severity: 'error',
  target: 'campaign',
  description: 'A campaign phase must not end before it starts.',
  check(campaign) {
    const issues: RuleIssue[] = [];
    campaign.phases.forEach((phase, i) => {
      if (compareDates(phase.end, phase.start) >= 0) return;
      issues.push({
        path: `/phases/${i}/end`,
        message: `Phase "${phase.name}" of campaign "${campaign.id}" ends on ${phase.end}, before its start ${phase.start}: fix start or end.`,
      });
    });
    return issues;
  },
};
