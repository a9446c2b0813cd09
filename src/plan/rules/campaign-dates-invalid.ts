import { compareDates } from '../dates.ts';
import type { CampaignRule } from './types.ts';

export const campaignDatesInvalid: CampaignRule = {
  id: 'campaign-dates-invalid',
  severity: 'error',
  target: 'campaign',
  description: 'A campaign must not end before it starts.',
  check(campaign) {
    if (compareDates(campaign.end, campaign.start) >= 0) return [];
    return [
      {
        path: '/end',
        message: `Campaign "${campaign.id}" ends on ${campaign.end}, before its start ${campaign.start}: fix start or end.`,
      },
    ];
  },
};
