import { describe, expect, it } from 'vitest';
import type { Strategy } from '../schema.ts';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { objectiveBrandKpisManual as rule } from './objective-brand-kpis-manual.ts';

/** The clean strategy with its first objective (ig-followers, bound to followers) made a brand objective. */
function brand(): Strategy {
  const s = cleanStrategy();
  s.objectives[0]!.area = 'brand';
  return s;
}

describe('objective-brand-kpis-manual', () => {
  it('passes a clean strategy, and a brand objective with a measured KPI', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
    expect(checkStrategy(rule, brand())).toEqual([]);
  });

  it('reports a brand objective whose KPIs are all manual', () => {
    const s = brand();
    s.objectives[0]!.kpis[0]!.source = { metric: 'manual' };
    s.objectives[0]!.kpis.push({
      id: 'survey',
      metric: 'Brand recall in the yearly survey',
      source: { metric: 'manual' },
      baseline: 0.1,
      target: 0.2,
      due: '2027-12-31',
      kind: 'brand',
    });
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/0']);
    expect(issues[0]!.message).toContain('"grow-awareness"');
  });

  it('counts a KPI without a source as not measured, once the objective uses manual', () => {
    const s = brand();
    s.objectives[0]!.kpis[0]!.source = { metric: 'manual' };
    s.objectives[0]!.kpis.push({ id: 'recall', metric: 'Brand recall', baseline: 0.1, target: 0.2, due: '2027-12-31', kind: 'brand' });
    expect(checkStrategy(rule, s).map((i) => i.path)).toEqual(['/objectives/0']);
    s.objectives[0]!.kpis[1]!.source = { metric: 'mentions' };
    expect(checkStrategy(rule, s)).toEqual([]);
  });

  it('leaves alone objectives of other areas, and brand objectives that bind no KPI at all', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.source = { metric: 'manual' }; // area awareness
    expect(checkStrategy(rule, s)).toEqual([]);
    const unbound = brand();
    delete unbound.objectives[0]!.kpis[0]!.source;
    expect(checkStrategy(rule, unbound)).toEqual([]);
  });
});
