import type { Channel } from '../schema.ts';
import type { CampaignRule, RuleIssue } from './types.ts';

export const campaignBaseNotReady: CampaignRule = {
  id: 'campaign-base-not-ready',
  severity: 'warning',
  target: 'campaign',
  description: 'Each campaign channel should already have settings.minBaseFollowers followers (strategy baseline; missing counts as 0).',
  check(campaign, strategy) {
    if (!strategy) return [];
    const channels = new Map<string, Channel>();
    for (const c of strategy.channels) if (!channels.has(c.id)) channels.set(c.id, c);
    const min = strategy.settings.minBaseFollowers;
    const issues: RuleIssue[] = [];
    campaign.channels.forEach((id, i) => {
      const channel = channels.get(id);
      if (!channel) return; // campaign-channel-outside-strategy reports it
      const followers = channel.baseline?.followers;
      if ((followers ?? 0) >= min) return;
      const has = followers === undefined ? 'has no recorded follower baseline (counted as 0)' : `has ${followers} followers`;
      issues.push({
        path: `/channels/${i}`,
        message: `Channel "${id}" ${has}, fewer than the ${min} a campaign needs (settings.minBaseFollowers): build the base first, or drop the channel from this campaign.`,
      });
    });
    return issues;
  },
};
