import { channelsLacking } from './util.ts';
import type { StrategyRule } from './types.ts';

export const channelNoCadence: StrategyRule = {
  id: 'channel-no-cadence',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should have a posting cadence, so the workload can be planned against resources.',
  check: (strategy) =>
    channelsLacking(
      strategy,
      (channel) => channel.cadence === undefined,
      (channel) =>
        `Channel "${channel.id}" has no cadence: set cadence.postsPerWeek so the workload can be checked against the people's hours.`,
    ),
};
