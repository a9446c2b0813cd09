import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  fromEpochDay,
  isIsoDate,
  isWithin,
  monthsBetween,
  parseIsoDate,
  toEpochDay,
} from './dates.ts';

describe('isIsoDate / parseIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2027-01-01')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('2027-1-01')).toBe(false);
    expect(isIsoDate('2027-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
  it('parses and throws on garbage', () => {
    expect(parseIsoDate('2027-03-09')).toEqual({ year: 2027, month: 3, day: 9 });
    expect(() => parseIsoDate('2027-02-30')).toThrow(RangeError);
    expect(() => addDays('nope', 1)).toThrow(RangeError);
  });
  it('formats with padding, including years < 100 that Date would remap to 19xx', () => {
    expect(formatIsoDate({ year: 5, month: 1, day: 2 })).toBe('0005-01-02');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
  it('daysInMonth', () => {
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 4)).toBe(30);
    expect(daysInMonth(2027, 12)).toBe(31);
  });
});

describe('epoch days', () => {
  it('matches Date.UTC for a range of days', () => {
    for (let d = -800_000; d <= 800_000; d += 997) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (iso.startsWith('-') || iso.startsWith('+')) continue;
      expect(toEpochDay(iso)).toBe(d);
      expect(fromEpochDay(d)).toBe(iso);
    }
    expect(toEpochDay('1970-01-01')).toBe(0);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year and leap boundaries', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
  it('is immune to DST: late-March and late-October days are 1 day apart', () => {
    expect(daysBetween('2027-03-27', '2027-03-28')).toBe(1);
    expect(daysBetween('2027-10-30', '2027-10-31')).toBe(1);
    expect(daysBetween('2027-01-01', '2028-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2027-01-15', '2027-01-01')).toBe(-14);
  });
});

describe('addMonths', () => {
  it('adds calendar months and clamps to month end', () => {
    expect(addMonths('2027-01-01', 6)).toBe('2027-07-01');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-15', -13)).toBe('2025-12-15');
    expect(addMonths('2027-05-05', 0)).toBe('2027-05-05');
  });
  it('refuses fractional months', () => {
    expect(() => addMonths('2027-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('monthsBetween', () => {
  it('counts whole calendar months', () => {
    expect(monthsBetween('2027-01-15', '2027-04-14')).toBe(2);
    expect(monthsBetween('2027-01-15', '2027-04-15')).toBe(3);
    expect(monthsBetween('2027-01-01', '2027-12-31')).toBe(11);
    expect(monthsBetween('2027-01-01', '2028-01-01')).toBe(12);
    expect(monthsBetween('2027-01-31', '2027-02-28')).toBe(1);
    expect(monthsBetween('2027-03-01', '2027-03-31')).toBe(0);
    expect(monthsBetween('2027-04-15', '2027-01-15')).toBe(-3);
  });
});

describe('compareDates / isWithin', () => {
  it('orders dates', () => {
    expect(compareDates('2027-01-02', '2027-01-10')).toBe(-1);
    expect(compareDates('2027-01-10', '2027-01-10')).toBe(0);
    expect(compareDates('2028-01-01', '2027-12-31')).toBe(1);
    expect(() => compareDates('2027-1-1', '2027-01-01')).toThrow(RangeError);
  });
  it('isWithin is inclusive at both ends', () => {
    expect(isWithin('2027-01-01', '2027-01-01', '2027-12-31')).toBe(true);
    expect(isWithin('2027-12-31', '2027-01-01', '2027-12-31')).toBe(true);
    expect(isWithin('2028-01-01', '2027-01-01', '2027-12-31')).toBe(false);
    expect(isWithin('2026-12-31', '2027-01-01', '2027-12-31')).toBe(false);
  });
});
