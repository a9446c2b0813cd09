import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { strategySchema } from '../schema.ts';
import { strategyNoAudience as rule } from './strategy-no-audience.ts';

describe('strategy-no-audience', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports a strategy without personas', () => {
    const issues = checkStrategy(rule, cleanStrategy({ audience: { personas: [] } }));
    expect(issues.map((i) => i.path)).toEqual(['/audience/personas']);
    expect(issues[0]?.message).toContain('"acme-2027"');
  });
  it('reports a strategy written without an audience key at all', () => {
    const s = strategySchema.parse({ id: 'bare', name: 'Bare', organisation: 'Org', period: { start: '2027-01-01', end: '2027-12-31' } });
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/audience/personas']);
    expect(issues[0]?.message).toContain('"bare"');
  });
});
