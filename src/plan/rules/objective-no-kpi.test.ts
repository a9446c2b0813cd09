import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { objectiveNoKpi as rule } from './objective-no-kpi.ts';

describe('objective-no-kpi', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports each objective without KPIs', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis = [];
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/1']);
    expect(issues[0]?.message).toContain('"wholesale-leads"');
  });
});
