import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { kpiIncomplete as rule } from './kpi-incomplete.ts';

describe('kpi-incomplete', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('accepts a baseline of 0', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.baseline = 0;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports each KPI missing baseline, target or due, naming what is missing', () => {
    const s = cleanStrategy();
    delete s.objectives[0]!.kpis[0]!.baseline;
    s.objectives[1]!.kpis.push({ id: 'nps', metric: 'NPS', kind: 'brand' });
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/0/kpis/0', '/objectives/1/kpis/1']);
    expect(issues[0]?.message).toContain('"ig-followers"');
    expect(issues[0]?.message).toContain('no baseline:');
    expect(issues[1]?.message).toContain('"nps"');
    expect(issues[1]?.message).toContain('no baseline, target, due');
  });
});
