import { compareDates } from '../dates.ts';
import type { RuleIssue, StrategyRule } from './types.ts';

export const kpiDueOutsidePeriod: StrategyRule = {
  id: 'kpi-due-outside-period',
  severity: 'warning',
  target: 'strategy',
  description: "A KPI's due date should fall inside the strategy period.",
  check(strategy) {
    const { start, end } = strategy.period;
    if (compareDates(end, start) <= 0) return []; // strategy-period-invalid reports it
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      objective.kpis.forEach((kpi, j) => {
        if (kpi.due === undefined) return;
        if (compareDates(kpi.due, start) >= 0 && compareDates(kpi.due, end) <= 0) return;
        issues.push({
          path: `/objectives/${i}/kpis/${j}/due`,
          message: `KPI "${kpi.id}" is due ${kpi.due}, outside the strategy period ${start} to ${end}: move the due date inside the period, or extend the period.`,
        });
      });
    });
    return issues;
  },
};
