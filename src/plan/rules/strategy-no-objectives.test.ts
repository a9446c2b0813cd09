import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { strategyNoObjectives as rule } from './strategy-no-objectives.ts';

describe('strategy-no-objectives', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports a strategy without objectives', () => {
    const issues = checkStrategy(rule, cleanStrategy({ objectives: [] }));
    expect(issues.map((i) => i.path)).toEqual(['/objectives']);
    expect(issues[0]?.message).toContain('"acme-2027"');
  });
});
