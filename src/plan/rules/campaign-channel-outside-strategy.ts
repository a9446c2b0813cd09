import type { CampaignRule, RuleIssue } from './types.ts';
import { listIds } from './util.ts';

export const campaignChannelOutsideStrategy: CampaignRule = {
  id: 'campaign-channel-outside-strategy',
  severity: 'error',
  target: 'campaign',
  description: 'A campaign may only use channels defined in its strategy.',
  check(campaign, strategy) {
    if (!strategy) return [];
    const channelIds = new Set(strategy.channels.map((c) => c.id));
    const issues: RuleIssue[] = [];
    campaign.channels.forEach((id, i) => {
      if (channelIds.has(id)) return;
      issues.push({
        path: `/channels/${i}`,
        message: `Channel "${id}" is not a channel of strategy "${strategy.id}" (channels: ${listIds(channelIds)}): campaigns are promoted through the strategy's channels, so add it to the strategy (and build a base there) first, or use one of its channels.`,
      });
    });
    return issues;
  },
};
