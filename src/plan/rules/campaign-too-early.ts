import { addMonths, compareDates, monthsBetween } from '../dates.ts';
import type { CampaignRule } from './types.ts';

export const campaignTooEarly: CampaignRule = {
  id: 'campaign-too-early',
  severity: 'warning',
  target: 'campaign',
  description: "A campaign should start at least settings.campaignLeadMonths (default 6) after its strategy's start, once a base exists.",
  check(campaign, strategy) {
    if (!strategy) return [];
    const strategyStart = strategy.period.start;
    // Starting before the strategy itself is campaign-outside-strategy-period's finding.
    if (compareDates(campaign.start, strategyStart) < 0) return [];
    const lead = strategy.settings.campaignLeadMonths;
    const earliest = addMonths(strategyStart, lead);
    if (compareDates(campaign.start, earliest) >= 0) return [];
    const months = monthsBetween(strategyStart, campaign.start);
    return [
      {
        path: '/start',
        message: `Campaign "${campaign.id}" starts ${campaign.start}, only ${months} full month${months === 1 ? '' : 's'} after strategy "${strategy.id}" starts (${strategyStart}): build a base of followers first and start on or after ${earliest} (settings.campaignLeadMonths = ${lead}).`,
      },
    ];
  },
};
