import { describe, expect, it } from 'vitest';
import { cadenceOf, dueReviewDate, nextReviewDate, reviewDates, reviewWindow } from './review-dates.ts';

const period = { start: '2027-01-01', end: '2027-12-31' };

describe('review dates', () => {
  it('fall every cadence step from the start, up to the first on or after the end; quarterly without a cadence', () => {
    expect(cadenceOf({})).toBe('quarterly');
    expect(reviewDates({ period })).toEqual(['2027-04-01', '2027-07-01', '2027-10-01', '2028-01-01']);
    expect(reviewDates({ period, review: { cadence: 'half-yearly' } })).toEqual(['2027-07-01', '2028-01-01']);
    expect(reviewDates({ period, review: { cadence: 'yearly' } })).toEqual(['2028-01-01']);
    expect(reviewDates({ period, review: { cadence: 'monthly' } })).toHaveLength(12);
    // the end exactly on a review date: that one is the last
    expect(reviewDates({ period: { start: '2027-01-01', end: '2027-07-01' } })).toEqual(['2027-04-01', '2027-07-01']);
  });

  it('count each date from the start, so month ends stay month ends', () => {
    const s = { period: { start: '2027-01-31', end: '2027-05-15' }, review: { cadence: 'monthly' as const } };
    expect(reviewDates(s)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('tell the review due on a day and the next one', () => {
    const s = { period };
    expect(dueReviewDate(s, '2027-03-31')).toBeNull();
    expect(nextReviewDate(s, '2026-12-01')).toBe('2027-04-01');
    expect(dueReviewDate(s, '2027-04-01')).toBe('2027-04-01');
    expect(dueReviewDate(s, '2027-06-30')).toBe('2027-04-01');
    expect(nextReviewDate(s, '2027-04-01')).toBe('2027-07-01');
    expect(dueReviewDate(s, '2029-05-05')).toBe('2028-01-01');
    expect(nextReviewDate(s, '2028-01-01')).toBeNull();
  });

  it('cover the cadence step ending on the as-of day', () => {
    expect(reviewWindow({}, '2027-03-31')).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(reviewWindow({}, '2027-06-30')).toEqual({ start: '2027-04-01', end: '2027-06-30' });
    expect(reviewWindow({ review: { cadence: 'half-yearly' } }, '2027-09-30')).toEqual({ start: '2027-04-01', end: '2027-09-30' });
    expect(reviewWindow({ review: { cadence: 'monthly' } }, '2027-07-15')).toEqual({ start: '2027-06-16', end: '2027-07-15' });
  });
});
