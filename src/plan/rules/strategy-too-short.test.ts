import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { strategyTooShort as rule } from './strategy-too-short.ts';

describe('strategy-too-short', () => {
  it('passes a clean strategy (a full calendar year, end inclusive)', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('passes a mid-month 12-month period and longer periods', () => {
    expect(checkStrategy(rule, cleanStrategy({ period: { start: '2027-03-15', end: '2028-03-14' } }))).toEqual([]);
    expect(checkStrategy(rule, cleanStrategy({ period: { start: '2027-01-01', end: '2028-12-31' } }))).toEqual([]);
  });
  it('reports a period one day short of 12 months', () => {
    const issues = checkStrategy(rule, cleanStrategy({ period: { start: '2027-03-15', end: '2028-03-13' } }));
    expect(issues.map((i) => i.path)).toEqual(['/period']);
    expect(issues[0]?.message).toContain('11 full months');
    expect(issues[0]?.message).toContain('2028-03-14');
    expect(issues[0]?.message).toContain('acme-2027');
  });
  it('reports a 6-month strategy', () => {
    const issues = checkStrategy(rule, cleanStrategy({ period: { start: '2027-01-01', end: '2027-06-30' } }));
    expect(issues.map((i) => i.path)).toEqual(['/period']);
    expect(issues[0]?.message).toContain('6 full months');
  });
  it('leaves an inverted period to strategy-period-invalid', () => {
    expect(checkStrategy(rule, cleanStrategy({ period: { start: '2027-06-01', end: '2027-01-01' } }))).toEqual([]);
  });
});
