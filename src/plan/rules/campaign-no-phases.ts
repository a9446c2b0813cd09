import type { CampaignRule } from './types.ts';

export const campaignNoPhases: CampaignRule = {
  id: 'campaign-no-phases',
  severity: 'warning',
  target: 'campaign',
  description: 'A campaign should be planned in phases (e.g. teaser, launch, follow-up) with tasks.',
  check(campaign) {
    if (campaign.phases.length > 0) return [];
    return [
      {
        path: '/phases',
        message: `Campaign "${campaign.id}" has no phases: plan it from beginning to end (e.g. teaser, launch, follow-up) with dated tasks and owners.`,
      },
    ];
  },
};
