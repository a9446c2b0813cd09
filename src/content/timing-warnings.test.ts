import { describe, expect, it } from 'vitest';
import { timingWarnings, type TimingInput } from './timing-warnings.ts';

const base: TimingInput = {
  localDate: '2027-07-10',
  at: new Date('2027-07-10T08:00:00Z'),
  now: new Date('2027-07-01T00:00:00Z'),
  preparing: true,
  strategy: { name: 'Bakery 2027', period: { start: '2027-01-01', end: '2027-12-31' } },
  campaign: { name: 'Summer rye', start: '2027-07-01', end: '2027-08-31' },
};
const codes = (i: Partial<TimingInput>) => timingWarnings({ ...base, ...i }).map((w) => w.code);

describe('timingWarnings', () => {
  it('says nothing about a future day inside both periods, or without a planned time', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ localDate: null, at: null })).toEqual([]);
  });
  it('warns about a past time only while the post is being prepared', () => {
    expect(codes({ now: new Date('2027-07-10T08:00:00Z') })).toEqual(['post.time_in_past']);
    expect(codes({ now: new Date('2027-07-11T00:00:00Z'), preparing: false })).toEqual([]);
  });
  it('compares the day with the campaign and strategy periods, ends included', () => {
    expect(codes({ localDate: '2027-08-31' })).toEqual([]);
    expect(codes({ localDate: '2027-09-01' })).toEqual(['post.outside_campaign_period']);
    expect(codes({ localDate: '2028-01-01' })).toEqual(['post.outside_strategy_period', 'post.outside_campaign_period']);
    expect(codes({ localDate: '2028-01-01', campaign: null })).toEqual(['post.outside_strategy_period']);
    expect(timingWarnings({ ...base, localDate: '2027-09-01' })[0]!.message).toBe(
      '2027-09-01 is outside the campaign “Summer rye” (2027-07-01 – 2027-08-31).',
    );
  });
});
