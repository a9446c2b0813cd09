import type { CampaignRule } from './types.ts';

export const campaignNoSupport: CampaignRule = {
  id: 'campaign-no-support',
  severity: 'warning',
  target: 'campaign',
  description:
    'A campaign should be supported beyond organic posts: advertising, PR, influencers, marketing, partners, customers or investors.',
  check(campaign) {
    if (campaign.support.length > 0) return [];
    return [
      {
        path: '/support',
        message: `Campaign "${campaign.id}" has no support plan: list who amplifies it (support: advertising, pr, influencers, marketing, partners, customers, investors).`,
      },
    ];
  },
};
