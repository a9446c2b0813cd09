/** The dashboards' date range: defaults, the as-of day, the previous period, and what is refused. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { dashboardOptions, resolveRange } from './range.ts';

describe('dashboard range', () => {
  it('defaults to the 90 days up to today, evaluated today', () => {
    expect(dashboardOptions({}, '2027-03-31')).toEqual({ from: '2027-01-01', to: '2027-03-31', compare: false, asOf: '2027-03-31' });
  });

  it('evaluates KPIs on the last day shown, or today when that is later', () => {
    expect(dashboardOptions({ from: '2027-01-01', to: '2027-01-31', compare: true }, '2027-03-31')).toMatchObject({
      asOf: '2027-01-31',
      compare: true,
    });
    expect(dashboardOptions({ to: '2027-12-31' }, '2027-03-31')).toMatchObject({ from: '2027-10-03', asOf: '2027-03-31' });
  });

  it('compares with the period of the same length just before, days counted inclusively', () => {
    const range = resolveRange({ from: '2027-03-01', to: '2027-03-31', compare: true });
    expect(range).toMatchObject({ from: '2027-03-01', to: '2027-03-31', days: 31, previous: { from: '2027-01-29', to: '2027-02-28' } });
    expect(range.start.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    // The rollups are read up to the next midnight, excluded.
    expect(range.end.toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(range.previous!.end.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(resolveRange({ from: '2027-03-01', to: '2027-03-01', compare: false })).toMatchObject({ days: 1, previous: null });
  });

  it('refuses a reversed, too long, early or malformed range with dashboard.invalid_range', () => {
    for (const [from, to] of [
      ['2027-03-02', '2027-03-01'],
      ['2025-01-01', '2027-01-03'],
      ['1969-12-31', '1970-01-31'],
      ['2027-02-30', '2027-03-01'],
    ] as const) {
      let error: unknown;
      try {
        resolveRange({ from, to, compare: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'dashboard.invalid_range', status: 400 });
    }
    // 732 days is the most.
    expect(resolveRange({ from: '2025-01-01', to: '2027-01-02', compare: false }).days).toBe(732);
  });
});
