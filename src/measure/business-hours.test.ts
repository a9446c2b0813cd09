import { describe, expect, it } from 'vitest';
import { dueAt, responseMinutes, type BusinessHours } from './business-hours.ts';

// Mon–Fri 09:00–17:00 in Berlin (UTC+1 in winter, +2 in summer).
const berlin: BusinessHours = { timezone: 'Europe/Berlin', start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const at = (iso: string) => new Date(iso);

describe('dueAt', () => {
  it('without business hours counts every minute', () => {
    expect(dueAt(at('2026-12-05T22:30:00Z'), 60, null).toISOString()).toBe('2026-12-05T23:30:00.000Z');
  });

  it('inside business hours adds the minutes the same day', () => {
    // Wed 2 Dec 2026 10:00 Berlin = 09:00Z.
    expect(dueAt(at('2026-12-02T09:00:00Z'), 60, berlin).toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });

  it('carries what is left of the day over to the next morning', () => {
    // Wed 16:30 Berlin + 60 min → 30 min today, 30 min Thursday from 09:00 → Thu 09:30 Berlin = 08:30Z.
    expect(dueAt(at('2026-12-02T15:30:00Z'), 60, berlin).toISOString()).toBe('2026-12-03T08:30:00.000Z');
  });

  it('a message after hours is due counted from the next opening', () => {
    // Wed 20:00 Berlin → Thu 09:00 + 60 = 10:00 Berlin = 09:00Z.
    expect(dueAt(at('2026-12-02T19:00:00Z'), 60, berlin).toISOString()).toBe('2026-12-03T09:00:00.000Z');
  });

  it('a message on Friday evening is due on Monday morning (the weekend does not count)', () => {
    // Fri 4 Dec 18:00 Berlin → Mon 7 Dec 09:00 + 60 min = 10:00 Berlin = 09:00Z.
    expect(dueAt(at('2026-12-04T17:00:00Z'), 60, berlin).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    // Saturday, too.
    expect(dueAt(at('2026-12-05T11:00:00Z'), 30, berlin).toISOString()).toBe('2026-12-07T08:30:00.000Z');
  });

  it('a target longer than a business day spans days', () => {
    // Mon 7 Dec 09:00 Berlin + 10 h = Mon 8 h + Tue 2 h → Tue 11:00 Berlin = 10:00Z.
    expect(dueAt(at('2026-12-07T08:00:00Z'), 600, berlin).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  it('keeps wall-clock hours across a DST change (Berlin moves to summer time on 28 March 2027)', () => {
    // Fri 26 Mar 2027 17:00 Berlin (16:00Z, winter) → Mon 29 Mar 09:00 Berlin summer time = 07:00Z, + 30 min.
    expect(dueAt(at('2027-03-26T16:00:00Z'), 30, berlin).toISOString()).toBe('2027-03-29T07:30:00.000Z');
  });
});

describe('responseMinutes', () => {
  it('counts every minute without business hours', () => {
    expect(responseMinutes(at('2026-12-04T17:00:00Z'), at('2026-12-07T09:00:00Z'), null)).toBe(64 * 60);
  });

  it('counts only business minutes: a Friday-evening message answered Monday 09:15 took 15 minutes', () => {
    expect(responseMinutes(at('2026-12-04T17:00:00Z'), at('2026-12-07T08:15:00Z'), berlin)).toBe(15);
  });

  it('counts the hours of each business day in between', () => {
    // Wed 16:00 Berlin → Thu 10:00 Berlin: 60 + 60.
    expect(responseMinutes(at('2026-12-02T15:00:00Z'), at('2026-12-03T09:00:00Z'), berlin)).toBe(120);
  });

  it('is 0 for an answer before or at the message, and for one given entirely after hours', () => {
    expect(responseMinutes(at('2026-12-02T10:00:00Z'), at('2026-12-02T09:00:00Z'), berlin)).toBe(0);
    expect(responseMinutes(at('2026-12-02T18:00:00Z'), at('2026-12-02T20:00:00Z'), berlin)).toBe(0);
  });

  it('agrees with dueAt: the time taken to the due time is the target', () => {
    for (const from of ['2026-12-02T15:30:00Z', '2026-12-04T17:00:00Z', '2026-12-05T11:00:00Z', '2027-03-26T16:00:00Z']) {
      for (const minutes of [1, 45, 480, 1000])
        expect(responseMinutes(at(from), dueAt(at(from), minutes, berlin), berlin)).toBeCloseTo(minutes, 6);
    }
  });
});
