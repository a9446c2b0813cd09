import type { CampaignRule } from './types.ts';

export const campaignNoChannels: CampaignRule = {
  id: 'campaign-no-channels',
  severity: 'error',
  target: 'campaign',
  description: "A campaign must be promoted on at least one of its strategy's channels.",
  check(campaign) {
    if (campaign.channels.length > 0) return [];
    return [
      {
        path: '/channels',
        message: `Campaign "${campaign.id}" uses no channel: list the strategy channel ids it will be promoted on (channels).`,
      },
    ];
  },
};
