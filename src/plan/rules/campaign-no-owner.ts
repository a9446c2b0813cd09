import type { CampaignRule } from './types.ts';

export const campaignNoOwner: CampaignRule = {
  id: 'campaign-no-owner',
  severity: 'warning',
  target: 'campaign',
  description: "A campaign should have an owner from its strategy's resources.people.",
  check(campaign) {
    if (campaign.owner !== undefined) return [];
    return [
      {
        path: '/owner',
        message: `Campaign "${campaign.id}" has no owner: set owner to the id of the person (from the strategy's resources.people) who oversees it from beginning to end.`,
      },
    ];
  },
};
