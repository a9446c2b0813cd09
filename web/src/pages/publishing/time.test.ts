import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent, localiseDates } from './time.ts';

// Node 20 has no `navigator`: the module falls back to en-GB, as a browser set to British English.
describe('locale formatting', () => {
  it('writes calendar dates without a zone shift and leaves other text alone', () => {
    expect(formatDate('2027-01-01')).toBe('1 Jan 2027');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('rewrites the ISO dates in a server sentence, not date-times', () => {
    expect(localiseDates('2027-10-01 is outside the campaign (2027-07-12 – 2027-09-10).')).toBe(
      '1 Oct 2027 is outside the campaign (12 Jul 2027 – 10 Sept 2027).',
    );
    expect(localiseDates('planned for 2027-10-01T10:00')).toBe('planned for 2027-10-01T10:00');
  });

  it('shows ratios as percentages', () => {
    expect(formatPercent(0.035)).toBe('3.5%');
  });
});
