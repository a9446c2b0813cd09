import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { strategyPeriodInvalid as rule } from './strategy-period-invalid.ts';

describe('strategy-period-invalid', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports an end before the start', () => {
    const issues = checkStrategy(rule, cleanStrategy({ period: { start: '2027-06-01', end: '2027-01-01' } }));
    expect(issues.map((i) => i.path)).toEqual(['/period/end']);
    expect(issues[0]?.message).toContain('2027-01-01');
    expect(issues[0]?.message).toContain('acme-2027');
  });
  it('reports an end equal to the start', () => {
    expect(checkStrategy(rule, cleanStrategy({ period: { start: '2027-06-01', end: '2027-06-01' } })).map((i) => i.path)).toEqual([
      '/period/end',
    ]);
  });
});
