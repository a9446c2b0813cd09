import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { strategyNoIntegration as rule } from './strategy-no-integration.ts';

describe('strategy-no-integration', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports a missing marketing plan, even with notes', () => {
    const issues = checkStrategy(rule, cleanStrategy({ integration: { notes: 'We will see.' } }));
    expect(issues.map((i) => i.path)).toEqual(['/integration/marketingPlan']);
    expect(issues[0]?.message).toContain('"acme-2027"');
  });
});
