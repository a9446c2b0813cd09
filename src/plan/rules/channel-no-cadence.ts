import type { RuleIssue, StrategyRule } from './types.ts';

export const channelNoCadence: StrategyRule = {
  id: 'channel-no-cadence',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should have a posting cadence, so the workload can be planned against resources.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.channels.forEach((channel, i) => {
      if (channel.cadence === undefined) {
        issues.push({
          path: `/channels/${i}`,
          message: `Channel "${channel.id}" has no cadence: set cadence.postsPerWeek so the workload can be checked against the people's hours.`,
        });
      }
    });
    return issues;
  },
};
