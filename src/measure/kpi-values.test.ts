import { describe, expect, it } from 'vitest';
import type { Kpi, Strategy } from '../plan/schema.ts';
import { KPI_WINDOW_DAYS, type MeasuredInputs, measuredKpiValues, sampleDays } from './kpi-values.ts';

const strategy: Pick<Strategy, 'period' | 'channels'> = {
  period: { start: '2027-01-01', end: '2027-12-31' },
  channels: [
    { id: 'bsky', platform: 'bluesky' },
    { id: 'masto', platform: 'mastodon' },
  ],
};
const kpi = (source: Kpi['source'], channel?: string): Kpi => ({ id: 'k', metric: 'x', kind: 'reach', source, channel });
const none: MeasuredInputs = { daily: [], followers: [], costs: [], listening: [] };
const daily = (metric: string, day: string, value: number, channelId = 'bsky', campaignId = '') => ({
  metric,
  day,
  value,
  channelId,
  campaignId,
});

describe('sampleDays', () => {
  it('is every 7 days from the start, then the as-of day', () => {
    expect(sampleDays('2027-01-01', '2027-01-20')).toEqual(['2027-01-01', '2027-01-08', '2027-01-15', '2027-01-20']);
    expect(sampleDays('2027-01-01', '2027-01-01')).toEqual(['2027-01-01']);
    expect(sampleDays('2027-01-10', '2027-01-01')).toEqual([]);
  });
});

describe('measuredKpiValues', () => {
  it('sums a count over the 30 days ending each sample day', () => {
    const inputs: MeasuredInputs = {
      ...none,
      daily: [
        daily('link_clicks', '2026-12-15', 100), // before the window of 2027-01-15 (30 days: Dec 17 – Jan 15)
        daily('link_clicks', '2027-01-01', 5),
        daily('link_clicks', '2027-01-10', 7, 'masto'),
        daily('link_clicks', '2027-01-15', 3),
        daily('engagements', '2027-01-15', 50),
      ],
    };
    expect(measuredKpiValues(kpi({ metric: 'link_clicks' }), strategy, inputs, '2027-01-15')).toEqual([
      { date: '2027-01-01', value: 105 },
      { date: '2027-01-08', value: 105 },
      { date: '2027-01-15', value: 15 },
    ]);
    expect(KPI_WINDOW_DAYS).toBe(30);
    // One channel only: the KPI's source channel, else its own channel.
    expect(measuredKpiValues(kpi({ metric: 'link_clicks', channel: 'masto' }), strategy, inputs, '2027-01-15').at(-1)).toEqual({
      date: '2027-01-15',
      value: 7,
    });
    expect(measuredKpiValues(kpi({ metric: 'link_clicks' }, 'bsky'), strategy, inputs, '2027-01-15').at(-1)!.value).toBe(8);
  });

  it('counts one campaign when the source names it', () => {
    const inputs = { ...none, daily: [daily('conversions', '2027-01-02', 4, '', 'launch'), daily('conversions', '2027-01-02', 6, '', '')] };
    expect(measuredKpiValues(kpi({ metric: 'conversions', campaign: 'launch' }), strategy, inputs, '2027-01-02')).toEqual([
      { date: '2027-01-01', value: 0 },
      { date: '2027-01-02', value: 4 },
    ]);
  });

  it('takes followers as the last reading of each channel, summed', () => {
    const inputs: MeasuredInputs = {
      ...none,
      followers: [
        { channelId: 'bsky', day: '2027-01-01', followers: 100 },
        { channelId: 'masto', day: '2027-01-03', followers: 40 },
        { channelId: 'bsky', day: '2027-01-09', followers: 120 },
        { channelId: 'other', day: '2027-01-09', followers: 999 }, // not a channel of the strategy
      ],
    };
    expect(measuredKpiValues(kpi({ metric: 'followers' }), strategy, inputs, '2027-01-10')).toEqual([
      { date: '2027-01-01', value: 100 },
      { date: '2027-01-08', value: 140 },
      { date: '2027-01-10', value: 160 },
    ]);
    expect(measuredKpiValues(kpi({ metric: 'followers', channel: 'masto' }), strategy, inputs, '2027-01-02')).toEqual([]);
  });

  it('computes follower growth against 30 days before', () => {
    const inputs: MeasuredInputs = {
      ...none,
      followers: [
        { channelId: 'bsky', day: '2026-12-20', followers: 200 },
        { channelId: 'bsky', day: '2027-01-25', followers: 250 },
      ],
    };
    // On 2027-01-29, 30 days before is 2026-12-30: 200 then, 250 now.
    expect(measuredKpiValues(kpi({ metric: 'follower_growth', channel: 'bsky' }), strategy, inputs, '2027-01-29').at(-1)).toEqual({
      date: '2027-01-29',
      value: 0.25,
    });
  });

  it('rates per impression where there are impressions, else per follower; no value with nothing to divide by', () => {
    const perImpression: MeasuredInputs = {
      ...none,
      daily: [daily('engagements', '2027-01-01', 30), daily('impressions', '2027-01-01', 1000)],
      followers: [{ channelId: 'bsky', day: '2027-01-01', followers: 300 }],
    };
    expect(measuredKpiValues(kpi({ metric: 'engagement_rate', channel: 'bsky' }), strategy, perImpression, '2027-01-01')).toEqual([
      { date: '2027-01-01', value: 0.03 },
    ]);
    // 30 engagements on 2 posts, among 300 followers.
    const perFollower = { ...perImpression, daily: [daily('engagements', '2027-01-01', 30), daily('posts_published', '2027-01-01', 2)] };
    expect(measuredKpiValues(kpi({ metric: 'engagement_rate', channel: 'bsky' }), strategy, perFollower, '2027-01-01')).toEqual([
      { date: '2027-01-01', value: 0.05 },
    ]);
    expect(measuredKpiValues(kpi({ metric: 'ctr', channel: 'bsky' }), strategy, perFollower, '2027-01-01')).toEqual([]);
  });

  it('divides costs to date by conversions to date for the cost per acquisition', () => {
    const inputs: MeasuredInputs = {
      daily: [daily('conversions', '2027-01-02', 4, '', 'launch'), daily('conversions', '2027-01-09', 6, '', 'launch')],
      followers: [],
      listening: [],
      costs: [
        { campaignId: 'launch', day: '2027-01-01', amount: 200 },
        { campaignId: 'launch', day: '2027-01-08', amount: 300 },
        { campaignId: 'other', day: '2027-01-08', amount: 1000 },
      ],
    };
    expect(measuredKpiValues(kpi({ metric: 'cost_per_acquisition', campaign: 'launch' }), strategy, inputs, '2027-01-09')).toEqual([
      { date: '2027-01-08', value: 125 },
      { date: '2027-01-09', value: 50 },
    ]);
  });

  it('has no values for a manual KPI or a metric nothing feeds yet', () => {
    expect(measuredKpiValues(kpi({ metric: 'manual' }), strategy, none, '2027-02-01')).toEqual([]);
    expect(measuredKpiValues(kpi(undefined), strategy, none, '2027-02-01')).toEqual([]);
    expect(measuredKpiValues(kpi({ metric: 'share_of_voice' }), strategy, none, '2027-02-01')).toEqual([]);
  });
});
