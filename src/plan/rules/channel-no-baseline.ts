import { channelsLacking } from './util.ts';
import type { StrategyRule } from './types.ts';

export const channelNoBaseline: StrategyRule = {
  id: 'channel-no-baseline',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should record its current followers, so growth and campaign readiness can be measured.',
  check: (strategy) =>
    channelsLacking(
      strategy,
      (channel) => channel.baseline === undefined,
      (channel) =>
        `Channel "${channel.id}" has no baseline: record today's follower count (baseline.followers), or growth cannot be measured and campaigns treat it as 0 followers.`,
    ),
};
