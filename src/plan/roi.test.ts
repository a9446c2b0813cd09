import { describe, expect, it } from 'vitest';
import { formatRoi, projectedRoi } from './roi.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('projectedRoi', () => {
  it('is (revenue − cost) / cost', () => {
    expect(projectedRoi({ budget: eur(2000), expectedRevenue: 5000 })).toBe(1.5);
    expect(projectedRoi({ budget: eur(1000), expectedRevenue: 750 })).toBe(-0.25);
    expect(projectedRoi({ budget: eur(1000), expectedRevenue: 1000 })).toBe(0);
    expect(projectedRoi({ budget: eur(1000), expectedRevenue: 0 })).toBe(-1);
  });

  it('is null without a budget, with a zero budget, or without expected revenue', () => {
    expect(projectedRoi({ expectedRevenue: 5000 })).toBeNull();
    expect(projectedRoi({ budget: eur(0), expectedRevenue: 5000 })).toBeNull();
    expect(projectedRoi({ budget: eur(1000) })).toBeNull();
    expect(projectedRoi({})).toBeNull();
  });
});

describe('formatRoi', () => {
  it('formats the ratio as a signed percentage', () => {
    expect(formatRoi(1.5)).toBe('+150%');
    expect(formatRoi(-0.25)).toBe('−25%');
    expect(formatRoi(0)).toBe('0%');
    expect(formatRoi(1 / 3)).toBe('+33.3%');
    expect(formatRoi(null)).toBe('n/a');
  });
});
