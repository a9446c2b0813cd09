import type { RuleIssue, StrategyRule } from './types.ts';

export const channelUnused: StrategyRule = {
  id: 'channel-unused',
  severity: 'warning',
  target: 'strategy',
  description: 'Every channel should be where a persona is reached or where a tactic happens.',
  check(strategy) {
    const used = new Set<string>();
    for (const persona of strategy.audience.personas) for (const id of persona.channels) used.add(id);
    for (const objective of strategy.objectives) {
      for (const s of objective.strategies) for (const t of s.tactics) for (const id of t.channels) used.add(id);
    }
    const issues: RuleIssue[] = [];
    strategy.channels.forEach((channel, i) => {
      if (!used.has(channel.id)) {
        issues.push({
          path: `/channels/${i}`,
          message: `Channel "${channel.id}" is not used by any persona or tactic: add it to a persona's channels or a tactic's channels, or drop it and spend the effort elsewhere.`,
        });
      }
    });
    return issues;
  },
};
