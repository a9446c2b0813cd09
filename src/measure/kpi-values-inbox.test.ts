import { describe, expect, it } from 'vitest';
import type { Kpi } from '../plan/schema.ts';
import type { BusinessHours } from './business-hours.ts';
import { inboxKpiValues, type InboxInputs } from './kpi-values.ts';

const strategy = { period: { start: '2027-01-01', end: '2027-12-31' } };
const kpi = (metric: string, channel?: string): Kpi => ({ id: 'k', metric: 'x', kind: 'engagement', source: { metric, channel } }) as Kpi;
const item = (received: string, answered: string | null, channelId: string | null = 'bsky') => ({
  receivedAt: new Date(received),
  firstResponseAt: answered === null ? null : new Date(answered),
  channelId,
});

const inputs: InboxInputs = {
  businessHours: null,
  items: [
    item('2027-01-04T10:00:00Z', '2027-01-04T10:30:00Z'), // 30 min
    item('2027-01-05T10:00:00Z', '2027-01-05T12:00:00Z'), // 120 min
    item('2027-01-06T10:00:00Z', '2027-01-06T10:10:00Z', 'masto'), // 10 min
    item('2027-01-07T10:00:00Z', null),
    item('2027-01-08T09:00:00Z', '2027-01-09T09:00:00Z'), // answered the day after the sample day 2027-01-08
  ],
};

describe('inboxKpiValues', () => {
  it('first response minutes: the median over the answered items of the 30 days ending each sample day', () => {
    expect(inboxKpiValues(kpi('first_response_minutes'), strategy, inputs, '2027-01-08')).toEqual([
      // 2027-01-01: nothing received yet, no value; 2027-01-08: 30, 120, 10 → 30 (the 8th's answer came on the 9th).
      { date: '2027-01-08', value: 30 },
    ]);
    expect(inboxKpiValues(kpi('first_response_minutes'), strategy, inputs, '2027-01-09')).toEqual([
      { date: '2027-01-08', value: 30 },
      // 2027-01-09: 30, 120, 10, 1440 → (30 + 120) / 2.
      { date: '2027-01-09', value: 75 },
    ]);
  });

  it('response rate: answered / received, on one channel when the KPI names it', () => {
    expect(inboxKpiValues(kpi('response_rate'), strategy, inputs, '2027-01-08')).toEqual([{ date: '2027-01-08', value: 3 / 5 }]);
    expect(inboxKpiValues(kpi('response_rate', 'masto'), strategy, inputs, '2027-01-08')).toEqual([{ date: '2027-01-08', value: 1 }]);
  });

  it('counts business minutes where business hours are set', () => {
    const hours: BusinessHours = { timezone: 'UTC', start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
    // Friday 8 Jan 2027 16:30 → Monday 11 Jan 09:30: 30 + 30 business minutes.
    const friday = { businessHours: hours, items: [item('2027-01-08T16:30:00Z', '2027-01-11T09:30:00Z')] };
    expect(inboxKpiValues(kpi('first_response_minutes'), strategy, friday, '2027-01-11')).toEqual([{ date: '2027-01-11', value: 60 }]);
    expect(inboxKpiValues(kpi('first_response_minutes'), strategy, { ...friday, businessHours: null }, '2027-01-11')).toEqual([
      { date: '2027-01-11', value: 65 * 60 },
    ]);
  });

  it('other metrics get nothing here', () => {
    expect(inboxKpiValues(kpi('followers'), strategy, inputs, '2027-01-08')).toEqual([]);
  });
});
