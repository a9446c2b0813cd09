import { describe, expect, it } from 'vitest';
import { cleanStrategy } from '../../../test/plan-fixtures.ts';
import { composeReview, type PublishedPost, type ReviewInputs } from './compose-review.ts';

let n = 0;
const post = (pillar: string | null, engagements: number, over: Partial<PublishedPost> = {}): PublishedPost => {
  n++;
  return {
    postId: `p${String(n).padStart(2, '0')}`,
    text: `post ${n}`,
    channels: ['instagram'],
    publishedAt: `2027-05-${String(n).padStart(2, '0')}T10:00:00.000Z`,
    engagements,
    pillar,
    impressions: 0,
    ...over,
  };
};

const inputs = (over: Partial<ReviewInputs> = {}): ReviewInputs => ({
  strategy: cleanStrategy(),
  asOf: '2027-06-30',
  period: { start: '2027-04-01', end: '2027-06-30' }, // 91 days: 13 weeks
  kpiValues: new Map([['ig-followers', [{ date: '2027-06-30', value: 1650 }]]]),
  previousKpis: null,
  posts: [],
  followers: null,
  campaigns: [],
  lint: { findings: [], summary: { errors: 0, warnings: 0 } },
  ...over,
});

describe('composeReview', () => {
  it('reports KPIs by kpiProgressReport, and the cadence (quarterly by default)', () => {
    const { content } = composeReview(inputs());
    expect(content.cadence).toBe('quarterly');
    expect(content.strategyName).toBe('Acme Bakery social media strategy 2027');
    expect(content.kpis.map((k) => [k.id, k.current, k.status])).toEqual([
      ['ig-followers', 1650, 'on_track'], // progress 0.5, expected 180/364
      ['wholesale-leads', null, 'no_data'],
    ]);
  });

  it('ranks posts per pillar: best first, worst first, never one post in both, at most 3 each', () => {
    n = 0;
    const posts = [
      ...[5, 40, 12, 30, 1, 22, 8].map((e) => post('how-to', e)),
      ...[7, 3].map((e) => post('offers', e)),
      post('behind-the-scenes', 9),
      post(null, 100),
    ];
    const { content } = composeReview(inputs({ posts }));
    const [howTo, bts, offers] = content.pillars;
    expect(howTo!.best.map((p) => p.engagements)).toEqual([40, 30, 22]);
    expect(howTo!.worst.map((p) => p.engagements)).toEqual([1, 5, 8]);
    expect(offers!.best.map((p) => p.engagements)).toEqual([7]);
    expect(offers!.worst.map((p) => p.engagements)).toEqual([3]);
    expect(bts!.best.map((p) => p.engagements)).toEqual([9]);
    expect(bts!.worst).toEqual([]);
    // no impressions, no followers: engagements per post, the same method for every pillar with posts
    expect(content.pillars.map((p) => [p.posts, p.engagements, p.engagementRate, p.method])).toEqual([
      [7, 118, 118 / 7, 'per_post'],
      [1, 9, 9, 'per_post'],
      [2, 10, 5, 'per_post'],
    ]);
  });

  it('rates pillars per impression when every pillar with posts has impressions, else per follower', () => {
    n = 0;
    const posts = [post('how-to', 10, { impressions: 200 }), post('offers', 6, { impressions: 300 })];
    const byImpression = composeReview(inputs({ posts, followers: 1000 })).content.pillars;
    expect(byImpression.map((p) => [p.engagementRate, p.method])).toEqual([
      [0.05, 'per_impression'],
      [null, null],
      [0.02, 'per_impression'],
    ]);
    const mixed = [post('how-to', 10, { impressions: 200 }), post('offers', 6), post('offers', 4)];
    expect(composeReview(inputs({ posts: mixed, followers: 1000 })).content.pillars.map((p) => [p.engagementRate, p.method])).toEqual([
      [0.01, 'per_follower'],
      [null, null],
      [0.005, 'per_follower'],
    ]);
  });

  it('counts posts per week per channel over the part of the period inside the strategy', () => {
    n = 0;
    const posts = Array.from({ length: 13 }, () => post('how-to', 1, { channels: ['instagram', 'linkedin'] }));
    const { content, suggestions } = composeReview(inputs({ posts }));
    expect(content.channels).toEqual([
      { channel: 'instagram', platform: 'instagram', plannedPerWeek: 4, posts: 13, postsPerWeek: 1 },
      { channel: 'linkedin', platform: 'linkedin', plannedPerWeek: 2, posts: 13, postsPerWeek: 1 },
      { channel: 'newsletter', platform: 'newsletter', plannedPerWeek: 0.25, posts: 0, postsPerWeek: 0 },
    ]);
    // instagram 1 < 4/2 and newsletter 0 < 0.25/2; linkedin 1 is half of 2, not under it
    expect(suggestions.map((s) => s.change)).toEqual([
      { op: 'set-channel-cadence', channel: 'instagram', from: 4, to: 1 },
      { op: 'set-channel-cadence', channel: 'newsletter', from: 0.25, to: 0 },
    ]);
    // a first review whose period starts before the strategy: only the days inside count (2027-01-01 – 2027-01-14: 2 weeks)
    const early = composeReview(
      inputs({ posts: posts.slice(0, 4), period: { start: '2026-10-15', end: '2027-01-14' }, asOf: '2027-01-14' }),
    );
    expect(early.content.channels[0]!.postsPerWeek).toBe(2);
  });
});
