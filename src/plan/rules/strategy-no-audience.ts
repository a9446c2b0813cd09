import type { StrategyRule } from './types.ts';

export const strategyNoAudience: StrategyRule = {
  id: 'strategy-no-audience',
  severity: 'error',
  target: 'strategy',
  description: 'A strategy needs a clear analysis of its audience: at least one persona.',
  check(strategy) {
    if (strategy.audience.personas.length > 0) return [];
    return [
      {
        path: '/audience/personas',
        message: `Strategy "${strategy.id}" defines no personas: describe who you want to reach (audience.personas, with their pain points and channels) before planning content and campaigns.`,
      },
    ];
  },
};
