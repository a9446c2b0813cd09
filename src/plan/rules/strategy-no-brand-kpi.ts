import type { StrategyRule } from './types.ts';

const BRAND_KINDS: ReadonlySet<string> = new Set(['brand', 'engagement', 'reach']);

export const strategyNoBrandKpi: StrategyRule = {
  id: 'strategy-no-brand-kpi',
  severity: 'warning',
  target: 'strategy',
  description: 'A strategy is judged on long-term brand impact: it should have a brand, engagement or reach KPI.',
  check(strategy) {
    if (strategy.objectives.length === 0) return []; // strategy-no-objectives reports it
    for (const objective of strategy.objectives) {
      for (const kpi of objective.kpis) if (BRAND_KINDS.has(kpi.kind)) return [];
    }
    return [
      {
        path: '/objectives',
        message: `Strategy "${strategy.id}" has no KPI of kind brand, engagement or reach: its return is long-term brand impact, not only money, so add such a KPI to an objective.`,
      },
    ];
  },
};
