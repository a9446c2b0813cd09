import type { StrategyRule } from './types.ts';

export const strategyNoObjectives: StrategyRule = {
  id: 'strategy-no-objectives',
  severity: 'error',
  target: 'strategy',
  description: 'A strategy needs at least one objective (marketing, PR, sales, product development…).',
  check(strategy) {
    if (strategy.objectives.length > 0) return [];
    return [
      {
        path: '/objectives',
        message: `Strategy "${strategy.id}" has no objectives: add what social media should achieve (e.g. awareness, sales, customer service), each with strategies, tactics and KPIs.`,
      },
    ];
  },
};
