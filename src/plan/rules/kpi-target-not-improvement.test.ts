import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { kpiTargetNotImprovement as rule } from './kpi-target-not-improvement.ts';

describe('kpi-target-not-improvement', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('accepts a target below the baseline (lower can be better)', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.target = 1;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports a target equal to the baseline', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.target = 800;
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/0/kpis/0/target']);
    expect(issues[0]?.message).toContain('"ig-followers"');
    expect(issues[0]?.message).toContain('800');
  });
  it('ignores incomplete KPIs', () => {
    const s = cleanStrategy();
    delete s.objectives[0]!.kpis[0]!.baseline;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
});
