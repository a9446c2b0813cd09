import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { personaNoPainPoints as rule } from './persona-no-pain-points.ts';

describe('persona-no-pain-points', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports each persona without pain points', () => {
    const s = cleanStrategy();
    s.audience.personas[1]!.painPoints = [];
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/audience/personas/1']);
    expect(issues[0]?.message).toContain('"cafe-owner"');
  });
});
