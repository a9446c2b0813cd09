import type { StrategyRule } from './types.ts';

export const strategyNoIntegration: StrategyRule = {
  id: 'strategy-no-integration',
  severity: 'warning',
  target: 'strategy',
  description: 'A strategy should say which existing marketing plan it integrates into.',
  check(strategy) {
    if (strategy.integration.marketingPlan !== undefined) return [];
    return [
      {
        path: '/integration/marketingPlan',
        message: `Strategy "${strategy.id}" does not say how it fits the organisation's marketing: name the marketing plan it integrates into (integration.marketingPlan).`,
      },
    ];
  },
};
