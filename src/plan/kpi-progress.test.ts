/**
 * Hand-computed examples. The window used throughout: the strategy starts 2027-01-01 and the KPI is
 * due 2027-04-11, 100 days later; on 2027-02-20 (day 50) the expected share is exactly 0.5.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { KPI_STATUSES, kpiProgress, kpiProgressReport, linearForecast, type KpiValue } from './kpi-progress.ts';
import { cleanStrategy } from '../../test/plan-fixtures.ts';

const START = '2027-01-01';
const DUE = '2027-04-11'; // day 100
const MID = '2027-02-20'; // day 50
const up = { baseline: 1000, target: 2000, due: DUE, start: START };
const down = { baseline: 8, target: 2, due: DUE, start: START }; // reply time in hours: lower is better
const on = (date: string, value: number): KpiValue => ({ date, value });

describe('kpiProgress: current and progress', () => {
  it('takes the latest value on or before the as-of date, ignoring later ones', () => {
    const values = [on('2027-01-11', 1100), on('2027-02-20', 1500), on('2027-01-21', 1200), on('2027-02-21', 1900)];
    const p = kpiProgress(up, values, MID);
    expect(p.current).toBe(1500);
    expect(p.currentDate).toBe(MID);
    expect(p.progress).toBe(0.5);
  });

  it('takes the last given of several values on the latest date', () => {
    expect(kpiProgress(up, [on('2027-02-01', 1300), on('2027-02-01', 1350)], MID).current).toBe(1350);
  });

  it('works for an increasing target: (current − baseline) / (target − baseline)', () => {
    expect(kpiProgress(up, [on(MID, 1250)], MID).progress).toBe(0.25);
    expect(kpiProgress(up, [on(MID, 900)], MID).progress).toBe(-0.1); // below the baseline
    expect(kpiProgress(up, [on(MID, 2500)], MID).progress).toBe(1.5);
  });

  it('works for a decreasing target (reply time 8 h → 2 h)', () => {
    expect(kpiProgress(down, [on(MID, 5)], MID).progress).toBe(0.5); // (5 − 8) / (2 − 8)
    expect(kpiProgress(down, [on(MID, 2)], MID).progress).toBe(1);
    expect(kpiProgress(down, [on(MID, 9)], MID).progress).toBeCloseTo(-1 / 6, 12); // worse than the baseline
    expect(kpiProgress(down, [on(MID, 5)], MID).status).toBe('on_track');
    expect(kpiProgress(down, [on(MID, 9)], MID).status).toBe('behind');
    expect(kpiProgress(down, [on(MID, 1.5)], MID).status).toBe('achieved');
  });

  it('has no progress without a value, a baseline or a target, or when target = baseline', () => {
    expect(kpiProgress(up, [], MID)).toEqual({
      current: null,
      currentDate: null,
      progress: null,
      expected: 0.5,
      forecast: null,
      status: 'no_data',
    });
    expect(kpiProgress({ ...up, baseline: undefined }, [on(MID, 1500)], MID).progress).toBeNull();
    expect(kpiProgress({ ...up, target: undefined }, [on(MID, 1500)], MID).progress).toBeNull();
    const flat = kpiProgress({ ...up, target: 1000 }, [on(MID, 1500)], MID);
    expect(flat).toMatchObject({ current: 1500, progress: null, expected: 0.5, status: 'no_data' });
  });
});

describe('kpiProgress: expected', () => {
  it('is the elapsed share of the window from the strategy start to the due date', () => {
    expect(kpiProgress(up, [], START).expected).toBe(0);
    expect(kpiProgress(up, [], '2027-01-26').expected).toBe(0.25); // day 25
    expect(kpiProgress(up, [], MID).expected).toBe(0.5);
    expect(kpiProgress(up, [], DUE).expected).toBe(1);
  });

  it('is clamped to 0 before the start and to 1 after the due date', () => {
    expect(kpiProgress(up, [], '2026-12-01').expected).toBe(0);
    expect(kpiProgress(up, [], '2027-09-01').expected).toBe(1);
  });

  it('is 0 then 1 for a window of no days, and null without a due date', () => {
    const noWindow = { ...up, due: START };
    expect(kpiProgress(noWindow, [], '2026-12-31').expected).toBe(0);
    expect(kpiProgress(noWindow, [], START).expected).toBe(1);
    expect(kpiProgress({ ...up, due: '2026-12-01' }, [], '2026-11-01').expected).toBe(0); // due before the start
    expect(kpiProgress({ ...up, due: undefined }, [], MID).expected).toBeNull();
  });
});

describe('kpiProgress: status', () => {
  const status = (value: number, asOf = MID, kpi = up) => kpiProgress(kpi, [on('2027-01-05', 1000), on(asOf, value)], asOf).status;

  it('is achieved at progress ≥ 1, even after the due date', () => {
    expect(status(2000)).toBe('achieved');
    expect(status(2400)).toBe('achieved');
    expect(status(2000, '2027-05-01')).toBe('achieved');
  });

  it('is no_data without a current value', () => {
    expect(kpiProgress(up, [], MID).status).toBe('no_data');
    expect(kpiProgress(up, [on('2027-03-01', 1900)], MID).status).toBe('no_data'); // only a later value
  });

  it('is overdue after the due date (not on it)', () => {
    expect(status(1900, '2027-04-12')).toBe('overdue');
    expect(status(1900, DUE)).toBe('on_track'); // expected 1, progress 0.9
    expect(kpiProgress({ ...up, target: 1000 }, [on('2027-04-12', 1500)], '2027-04-12').status).toBe('overdue'); // no progress needed
  });

  it('compares progress with expected (0.5 here): ahead ≥ +0.10, on_track ≥ −0.10, at_risk ≥ −0.25, else behind', () => {
    expect(status(1700)).toBe('ahead'); // 0.7
    expect(status(1600)).toBe('ahead'); // 0.6: exactly expected + 0.10
    expect(status(1599)).toBe('on_track'); // 0.599
    expect(status(1400)).toBe('on_track'); // 0.4: exactly expected − 0.10
    expect(status(1399)).toBe('at_risk'); // 0.399
    expect(status(1250)).toBe('at_risk'); // 0.25: exactly expected − 0.25
    expect(status(1249)).toBe('behind'); // 0.249
    expect(status(800)).toBe('behind'); // −0.2
  });

  it('meets thresholds that floating point misses by a hair (0.2 + 0.1 ≠ 0.3)', () => {
    // day 20 of 100: expected 0.2; progress (1300 − 1000) / 1000 = 0.3 — ahead, although 0.2 + 0.1 > 0.3 in binary.
    expect(0.2 + 0.1 > 0.3).toBe(true);
    expect(kpiProgress(up, [on('2027-01-21', 1300)], '2027-01-21')).toMatchObject({ progress: 0.3, expected: 0.2, status: 'ahead' });
  });

  it('is no_data with a value but nothing to compare: no due date, or target = baseline', () => {
    expect(kpiProgress({ ...up, due: undefined }, [on(MID, 1500)], MID).status).toBe('no_data');
    expect(kpiProgress({ ...up, due: undefined }, [on(MID, 2500)], MID).status).toBe('achieved');
    expect(kpiProgress({ ...up, target: 1000 }, [on(MID, 1000)], MID).status).toBe('no_data');
  });

  it('only ever answers one of the documented statuses', () => {
    for (let v = 0; v <= 3000; v += 50) expect(KPI_STATUSES).toContain(status(v));
  });
});

describe('kpiProgress: forecast', () => {
  it('is none with no value, one value, or values on one date only', () => {
    expect(kpiProgress(up, [], MID).forecast).toBeNull();
    expect(kpiProgress(up, [on('2027-01-11', 1100)], MID).forecast).toBeNull();
    expect(kpiProgress(up, [on('2027-01-11', 1100), on('2027-01-11', 1200)], MID).forecast).toBeNull();
  });

  it('extends the line through two dates to the due date', () => {
    // days 0 and 10: +10 a day → day 100: 1000 + 100 × 10
    expect(kpiProgress(up, [on(START, 1000), on('2027-01-11', 1100)], MID).forecast).toBeCloseTo(2000, 9);
  });

  it('fits a least-squares line through more values', () => {
    // (0, 1000), (10, 1100), (20, 1200), (30, 1250): x̄ = 15, ȳ = 1137.5,
    // Σdx·dy = (−15)(−137.5) + (−5)(−37.5) + 5(62.5) + 15(112.5) = 4250, Σdx² = 500 → slope 8.5
    // forecast at day 100 = 1137.5 + 8.5 × 85 = 1860
    const values = [on(START, 1000), on('2027-01-11', 1100), on('2027-01-21', 1200), on('2027-01-31', 1250)];
    expect(kpiProgress(up, values, MID).forecast).toBeCloseTo(1860, 9);
    // a decreasing series: 8 h at day 0, 6 h at day 20 → −0.1 a day → −2 at day 100 (a line, not clamped)
    expect(kpiProgress(down, [on(START, 8), on('2027-01-21', 6)], MID).forecast).toBeCloseTo(-2, 9);
  });

  it('counts every value of a duplicated date as its own point', () => {
    // (0, 1000), (10, 1100), (10, 1300): the line through (0, 1000) and (10, 1200) → slope 20 → 3000 at day 100
    const values = [on(START, 1000), on('2027-01-11', 1100), on('2027-01-11', 1300)];
    expect(kpiProgress(up, values, MID).forecast).toBeCloseTo(3000, 9);
  });

  it('ignores values after the as-of date', () => {
    const values = [on(START, 1000), on('2027-01-11', 1100), on('2027-03-01', 9999)];
    expect(kpiProgress(up, values, MID).forecast).toBeCloseTo(2000, 9);
    expect(kpiProgress(up, values, MID).current).toBe(1100);
  });

  it('is none without a due date', () => {
    expect(kpiProgress({ ...up, due: undefined }, [on(START, 1000), on('2027-01-11', 1100)], MID).forecast).toBeNull();
  });

  it('linearForecast evaluates the fitted line anywhere', () => {
    expect(
      linearForecast(
        [
          { x: 1, y: 3 },
          { x: 3, y: 7 },
        ],
        5,
      ),
    ).toBe(11);
    expect(linearForecast([{ x: 1, y: 3 }], 5)).toBeNull();
  });
});

describe('kpiProgress: dates', () => {
  it('takes ISO calendar dates only (UTC days), and finite values', () => {
    expect(() => kpiProgress(up, [], '2027-02-30')).toThrow(expect.objectContaining({ code: 'kpi.invalid_date' }));
    expect(() => kpiProgress(up, [], '20.02.2027')).toThrow(DomainError);
    expect(() => kpiProgress(up, [], '20.02.2027')).toThrow(/as-of date/);
    expect(() => kpiProgress(up, [on('2027-02-01T10:00:00Z', 1)], MID)).toThrow(/value date/);
    expect(() => kpiProgress({ ...up, due: '2027-13-01' }, [], MID)).toThrow(/due date/);
    expect(() => kpiProgress(up, [on(MID, Number.NaN)], MID)).toThrow(expect.objectContaining({ code: 'kpi.invalid_value' }));
  });

  it('counts days across a leap day and a year end', () => {
    // 2027-12-01 → 2028-03-01 is 91 days (2028 is a leap year); 2028-01-15 is day 45.
    const p = kpiProgress({ baseline: 0, target: 91, due: '2028-03-01', start: '2027-12-01' }, [on('2028-01-15', 45)], '2028-01-15');
    expect(p.expected).toBeCloseTo(45 / 91, 12);
    expect(p.progress).toBeCloseTo(45 / 91, 12);
    expect(p.status).toBe('on_track');
  });
});

describe('kpiProgressReport', () => {
  it('lists every KPI in plan order with its objective and metric, null where undefined', () => {
    const strategy = cleanStrategy();
    delete strategy.objectives[1]!.kpis[0]!.baseline;
    const values = new Map([
      ['ig-followers', [on('2027-07-02', 1650)]],
      ['wholesale-leads', [on('2027-07-02', 11)]],
    ]);
    const report = kpiProgressReport(strategy, values, '2027-07-02');
    // the year 2027 has 364 days from start to due; 2027-07-02 is day 182: expected 0.5
    expect(report).toEqual({
      strategy: 'acme-2027',
      asOf: '2027-07-02',
      kpis: [
        {
          id: 'ig-followers',
          objective: 'grow-awareness',
          metric: 'Instagram followers',
          baseline: 800,
          target: 2500,
          due: '2027-12-31',
          current: 1650,
          progress: 0.5,
          expected: 0.5,
          forecast: null,
          status: 'on_track',
        },
        {
          id: 'wholesale-leads',
          objective: 'wholesale-leads',
          metric: 'Wholesale enquiries',
          baseline: null,
          target: 20,
          due: '2027-12-31',
          current: 11,
          progress: null,
          expected: 0.5,
          forecast: null,
          status: 'no_data',
        },
      ],
    });
    expect(Object.keys(report.kpis[0]!)).toEqual([
      'id',
      'objective',
      'metric',
      'baseline',
      'target',
      'due',
      'current',
      'progress',
      'expected',
      'forecast',
      'status',
    ]);
  });
});
