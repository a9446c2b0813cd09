import type { RuleIssue, StrategyRule } from './types.ts';

export const personaNoPainPoints: StrategyRule = {
  id: 'persona-no-pain-points',
  severity: 'warning',
  target: 'strategy',
  description: 'Each persona should list the pain points the strategy sets out to solve.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.audience.personas.forEach((persona, i) => {
      if (persona.painPoints.length === 0) {
        issues.push({
          path: `/audience/personas/${i}`,
          message: `Persona "${persona.id}" has no pain points: list the problems this audience has (painPoints), so content can solve them instead of just promoting.`,
        });
      }
    });
    return issues;
  },
};
