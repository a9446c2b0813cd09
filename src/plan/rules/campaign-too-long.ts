import { addDays, addMonths, compareDates, monthsBetween } from '../dates.ts';
import type { CampaignRule } from './types.ts';

export const MAX_CAMPAIGN_MONTHS = 3;

export const campaignTooLong: CampaignRule = {
  id: 'campaign-too-long',
  severity: 'warning',
  target: 'campaign',
  description: 'A campaign is a short push: it should end no later than 3 calendar months after its start.',
  check(campaign) {
    const { start, end } = campaign;
    if (compareDates(end, start) < 0) return []; // campaign-dates-invalid reports it
    const latest = addMonths(start, MAX_CAMPAIGN_MONTHS);
    if (compareDates(end, latest) <= 0) return [];
    return [
      {
        path: '/end',
        message: `Campaign "${campaign.id}" runs from ${start} to ${end} (${monthsBetween(start, addDays(end, 1))} full months, end date inclusive), longer than ${MAX_CAMPAIGN_MONTHS} months: end it by ${latest}, or split it into several campaigns.`,
      },
    ];
  },
};
