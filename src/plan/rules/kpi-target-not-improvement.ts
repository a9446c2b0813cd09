import type { RuleIssue, StrategyRule } from './types.ts';

/**
 * Only equality is reported: for some metrics lower is better (response time, churn), so a target
 * below the baseline can be a real improvement.
 */
export const kpiTargetNotImprovement: StrategyRule = {
  id: 'kpi-target-not-improvement',
  severity: 'warning',
  target: 'strategy',
  description: "A KPI's target should differ from its baseline, or there is nothing to achieve.",
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      objective.kpis.forEach((kpi, j) => {
        if (kpi.baseline === undefined || kpi.target === undefined || kpi.target !== kpi.baseline) return;
        issues.push({
          path: `/objectives/${i}/kpis/${j}/target`,
          message: `KPI "${kpi.id}" has target ${kpi.target}, the same as its baseline: set the target to the value you want to reach by ${kpi.due ?? 'its due date'}.`,
        });
      });
    });
    return issues;
  },
};
