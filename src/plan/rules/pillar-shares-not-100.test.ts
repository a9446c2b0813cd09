import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { pillarSharesNot100 as rule } from './pillar-shares-not-100.ts';

describe('pillar-shares-not-100', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('passes no pillars at all', () => {
    expect(checkStrategy(rule, cleanStrategy({ pillars: [] }))).toEqual([]);
  });
  it('tolerates rounding within 0.005', () => {
    const s = cleanStrategy();
    s.pillars[0]!.share = 0.504;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports shares summing to under or over 100%', () => {
    const s = cleanStrategy();
    s.pillars[0]!.share = 0.4;
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/pillars']);
    expect(issues[0]?.message).toContain('90%');
    s.pillars[0]!.share = 0.6;
    expect(checkStrategy(rule, s)[0]?.message).toContain('110%');
  });
});
