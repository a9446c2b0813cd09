import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { strategyNoBrandKpi as rule } from './strategy-no-brand-kpi.ts';

describe('strategy-no-brand-kpi', () => {
  it('passes a clean strategy (it has a reach KPI)', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it.each(['brand', 'engagement', 'reach'] as const)('accepts a %s KPI', (kind) => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.kind = kind;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports a strategy whose KPIs are all financial/traffic/service', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.kind = 'traffic';
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives']);
    expect(issues[0]?.message).toContain('"acme-2027"');
  });
  it('leaves a strategy without objectives to strategy-no-objectives', () => {
    expect(checkStrategy(rule, cleanStrategy({ objectives: [] }))).toEqual([]);
  });
});
