import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { kpiDueOutsidePeriod as rule } from './kpi-due-outside-period.ts';

describe('kpi-due-outside-period', () => {
  it('passes a clean strategy, including due dates on the period bounds', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.due = '2027-01-01';
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports due dates before or after the period', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.due = '2028-01-01';
    s.objectives[1]!.kpis[0]!.due = '2026-12-31';
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/0/kpis/0/due', '/objectives/1/kpis/0/due']);
    expect(issues[0]?.message).toContain('"ig-followers"');
    expect(issues[0]?.message).toContain('2028-01-01');
  });
  it('ignores KPIs without a due date (kpi-incomplete reports them)', () => {
    const s = cleanStrategy();
    delete s.objectives[0]!.kpis[0]!.due;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
});
