import { channelsLacking } from './util.ts';
import type { StrategyRule } from './types.ts';

export const channelNoOwner: StrategyRule = {
  id: 'channel-no-owner',
  severity: 'warning',
  target: 'strategy',
  description: 'Each channel should have an owner from resources.people.',
  check: (strategy) =>
    channelsLacking(
      strategy,
      (channel) => channel.owner === undefined,
      (channel) => `Channel "${channel.id}" has no owner: set owner to the id of the person in resources.people who runs it.`,
    ),
};
