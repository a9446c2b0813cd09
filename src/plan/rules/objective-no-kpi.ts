import type { RuleIssue, StrategyRule } from './types.ts';

export const objectiveNoKpi: StrategyRule = {
  id: 'objective-no-kpi',
  severity: 'error',
  target: 'strategy',
  description: 'Every objective needs at least one KPI to measure it by.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      if (objective.kpis.length === 0) {
        issues.push({
          path: `/objectives/${i}`,
          message: `Objective "${objective.id}" has no KPI: add at least one (metric, baseline, target, due) so progress can be measured.`,
        });
      }
    });
    return issues;
  },
};
