import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { formatLocal, isoWeekOf, resolveLocalTime } from './local-time.ts';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('local time → UTC', () => {
  it.each([
    ['2027-07-01T09:00', 'Europe/Berlin', '2027-07-01T07:00:00.000Z'],
    ['2027-01-15T09:00', 'Europe/Berlin', '2027-01-15T08:00:00.000Z'],
    ['2027-07-01T09:00', 'America/New_York', '2027-07-01T13:00:00.000Z'],
    ['2027-01-15T09:00', 'America/New_York', '2027-01-15T14:00:00.000Z'],
    ['2027-03-28T01:59', 'Europe/Berlin', '2027-03-28T00:59:00.000Z'],
    ['2027-03-28T03:00', 'Europe/Berlin', '2027-03-28T01:00:00.000Z'],
    ['2027-03-14T03:00', 'America/New_York', '2027-03-14T07:00:00.000Z'],
    ['2027-06-01T12:00:30', 'UTC', '2027-06-01T12:00:30.000Z'],
  ])('%s in %s is %s', (local, zone, utc) => {
    const r = resolveLocalTime(local, zone);
    expect(r.at.toISOString()).toBe(utc);
    expect(r.ambiguous).toBe(false);
    expect(formatLocal(r.at, zone)).toBe(local);
  });

  it.each([
    ['2027-03-28T02:30', 'Europe/Berlin', '2027-03-28T01:59', '2027-03-28T03:00', /02:00 to 03:00/],
    ['2027-03-28T02:00', 'Europe/Berlin', '2027-03-28T01:59', '2027-03-28T03:00', /02:00 to 03:00/],
    ['2027-03-14T02:30', 'America/New_York', '2027-03-14T01:59', '2027-03-14T03:00', /02:00 to 03:00/],
  ])('refuses %s in %s (DST gap) and names the nearest valid times', (local, zone, before, after, jump) => {
    const e = refusal(() => resolveLocalTime(local, zone));
    expect(e.code).toBe('post.nonexistent_local_time');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(jump);
    expect(e.message).toContain(`${before.replace('T', ' ')} and ${after.replace('T', ' ')}`);
    expect(e.details).toMatchObject({ nearestBefore: before, nearestAfter: after, timezone: zone });
  });

  it.each([
    ['2027-10-31T02:30', 'Europe/Berlin', '2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z'],
    ['2027-11-07T01:30', 'America/New_York', '2027-11-07T05:30:00.000Z', '2027-11-07T06:30:00.000Z'],
  ])('takes the earlier instant of %s in %s (DST overlap) and says it was ambiguous', (local, zone, earlier, later) => {
    const r = resolveLocalTime(local, zone);
    expect(r.at.toISOString()).toBe(earlier);
    expect(r.ambiguous).toBe(true);
    expect(r.alternatives).toEqual([earlier, later]);
  });

  it('refuses an unknown time zone and an impossible date', () => {
    expect(refusal(() => resolveLocalTime('2027-07-01T09:00', 'Mars/Olympus_Mons'))).toMatchObject({
      code: 'post.invalid_timezone',
      status: 422,
    });
    expect(refusal(() => resolveLocalTime('2027-02-30T09:00', 'UTC')).code).toBe('post.invalid_local_time');
    expect(refusal(() => resolveLocalTime('2027-07-01 09:00', 'UTC')).code).toBe('post.invalid_local_time');
    expect(refusal(() => resolveLocalTime('2027-07-01T24:00', 'UTC')).code).toBe('post.invalid_local_time');
  });

  it('finds the ISO week in local time', () => {
    // Sunday 23:30 in Berlin is Sunday 21:30 UTC: still week 13; Monday 00:30 Berlin is week 14 though Sunday in UTC.
    expect(isoWeekOf(new Date('2027-04-04T21:30:00Z'), 'Europe/Berlin').label).toBe('2027-W13');
    const w = isoWeekOf(new Date('2027-04-04T22:30:00Z'), 'Europe/Berlin');
    expect(w.label).toBe('2027-W14');
    expect(w.start.toISOString()).toBe('2027-04-04T22:00:00.000Z');
    // The week the clocks change is 167 hours long.
    const dst = isoWeekOf(new Date('2027-03-24T12:00:00Z'), 'Europe/Berlin');
    expect((dst.end.getTime() - dst.start.getTime()) / 3_600_000).toBe(167);
  });
});
