import type { RuleIssue, StrategyRule } from './types.ts';

export const channelNoPurpose: StrategyRule = {
  id: 'channel-no-purpose',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should say, in one sentence, what it is used for.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.channels.forEach((channel, i) => {
      if (channel.purpose === undefined) {
        issues.push({
          path: `/channels/${i}`,
          message: `Channel "${channel.id}" has no purpose: say in one sentence what it is for and how it is used (purpose).`,
        });
      }
    });
    return issues;
  },
};
