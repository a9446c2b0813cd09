import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { contentTooPromotional as rule } from './content-too-promotional.ts';

describe('content-too-promotional', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('passes exactly at the maximum, despite floating point (0.1 + 0.1)', () => {
    const s = cleanStrategy({
      pillars: [
        { id: 'a', name: 'A', share: 0.8 },
        { id: 'b', name: 'B', share: 0.1, promotional: true },
        { id: 'c', name: 'C', share: 0.1, promotional: true },
      ],
    });
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports promotional pillars summing above the maximum, naming them', () => {
    const s = cleanStrategy();
    s.pillars[1]!.promotional = true; // 0.35 + 0.15 = 50%
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/pillars']);
    expect(issues[0]?.message).toContain('"behind-the-scenes", "offers"');
    expect(issues[0]?.message).toContain('50%');
    expect(issues[0]?.message).toContain('20%');
  });
  it('honours a custom contentMix.maxPromotionalShare', () => {
    const s = cleanStrategy({ contentMix: { maxPromotionalShare: 0.1 } });
    expect(checkStrategy(rule, s).map((i) => i.path)).toEqual(['/pillars']);
  });
});
