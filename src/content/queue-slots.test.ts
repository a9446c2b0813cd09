import { describe, expect, it } from 'vitest';
import { nextFreeSlot, slotsPerWeek, upcomingSlots, weekPattern } from './queue-slots.ts';

const times = ['09:00', '13:00', '17:00'];

describe('queue slots', () => {
  it('spreads a cadence over the week', () => {
    expect(weekPattern(3, times)).toEqual([
      [0, '09:00'],
      [2, '09:00'],
      [4, '09:00'],
    ]);
    expect(weekPattern(7, times).map(([d]) => d)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(weekPattern(9, times)).toEqual([
      [0, '09:00'],
      [0, '13:00'],
      [1, '09:00'],
      [2, '09:00'],
      [3, '09:00'],
      [3, '13:00'],
      [4, '09:00'],
      [5, '09:00'],
      [6, '09:00'],
    ]);
    expect(slotsPerWeek(0.25, times)).toBe(1);
    expect(slotsPerWeek(undefined, times)).toBe(7);
    expect(slotsPerWeek(100, times)).toBe(21);
  });

  it('takes the next free slot in the channel time zone', () => {
    // Wednesday 2027-06-02 10:00 Berlin; 3 a week → Mon, Wed, Fri at 09:00 Berlin (07:00 UTC).
    const q = {
      now: new Date('2027-06-02T08:00:00Z'),
      timezone: 'Europe/Berlin',
      postsPerWeek: 3,
      postingTimes: times,
      taken: new Set<number>(),
    };
    expect(nextFreeSlot(q)?.toISOString()).toBe('2027-06-04T07:00:00.000Z');
    const taken = new Set([Date.parse('2027-06-04T07:00:00Z')]);
    expect(nextFreeSlot({ ...q, taken })?.toISOString()).toBe('2027-06-07T07:00:00.000Z');
    expect(nextFreeSlot({ ...q, timezone: 'America/New_York' })?.toISOString()).toBe('2027-06-02T13:00:00.000Z');
  });

  it('skips a slot in a DST gap', () => {
    // Sunday 2027-03-28 02:30 does not exist in Berlin: the daily 02:30 slot moves on to Monday.
    const slot = nextFreeSlot({
      now: new Date('2027-03-27T03:00:00Z'),
      timezone: 'Europe/Berlin',
      postsPerWeek: undefined,
      postingTimes: ['02:30'],
      taken: new Set(),
    });
    expect(slot?.toISOString()).toBe('2027-03-29T00:30:00.000Z');
  });

  it('gives up after the horizon', () => {
    expect(
      nextFreeSlot({
        now: new Date('2027-06-02T08:00:00Z'),
        timezone: 'UTC',
        postsPerWeek: 1,
        postingTimes: times,
        taken: new Set([Date.parse('2027-06-07T09:00:00Z')]),
        horizonWeeks: 2,
      }),
    ).toBeNull();
  });
});

describe('upcoming slots', () => {
  it('lists the coming slots up to the n-th free one, marking the taken ones', () => {
    const q = {
      now: new Date('2027-06-02T08:00:00Z'),
      timezone: 'UTC',
      postsPerWeek: 3,
      postingTimes: times,
      taken: new Set([Date.parse('2027-06-04T09:00:00Z')]),
    };
    expect(upcomingSlots(q, 2).map((s) => [s.at.toISOString(), s.taken])).toEqual([
      ['2027-06-02T09:00:00.000Z', false],
      ['2027-06-04T09:00:00.000Z', true],
      ['2027-06-07T09:00:00.000Z', false],
    ]);
    expect(upcomingSlots(q, 5, 2)).toHaveLength(2);
  });
});
