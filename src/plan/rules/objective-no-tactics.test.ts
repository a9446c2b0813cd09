import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { objectiveNoTactics as rule } from './objective-no-tactics.ts';

describe('objective-no-tactics', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('passes when only one of several strategies has a tactic', () => {
    const s = cleanStrategy();
    s.objectives[0]!.strategies.unshift({ statement: 'Think first', tactics: [] });
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports an objective with no strategies, and one whose strategies have no tactics', () => {
    const s = cleanStrategy();
    s.objectives[0]!.strategies = [];
    s.objectives[1]!.strategies[0]!.tactics = [];
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/0', '/objectives/1']);
    expect(issues[0]?.message).toContain('"grow-awareness"');
    expect(issues[1]?.message).toContain('"wholesale-leads"');
  });
});
