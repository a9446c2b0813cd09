import type { CampaignRule } from './types.ts';

export const campaignNoAudience: CampaignRule = {
  id: 'campaign-no-audience',
  severity: 'error',
  target: 'campaign',
  description: "A campaign must target at least one of its strategy's personas.",
  check(campaign) {
    if (campaign.audience.length > 0) return [];
    return [
      {
        path: '/audience',
        message: `Campaign "${campaign.id}" targets no persona: a campaign builds on the strategy's audience research, so list the persona ids it addresses (audience).`,
      },
    ];
  },
};
