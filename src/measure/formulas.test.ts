import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { projectedRoi } from '../plan/roi.ts';
import * as formulas from './formulas.ts';
import {
  amplificationRate,
  clickThroughRate,
  conversationRate,
  costPerAcquisition,
  costPerClick,
  costPerEngagement,
  engagementRate,
  firstResponseMinutes,
  followerGrowth,
  median,
  netSentiment,
  responseRate,
  returnOnInvestment,
  shareOfVoice,
  FORMULAS,
} from './formulas.ts';

describe('engagement rate', () => {
  it('is per impression where impressions exist, and says so', () => {
    expect(engagementRate({ engagements: 84, posts: 3, impressions: 2000, followers: 1200 })).toEqual({
      value: 0.042,
      method: 'per_impression',
    });
  });
  it('falls back to per post per follower without impressions (none reported, or 0)', () => {
    // 90 engagements on 3 posts: 30 a post, among 1,200 followers.
    expect(engagementRate({ engagements: 90, posts: 3, followers: 1200 })).toEqual({ value: 0.025, method: 'per_follower' });
    expect(engagementRate({ engagements: 30, posts: 1, impressions: null, followers: 1200 })).toEqual({
      value: 0.025,
      method: 'per_follower',
    });
    expect(engagementRate({ engagements: 0, posts: 2, impressions: 0, followers: 1200 })).toEqual({ value: 0, method: 'per_follower' });
  });
  it('is null with neither', () => {
    expect(engagementRate({ engagements: 5, posts: 1 })).toBeNull();
    expect(engagementRate({ engagements: 5, posts: 1, impressions: 0, followers: 0 })).toBeNull();
    expect(engagementRate({ engagements: 5, posts: 0, followers: 100 })).toBeNull();
  });
});

describe('rates per post and follower', () => {
  it('amplification rate = reposts / posts / followers', () => {
    expect(amplificationRate({ reposts: 40, posts: 10, followers: 800 })).toBe(0.005); // 4 reposts a post, 800 followers
    expect(amplificationRate({ reposts: 40, posts: 0, followers: 800 })).toBeNull();
    expect(amplificationRate({ reposts: 40, posts: 10, followers: 0 })).toBeNull();
  });
  it('conversation rate = replies / posts / followers', () => {
    expect(conversationRate({ replies: 15, posts: 5, followers: 600 })).toBe(0.005);
    expect(conversationRate({ replies: 0, posts: 5, followers: 600 })).toBe(0);
  });
  it('follower growth = (end − start) / start', () => {
    expect(followerGrowth({ start: 2400, end: 3000 })).toBe(0.25);
    expect(followerGrowth({ start: 2000, end: 1900 })).toBe(-0.05);
    expect(followerGrowth({ start: 0, end: 10 })).toBeNull();
  });
});

describe('clicks and costs', () => {
  it('CTR = clicks / impressions', () => {
    expect(clickThroughRate({ clicks: 36, impressions: 4800 })).toBe(0.0075);
    expect(clickThroughRate({ clicks: 3, impressions: 0 })).toBeNull();
  });
  it('cost per click, engagement and acquisition', () => {
    expect(costPerClick({ cost: 250, clicks: 400 })).toBe(0.625);
    expect(costPerEngagement({ cost: 300, engagements: 1200 })).toBe(0.25);
    expect(costPerAcquisition({ cost: 6000, conversions: 150 })).toBe(40);
    expect(costPerAcquisition({ cost: 6000, conversions: 0 })).toBeNull();
  });
  it('ROI = (attributed revenue − cost) / cost, the same formula as the projected ROI', () => {
    expect(returnOnInvestment({ attributedRevenue: 21000, cost: 6000 })).toBe(2.5);
    expect(returnOnInvestment({ attributedRevenue: 4500, cost: 6000 })).toBe(-0.25);
    expect(returnOnInvestment({ attributedRevenue: 100, cost: 0 })).toBeNull();
    expect(returnOnInvestment({ attributedRevenue: 21000, cost: 6000 })).toBe(
      projectedRoi({ budget: { amount: 6000, currency: 'EUR' }, expectedRevenue: 21000 }),
    );
  });
});

