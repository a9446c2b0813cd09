import type { RuleIssue, StrategyRule } from './types.ts';

export const kpiIncomplete: StrategyRule = {
  id: 'kpi-incomplete',
  severity: 'error',
  target: 'strategy',
  description: 'Every KPI needs a baseline, a target and a due date.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      objective.kpis.forEach((kpi, j) => {
        const missing: string[] = [];
        if (kpi.baseline === undefined) missing.push('baseline');
        if (kpi.target === undefined) missing.push('target');
        if (kpi.due === undefined) missing.push('due');
        if (missing.length === 0) return;
        issues.push({
          path: `/objectives/${i}/kpis/${j}`,
          message: `KPI "${kpi.id}" of objective "${objective.id}" has no ${missing.join(', ')}: a KPI is measurable only with where you are (baseline), where you want to be (target) and by when (due).`,
        });
      });
    });
    return issues;
  },
};
