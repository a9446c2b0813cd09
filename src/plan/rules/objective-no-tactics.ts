import type { RuleIssue, StrategyRule } from './types.ts';

export const objectiveNoTactics: StrategyRule = {
  id: 'objective-no-tactics',
  severity: 'warning',
  target: 'strategy',
  description: 'Every objective should have at least one strategy with at least one tactic.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      if (!objective.strategies.some((s) => s.tactics.length > 0)) {
        issues.push({
          path: `/objectives/${i}`,
          message: `Objective "${objective.id}" has no tactic: add a strategy with tactics saying concretely what will be done and on which channels.`,
        });
      }
    });
    return issues;
  },
};
