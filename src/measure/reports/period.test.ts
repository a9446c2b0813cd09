import { describe, expect, it } from 'vitest';
import { currentPeriod, lastCompletePeriod, requestedPeriod } from './period.ts';

describe('report periods', () => {
  it('a schedule covers the last whole week (Monday–Sunday) or calendar month', () => {
    // Wednesday 10 March 2027, Monday 8 March, Sunday 14 March.
    expect(lastCompletePeriod('weekly', '2027-03-10')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(lastCompletePeriod('weekly', '2027-03-08')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(lastCompletePeriod('weekly', '2027-03-14')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(lastCompletePeriod('monthly', '2027-03-01')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(lastCompletePeriod('monthly', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(lastCompletePeriod('monthly', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(currentPeriod('weekly', '2027-03-10')).toEqual({ from: '2027-03-08', to: '2027-03-14' });
    expect(currentPeriod('monthly', '2027-12-31')).toEqual({ from: '2027-12-01', to: '2027-12-31' });
  });

  it('on demand: the 90 days up to today by default, any valid period up to 732 days, else 400 report.invalid_range', () => {
    expect(requestedPeriod({}, '2027-03-31')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(requestedPeriod({ to: '2027-01-31' }, '2027-03-31')).toEqual({ from: '2026-11-03', to: '2027-01-31' });
    expect(requestedPeriod({ from: '2027-03-31', to: '2027-03-31' }, '2027-03-31')).toEqual({ from: '2027-03-31', to: '2027-03-31' });
    for (const bad of [
      { from: '2027-04-01', to: '2027-03-31' },
      { from: '2027-02-29' },
      { from: '2024-01-01', to: '2026-01-03' },
      { to: 'soon' },
    ]) {
      expect(() => requestedPeriod(bad, '2027-03-31'), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'report.invalid_range', status: 400 }),
      );
    }
  });
});
