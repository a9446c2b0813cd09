import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { resourcesOverCapacity as rule } from './resources-over-capacity.ts';

describe('resources-over-capacity', () => {
  it('passes a clean strategy (6.25 posts × 30 min ≈ 3.1 h of 8 h)', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('passes exactly at capacity', () => {
    const s = cleanStrategy();
    s.channels[0]!.cadence = { postsPerWeek: 13.75 }; // 16 posts × 30 min = 8 h
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports hours needed vs available', () => {
    const s = cleanStrategy();
    s.channels[0]!.cadence = { postsPerWeek: 21.75 }; // 24 posts → 12 h needed, 8 h available
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/resources']);
    expect(issues[0]?.message).toContain('12 h/week');
    expect(issues[0]?.message).toContain('8 h/week');
    expect(issues[0]?.message).toContain('24 posts × 30 min');
  });
  it('uses settings.minutesPerPost and counts no people as 0 hours', () => {
    const s = cleanStrategy({ settings: { minutesPerPost: 90 } }); // 6.25 × 1.5 = 9.4 h > 8 h
    expect(checkStrategy(rule, s).map((i) => i.path)).toEqual(['/resources']);
    const none = cleanStrategy();
    none.resources.people = [];
    expect(checkStrategy(rule, none)[0]?.message).toContain('provide 0 h/week');
  });
});
