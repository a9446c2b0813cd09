import { addDays, compareDates, daysBetween } from '../dates.ts';
import type { CampaignRule } from './types.ts';

export const MIN_CAMPAIGN_DAYS = 14;

export const campaignTooShort: CampaignRule = {
  id: 'campaign-too-short',
  severity: 'warning',
  target: 'campaign',
  description: 'A campaign should last at least 2 weeks (14 days, end date inclusive) to drive a response.',
  check(campaign) {
    const { start, end } = campaign;
    if (compareDates(end, start) < 0) return []; // campaign-dates-invalid reports it
    const days = daysBetween(start, end) + 1;
    if (days >= MIN_CAMPAIGN_DAYS) return [];
    return [
      {
        path: '/end',
        message: `Campaign "${campaign.id}" lasts only ${days} day${days === 1 ? '' : 's'} (${start} to ${end}): give it at least ${MIN_CAMPAIGN_DAYS} days, ending on or after ${addDays(start, MIN_CAMPAIGN_DAYS - 1)}.`,
      },
    ];
  },
};