describe('listening', () => {
  it('share of voice = own / (own + competitors)', () => {
    expect(shareOfVoice({ own: 120, competitors: [200, 80] })).toBe(0.3);
    expect(shareOfVoice({ own: 50, competitors: [] })).toBe(1);
    expect(shareOfVoice({ own: 0, competitors: [0] })).toBeNull();
  });
  it('net sentiment = (positive − negative) / (positive + negative)', () => {
    expect(netSentiment({ positive: 60, negative: 20 })).toBe(0.5);
    expect(netSentiment({ positive: 10, negative: 30 })).toBe(-0.5);
    expect(netSentiment({ positive: 0, negative: 0 })).toBeNull();
  });
});

describe('inbox', () => {
  const messages = [
    { receivedAt: '2027-03-01T09:00:00Z', firstReplyAt: '2027-03-01T09:30:00Z' }, // 30
    { receivedAt: '2027-03-01T10:00:00Z', firstReplyAt: '2027-03-01T12:00:00+01:00' }, // 11:00Z: 60
    { receivedAt: '2027-03-01T11:00:00Z', firstReplyAt: '2027-03-01T11:10:00Z' }, // 10
    { receivedAt: '2027-03-01T12:00:00Z', firstReplyAt: '2027-03-02T12:00:00Z' }, // 1440
    { receivedAt: '2027-03-01T13:00:00Z', firstReplyAt: null }, // unanswered
    { receivedAt: '2027-03-01T14:00:00Z' }, // unanswered
  ];
  it('first response time is the median minutes over answered messages', () => {
    expect(firstResponseMinutes(messages)).toBe(45); // 10, 30, 60, 1440 → (30 + 60) / 2
    expect(firstResponseMinutes(messages.slice(0, 3))).toBe(30); // 10, 30, 60
    expect(firstResponseMinutes(messages.slice(4))).toBeNull();
    expect(firstResponseMinutes([{ receivedAt: '2027-03-01T09:00:00Z', firstReplyAt: '2027-03-01T09:00:30Z' }])).toBe(0.5);
  });
  it('response rate = answered / received', () => {
    expect(responseRate(messages)).toBe(4 / 6);
    expect(responseRate([])).toBeNull();
  });
  it('refuses times without a zone and replies before their message', () => {
    expect(() => firstResponseMinutes([{ receivedAt: '2027-03-01 09:00', firstReplyAt: null }])).toThrow(
      expect.objectContaining({ code: 'measure.invalid_input' }),
    );
    expect(() => responseRate([{ receivedAt: '2027-03-01T09:00:00', firstReplyAt: null }])).toThrow(/with a zone/);
    expect(() => firstResponseMinutes([{ receivedAt: '2027-03-01T09:00:00Z', firstReplyAt: '2027-03-01T08:00:00Z' }])).toThrow(/before/);
  });
  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('inputs', () => {
  it('refuses negative and non-finite counts', () => {
    expect(() => clickThroughRate({ clicks: -1, impressions: 10 })).toThrow(/clicks must be a finite number ≥ 0/);
    expect(() => costPerClick({ cost: Number.NaN, clicks: 10 })).toThrow(DomainError);
    expect(() => shareOfVoice({ own: 1, competitors: [Infinity] })).toThrow(/competitor 1/);
  });
});

describe('FORMULAS', () => {
  it('documents each exported formula once, and only those', () => {
    const fns = Object.entries(formulas)
      .filter(([name, v]) => typeof v === 'function' && name !== 'median')
      .map(([name]) => name)
      .sort();
    expect(FORMULAS.map((f) => f.fn).sort()).toEqual(fns);
  });
});
