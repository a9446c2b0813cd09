import { channelsLacking } from './util.ts';
import type { StrategyRule } from './types.ts';

export const channelNoPurpose: StrategyRule = {
  id: 'channel-no-purpose',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should say, in one sentence, what it is used for.',
  check: (strategy) =>
    channelsLacking(
      strategy,
      (channel) => channel.purpose === undefined,
      (channel) => `Channel "${channel.id}" has no purpose: say in one sentence what it is for and how it is used (purpose).`,
    ),
};
