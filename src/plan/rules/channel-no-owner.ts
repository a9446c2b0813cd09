import type { RuleIssue, StrategyRule } from './types.ts';

export const channelNoOwner: StrategyRule = {
  id: 'channel-no-owner',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should have an owner from resources.people.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.channels.forEach((channel, i) => {
      if (channel.owner === undefined) {
        issues.push({
          path: `/channels/${i}`,
          message: `Channel "${channel.id}" has no owner: set owner to the id of the person in resources.people who runs it.`,
        });
      }
    });
    return issues;
  },
};
