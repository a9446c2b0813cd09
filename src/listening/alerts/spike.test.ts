import { describe, expect, it } from 'vitest';
import { spikeDecision } from './spike.ts';

const decide = (count: number, previous: number[], k = 3, minCount = 10) => spikeDecision({ count, previous, k, minCount });

describe('spikeDecision', () => {
  it('compares with mean + k·σ of the previous 7 same hours', () => {
    // mean 10, population σ √(24/7) ≈ 1.85 → threshold ≈ 15.55 with k = 3.
    const previous = [8, 12, 8, 12, 8, 12, 10];
    expect(decide(15, previous)).toMatchObject({ spike: false, threshold: 10 + 3 * Math.sqrt(24 / 7) });
    const d = decide(16, previous);
    expect(d.mean).toBe(10);
    expect(d.stddev).toBeCloseTo(Math.sqrt(24 / 7), 12);
    expect(d.spike).toBe(true);
    // A smaller k lowers the bar.
    expect(decide(13, previous, 1).spike).toBe(true);
    expect(decide(13, previous, 3).spike).toBe(false);
  });

  it('with σ = 0, any count above the flat mean spikes, the mean itself does not', () => {
    expect(decide(20, [20, 20, 20, 20, 20, 20, 20])).toEqual({ spike: false, mean: 20, stddev: 0, threshold: 20 });
    expect(decide(21, [20, 20, 20, 20, 20, 20, 20]).spike).toBe(true);
    expect(decide(10, [0, 0, 0, 0, 0, 0, 0])).toEqual({ spike: true, mean: 0, stddev: 0, threshold: 0 });
  });

  it('counts missing hours as 0', () => {
    expect(decide(30, [14])).toEqual(decide(30, [14, 0, 0, 0, 0, 0, 0]));
    expect(decide(10, []).mean).toBe(0);
    expect(decide(30, [14]).mean).toBe(2);
  });

  it('never alerts below the minimum count, however far above the baseline', () => {
    expect(decide(9, [0, 0, 0, 0, 0, 0, 0]).spike).toBe(false);
    expect(decide(9, [0, 0, 0, 0, 0, 0, 0], 3, 9).spike).toBe(true);
    expect(decide(1, [], 3, 1).spike).toBe(true);
  });

  it('refuses counts that are not whole numbers from 0, and more than 7 days', () => {
    expect(() => decide(-1, [])).toThrow(/whole numbers/);
    expect(() => decide(1.5, [])).toThrow(/whole numbers/);
    expect(() => decide(1, [1, 1, 1, 1, 1, 1, 1, 1])).toThrow(/At most 7/);
  });
});
