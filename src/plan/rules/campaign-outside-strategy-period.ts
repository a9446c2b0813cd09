import { compareDates } from '../dates.ts';
import type { CampaignRule, RuleIssue } from './types.ts';

export const campaignOutsideStrategyPeriod: CampaignRule = {
  id: 'campaign-outside-strategy-period',
  severity: 'error',
  target: 'campaign',
  description: "A campaign's start and end must lie inside its strategy's period.",
  check(campaign, strategy) {
    if (!strategy) return [];
    const { start, end } = strategy.period;
    const issues: RuleIssue[] = [];
    for (const field of ['start', 'end'] as const) {
      const date = campaign[field];
      if (compareDates(date, start) >= 0 && compareDates(date, end) <= 0) continue;
      issues.push({
        path: `/${field}`,
        message: `Campaign "${campaign.id}" ${field === 'start' ? 'starts' : 'ends'} on ${date}, outside strategy "${strategy.id}" (${start} to ${end}): move it inside the period, or extend the strategy first.`,
      });
    }
    return issues;
  },
};
