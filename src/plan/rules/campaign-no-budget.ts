import type { CampaignRule } from './types.ts';

export const campaignNoBudget: CampaignRule = {
  id: 'campaign-no-budget',
  severity: 'warning',
  target: 'campaign',
  description: 'A campaign should have a budget; without it ROI cannot be computed.',
  check(campaign) {
    if (campaign.budget !== undefined) return [];
    return [
      {
        path: '/budget',
        message: `Campaign "${campaign.id}" has no budget, so ROI cannot be computed: set budget (amount and currency), even if it is only time.`,
      },
    ];
  },
};
