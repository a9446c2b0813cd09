import type { CampaignRule } from './types.ts';
import { listIds } from './util.ts';

export const campaignRequiresStrategy: CampaignRule = {
  id: 'campaign-requires-strategy',
  severity: 'error',
  target: 'campaign',
  description: 'A campaign comes after, and lives inside, a strategy: it must name a known strategy.',
  check(campaign, _strategy, ctx) {
    if (campaign.strategy === undefined) {
      return [
        {
          path: '/strategy',
          message: `Campaign "${campaign.id}" names no strategy: a campaign builds on a strategy's audience and channels, so set strategy to the id of the strategy it belongs to.`,
        },
      ];
    }
    if (ctx.strategies.has(campaign.strategy)) return [];
    return [
      {
        path: '/strategy',
        message: `Campaign "${campaign.id}" names strategy "${campaign.strategy}", which is unknown (loaded: ${listIds(ctx.strategies.keys())}): fix the id, or lint the campaign together with its strategy.`,
      },
    ];
  },
};
