/**
 * The dashboards against real Postgres, through the API: events recorded with recordEvents, follower
 * readings, published posts, cost entries, conversions and post snapshots written for a strategy
 * (the clean Acme plan) and its campaign; every figure below is worked out by hand from them.
 * Range 2025-07-01 – 2025-07-14 (14 days, two weeks); with compare, 2025-06-17 – 2025-06-30. The plan
 * is moved to 2025 so that the range is in the past (KPIs are evaluated on today when `to` is later).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../../test/app.ts';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { connectChannel } from '../../../test/worker-fixtures.ts';
import { type EventMetric, type MetricEvent, recordEvents } from '../events.ts';
import type { CampaignDashboard, StrategyDashboard } from './schema.ts';

let t: TestApp;
let owner: Awaited<ReturnType<TestApp['signUp']>>;
let ws: string;
const S = 'acme-2027';
const C = 'summer-launch';

const event = (at: string, metric: EventMetric, value: number, extra: Partial<MetricEvent> = {}): MetricEvent => ({
  workspaceId: ws,
  occurredAt: new Date(at),
  metric,
  value,
  source: 'demo',
  strategyId: S,
  ...extra,
});
const campaign = { campaignId: C, channelId: 'instagram' };

/** A post of the strategy with one variant per channel, published at `at` (or in another state). */
async function post(p: {
  pillar?: string;
  campaign?: string;
  channels?: string[];
  at?: string;
  state?: 'published' | 'draft';
  deleted?: boolean;
  text?: string;
}): Promise<{ id: string; variants: string[] }> {
  const id = randomUUID();
  const state = p.state ?? 'published';
  await t.db.pool.query(
    `INSERT INTO posts (id, workspace_id, strategy_id, campaign_id, pillar_id, state, deleted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, ws, S, p.campaign ?? null, p.pillar ?? null, state, p.deleted ? new Date() : null],
  );
  const variants: string[] = [];
  for (const channel of p.channels ?? ['instagram']) {
    const { rows } = await t.db.pool.query<{ id: string }>(
      `INSERT INTO post_variants (post_id, workspace_id, channel_id, content, state, published_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        id,
        ws,
        channel,
        JSON.stringify({ text: p.text ?? `Post on ${channel}` }),
        state === 'published' ? 'published' : 'pending',
        state === 'published' ? new Date(p.at ?? '2025-07-02T10:00:00Z') : null,
      ],
    );
    variants.push(rows[0]!.id);
  }
  return { id, variants };
}

const snapshot = (variant: string, at: string, likes: number, reposts = 0, replies = 0, quotes = 0) =>
  t.db.pool.query(
    'INSERT INTO post_metric_snapshots (workspace_id, variant_id, taken_at, likes, reposts, replies, quotes) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [ws, variant, at, likes, reposts, replies, quotes],
  );

/** The clean plan in 2025, its KPIs due at the end of it. */
function strategy2025(id = S) {
  const s = cleanStrategy({ id, period: { start: '2025-01-01', end: '2025-12-31' } });
  for (const o of s.objectives) for (const k of o.kpis) k.due = '2025-12-31';
  return s;
}
const campaign2025 = (overrides: Parameters<typeof cleanCampaign>[0] = {}) =>
  cleanCampaign({ start: '2025-07-01', end: '2025-08-31', phases: [], ...overrides });

const RANGE = 'from=2025-07-01&to=2025-07-14';
let postA: string;
let postB: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  expectStatus(
    await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/strategies`, headers: owner.headers, payload: strategy2025() }),
    201,
  );
  expectStatus(
    await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/campaigns`, headers: owner.headers, payload: campaign2025() }),
    201,
  );
  await connectChannel(t.db.pool, { workspaceId: ws, strategyId: S, userId: owner.userId }, 'instagram');

  await recordEvents(t.db.pool, [
    // Posts published: 6 on Instagram, 4 on LinkedIn in the range; one on Instagram before it.
    ...[1, 2, 3, 4, 5, 6].map((d) => event(`2025-07-0${d}T09:00:00Z`, 'posts_published', 1, { channelId: 'instagram' })),
    ...[1, 3, 8, 10].map((d) => event(`2025-07-${String(d).padStart(2, '0')}T09:00:00Z`, 'posts_published', 1, { channelId: 'linkedin' })),
    event('2025-06-20T09:00:00Z', 'posts_published', 1, { channelId: 'instagram' }),
    // Instagram reports impressions; LinkedIn does not.
    event('2025-07-02T12:00:00Z', 'impressions', 1000, { channelId: 'instagram' }),
    event('2025-07-10T12:00:00Z', 'impressions', 1000, { channelId: 'instagram' }),
    event('2025-07-02T12:00:00Z', 'engagements', 60, { channelId: 'instagram' }),
    event('2025-07-10T12:00:00Z', 'engagements', 40, { channelId: 'instagram' }),
    event('2025-07-11T12:00:00Z', 'engagements', 30, { channelId: 'linkedin' }),
    // The campaign's clicks, visitors, conversions and revenue; the previous period's; one the day after the range.
    event('2025-07-03T08:00:00Z', 'link_clicks', 5, campaign),
    event('2025-07-04T23:59:59Z', 'link_clicks', 7, campaign),
    event('2025-06-20T08:00:00Z', 'link_clicks', 3, campaign),
    event('2025-07-15T00:00:00Z', 'link_clicks', 100, campaign),
    event('2025-07-03T08:00:00Z', 'unique_visitors', 4, campaign),
    event('2025-07-05T10:00:00Z', 'conversions', 2, campaign),
    event('2025-07-05T10:00:00Z', 'revenue', 50, campaign),
    event('2025-07-12T10:00:00Z', 'conversions', 1, campaign),
    event('2025-07-12T10:00:00Z', 'revenue', 25, campaign),
    event('2025-06-25T10:00:00Z', 'conversions', 1, campaign),
    event('2025-06-25T10:00:00Z', 'revenue', 20, campaign),
    event('2025-07-15T10:00:00Z', 'conversions', 1, campaign),
    // Another strategy's numbers stay out.
    event('2025-07-05T10:00:00Z', 'conversions', 50, { strategyId: 'other', campaignId: C }),
  ]);

  await t.db.pool.query(
    `INSERT INTO follower_snapshots (workspace_id, strategy_id, channel_id, day, followers) VALUES
       ($1, $2, 'instagram', '2025-06-28', 1000), ($1, $2, 'instagram', '2025-07-05', 1100), ($1, $2, 'instagram', '2025-07-12', 1200),
       ($1, $2, 'instagram', '2025-07-20', 5000), ($1, $2, 'linkedin', '2025-07-03', 250), ($1, $2, 'linkedin', '2025-07-14', 300)`,
    [ws, S],
  );
  await t.db.pool.query(
    `INSERT INTO kpi_values (workspace_id, strategy_id, kpi_id, day, value, source) VALUES
       ($1, $2, 'wholesale-leads', '2025-06-01', 5, 'manual'), ($1, $2, 'wholesale-leads', '2025-07-10', 8, 'manual')`,
    [ws, S],
  );

  // Published in the range: 3 how-to, 1 behind the scenes, 2 offers (promotional), 1 without a pillar.
  postA = (await post({ pillar: 'how-to', campaign: C, channels: ['instagram', 'newsletter'], text: 'Rye starter, step by step' })).id;
  postB = (await post({ pillar: 'offers', campaign: C, at: '2025-07-08T10:00:00Z', text: 'Summer rye is here' })).id;
  await post({ pillar: 'how-to' });
  await post({ pillar: 'how-to', at: '2025-07-14T23:00:00Z' });
  await post({ pillar: 'behind-the-scenes', channels: ['linkedin'] });
  await post({ pillar: 'offers' });
  await post({});
  // Not counted: published before the range, after it, deleted, not published.
  const before = await post({ pillar: 'how-to', campaign: C, at: '2025-06-20T10:00:00Z' });
  await post({ pillar: 'offers', at: '2025-07-15T00:00:00Z' });
  await post({ pillar: 'offers', deleted: true });
  await post({ pillar: 'offers', state: 'draft' });

  // Post snapshots: A gains 30 on Instagram and 5 in the newsletter, B 50; the one before gains nothing in the range.
  const [aInstagram, aNewsletter] = (
    await t.db.pool.query<{ id: string; channel_id: string }>(
      'SELECT id, channel_id FROM post_variants WHERE post_id = $1 ORDER BY channel_id',
      [postA],
    )
  ).rows.map((r) => r.id);
  await snapshot(aInstagram!, '2025-06-30T12:00:00Z', 8, 2);
  await snapshot(aInstagram!, '2025-07-10T12:00:00Z', 30, 5, 3, 2);
  await snapshot(aInstagram!, '2025-07-20T12:00:00Z', 500);
  await snapshot(aNewsletter!, '2025-07-05T12:00:00Z', 5);
  const [bVariant] = (await t.db.pool.query<{ id: string }>('SELECT id FROM post_variants WHERE post_id = $1', [postB])).rows.map(
    (r) => r.id,
  );
  await snapshot(bVariant!, '2025-07-08T18:00:00Z', 40, 10);
  await snapshot(before.variants[0]!, '2025-06-21T12:00:00Z', 20);

  // Costs: 500 + 100 ads and 200 production; one of them after the range.
  await t.db.pool.query(
    `INSERT INTO campaign_costs (workspace_id, campaign_id, amount, currency, category, spent_on) VALUES
       ($1, $2, 500, 'EUR', 'ads', '2025-07-02'), ($1, $2, 200, 'EUR', 'production', '2025-06-15'), ($1, $2, 100, 'EUR', 'ads', '2025-07-20')`,
    [ws, C],
  );
  // Conversions attributed to the campaign: 50 + 25 + 20 + 1000 (after the range); 5 more on a tracked link without the campaign's id.
  const { rows: link } = await t.db.pool.query<{ id: string }>(
    `INSERT INTO tracked_links (workspace_id, code, target_url, strategy_id, campaign_id) VALUES ($1, 'summer1', 'https://acme.test/rye', $2, $3) RETURNING id`,
    [ws, S, C],
  );
  await t.db.pool.query(
    `INSERT INTO conversions (workspace_id, external_id, strategy_id, campaign_id, link_id, value, currency, occurred_at, source) VALUES
       ($1, 'o1', $2, $3, NULL, 50, 'EUR', '2025-07-05T10:00:00Z', 'demo'), ($1, 'o2', $2, $3, NULL, 25, 'EUR', '2025-07-12T10:00:00Z', 'demo'),
       ($1, 'o3', $2, $3, NULL, 20, 'EUR', '2025-06-25T10:00:00Z', 'demo'), ($1, 'o4', $2, NULL, $4, 5, 'EUR', '2025-07-06T10:00:00Z', 'demo'),
       ($1, 'o5', $2, $3, NULL, 1000, 'EUR', '2025-07-15T10:00:00Z', 'demo')`,
    [ws, S, C, link[0]!.id],
  );
});
afterAll(() => t.close());

const get = async <T>(url: string, headers = owner.headers, status = 200): Promise<T> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}${url}`, headers });
  expectStatus(res, status);
  return res.json() as T;
};

describe('strategy dashboard', () => {
  it('shows KPI progress, totals, channel growth and plan vs actual for the range', async () => {
    const d = await get<StrategyDashboard>(`/strategies/${S}/dashboard?${RANGE}`);
    expect(d.range).toEqual({ from: '2025-07-01', to: '2025-07-14', days: 14, previous: null });
    expect(d.asOf).toBe('2025-07-14');
    expect(d.currency).toBe('EUR');

    // KPIs: weekly values from 2025-01-01 (07-02, 07-09) and the as-of day; followers are the last reading then.
    const [followers, leads] = d.kpis;
    expect(followers).toMatchObject({
      id: 'ig-followers',
      name: 'Instagram followers',
      metric: 'followers',
      channel: 'instagram',
      unit: 'count',
      current: 1200,
      status: 'behind',
      series: [
        { date: '2025-07-02', value: 1000 },
        { date: '2025-07-09', value: 1100 },
        { date: '2025-07-14', value: 1200 },
      ],
    });
    // (1200 − 800) / (2500 − 800); 194 of 364 days elapsed; 0.235 < 0.533 − 0.25: behind.
    expect(followers!.progress).toBeCloseTo(400 / 1700, 12);
    expect(followers!.expected).toBeCloseTo(194 / 364, 12);
    expect(leads).toMatchObject({
      id: 'wholesale-leads',
      metric: 'manual',
      unit: null,
      current: 8,
      series: [{ date: '2025-07-10', value: 8 }],
    });
    expect(leads!.progress).toBeCloseTo(6 / 18, 12);

    expect(d.totals).toEqual([
      { metric: 'impressions', value: 2000, previous: null, change: null },
      { metric: 'engagements', value: 130, previous: null, change: null },
      { metric: 'link_clicks', value: 12, previous: null, change: null },
      { metric: 'unique_visitors', value: 4, previous: null, change: null },
      { metric: 'conversions', value: 3, previous: null, change: null },
      { metric: 'revenue', value: 75, previous: null, change: null },
    ]);
    const clicks = d.series.find((s) => s.metric === 'link_clicks')!;
    expect(clicks.points).toHaveLength(14);
    expect(clicks.points.filter((p) => p.value > 0)).toEqual([
      { date: '2025-07-03', value: 5 },
      { date: '2025-07-04', value: 7 },
    ]);
    expect(clicks.previous).toBeNull();

    const [instagram, linkedin, newsletter] = d.channels;
    expect(instagram).toEqual({
      id: 'instagram',
      platform: 'instagram',
      handle: '@acmebakery',
      connection: 'connected',
      followers: [
        { date: '2025-07-05', value: 1100 },
        { date: '2025-07-12', value: 1200 },
      ],
      // The last reading before the range (06-28) is where it starts.
      followersStart: 1000,
      followersEnd: 1200,
      growth: 0.2,
      impressions: 2000,
      engagements: 100,
      engagementRate: { value: 0.05, method: 'per_impression' },
    });
    // No impressions on LinkedIn: per post (4) per follower at the end of the range (300); it starts at its first reading.
    expect(linkedin).toMatchObject({
      connection: 'none',
      followersStart: 250,
      followersEnd: 300,
      growth: 0.2,
      engagementRate: { value: 0.025, method: 'per_follower' },
    });
    expect(newsletter).toMatchObject({ followers: [], followersStart: null, growth: null, engagementRate: null });

    const plan = d.planVsActual;
    expect(plan.cadence).toEqual([
      { channel: 'instagram', posts: 6, perWeek: 3, planned: 4 },
      { channel: 'linkedin', posts: 4, perWeek: 2, planned: 2 },
      { channel: 'newsletter', posts: 0, perWeek: 0, planned: 0.25 },
    ]);
    expect(plan.pillars.posts).toBe(7);
    expect(plan.pillars.rows.map((r) => [r.id, r.posts, r.planned, r.actual])).toEqual([
      ['how-to', 3, 0.5, 3 / 7],
      ['behind-the-scenes', 1, 0.35, 1 / 7],
      ['offers', 2, 0.15, 2 / 7],
      [null, 1, null, 1 / 7],
    ]);
    expect(plan.promotional).toEqual({ max: 0.2, posts: 2, actual: 2 / 7 });
    // Sales are conversions: 1 + 2 + 1 up to the as-of date (not the one on 07-15, nor the other strategy's).
    expect(plan.campaigns).toEqual([
      {
        id: C,
        name: 'Summer rye launch',
        start: '2025-07-01',
        end: '2025-08-31',
        goal: 'sales',
        measuredAs: 'conversions',
        target: 300,
        unit: 'loaves',
        actual: 4,
        progress: 4 / 300,
      },
    ]);
    expect(d.empty).toEqual({ hasData: true, unconnectedChannels: ['linkedin', 'newsletter'], manualKpis: ['wholesale-leads'] });
  });

  it('compares with the previous period of the same length', async () => {
    const d = await get<StrategyDashboard>(`/strategies/${S}/dashboard?${RANGE}&compare=true`);
    expect(d.range.previous).toEqual({ from: '2025-06-17', to: '2025-06-30' });
    const total = (m: string) => d.totals.find((x) => x.metric === m)!;
    expect(total('link_clicks')).toEqual({ metric: 'link_clicks', value: 12, previous: 3, change: 3 });
    expect(total('conversions')).toEqual({ metric: 'conversions', value: 3, previous: 1, change: 2 });
    expect(total('revenue')).toEqual({ metric: 'revenue', value: 75, previous: 20, change: 2.75 });
    expect(total('impressions')).toEqual({ metric: 'impressions', value: 2000, previous: 0, change: null });
    const clicks = d.series.find((s) => s.metric === 'link_clicks')!;
    expect(clicks.previous).toHaveLength(14);
    expect(clicks.previous!.filter((p) => p.value > 0)).toEqual([{ date: '2025-06-20', value: 3 }]);
  });

  it('changes with the range: one more day counts the day after', async () => {
    const d = await get<StrategyDashboard>(`/strategies/${S}/dashboard?from=2025-07-01&to=2025-07-15`);
    expect(d.totals.find((x) => x.metric === 'link_clicks')!.value).toBe(112);
    expect(d.planVsActual.pillars.posts).toBe(8);
    expect(d.planVsActual.campaigns[0]!.actual).toBe(5);
  });

  it('refuses a reversed or too long range with a coded 400', async () => {
    const reversed = await get<{ error: { code: string } }>(`/strategies/${S}/dashboard?from=2025-07-14&to=2025-07-01`, owner.headers, 400);
    expect(reversed.error.code).toBe('dashboard.invalid_range');
    const long = await get<{ error: { code: string } }>(`/strategies/${S}/dashboard?from=2020-01-01&to=2025-07-01`, owner.headers, 400);
    expect(long.error.code).toBe('dashboard.invalid_range');
    await get(`/strategies/${S}/dashboard?from=2025-02-30`, owner.headers, 400);
  });

  it('says what to connect when nothing was measured', async () => {
    const empty = strategy2025('empty-2027');
    expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/strategies`, headers: owner.headers, payload: empty }),
      201,
    );
    const d = await get<StrategyDashboard>(`/strategies/empty-2027/dashboard?${RANGE}`);
    expect(d.empty).toEqual({
      hasData: false,
      unconnectedChannels: ['instagram', 'linkedin', 'newsletter'],
      manualKpis: ['wholesale-leads'],
    });
    expect(d.kpis.map((k) => k.status)).toEqual(['no_data', 'no_data']);
    expect(d.totals.every((x) => x.value === 0)).toBe(true);
  });
});

describe('campaign dashboard', () => {
  it('shows response, spend, real and projected ROI, clicks and conversions per day and top posts', async () => {
    const d = await get<CampaignDashboard>(`/campaigns/${C}/dashboard?${RANGE}&compare=true`);
    expect(d.campaign).toEqual({
      id: C,
      name: 'Summer rye launch',
      start: '2025-07-01',
      end: '2025-08-31',
      strategy: { id: S, name: 'Acme Bakery social media strategy 2027' },
    });
    expect(d.currency).toBe('EUR');
    expect(d.response).toMatchObject({ goal: 'sales', measuredAs: 'conversions', target: 300, actual: 4, progress: 4 / 300 });
    // Every cost entry, as the ROI counts them; per day only those in the range.
    expect(d.spend).toEqual({
      total: 800,
      budget: 3000,
      byCategory: [
        { category: 'ads', amount: 600 },
        { category: 'production', amount: 200 },
      ],
      series: expect.any(Array),
    });
    expect(d.spend.series.filter((p) => p.value > 0)).toEqual([{ date: '2025-07-02', value: 500 }]);
    // campaignRoi over the whole campaign: revenue 50 + 25 + 20 + 1000, cost 800: (1095 − 800) / 800. Projected (7500 − 3000) / 3000.
    expect(d.roi).toEqual({ real: (1095 - 800) / 800, projected: 1.5, revenue: 1095, cost: 800, costBasis: 'actual' });
    expect(d.totals.map((x) => [x.metric, x.value, x.previous])).toEqual([
      ['impressions', 0, 0],
      ['engagements', 0, 0],
      ['link_clicks', 12, 3],
      ['unique_visitors', 4, 0],
      ['conversions', 3, 1],
      ['revenue', 75, 20],
    ]);
    expect(d.series.map((s) => s.metric)).toEqual(['link_clicks', 'conversions']);
    expect(d.series[1]!.points.filter((p) => p.value > 0)).toEqual([
      { date: '2025-07-05', value: 2 },
      { date: '2025-07-12', value: 1 },
    ]);
    expect(d.series[1]!.previous!.filter((p) => p.value > 0)).toEqual([{ date: '2025-06-25', value: 1 }]);
    // B gained 50 (first snapshot in the range); A 40 − 10 on Instagram plus 5 in the newsletter; the older post nothing.
    expect(d.topPosts).toEqual([
      { id: postB, text: 'Summer rye is here', channels: ['instagram'], publishedAt: '2025-07-08T10:00:00.000Z', engagements: 50 },
      {
        id: postA,
        text: 'Rye starter, step by step',
        channels: ['instagram', 'newsletter'],
        publishedAt: '2025-07-02T10:00:00.000Z',
        engagements: 35,
      },
    ]);
    expect(d.empty).toEqual({ hasData: true, unconnectedChannels: ['newsletter'], manualKpis: [] });
  });

  it('uses the planned budget while there are no cost entries, and says so', async () => {
    const other = campaign2025({
      id: 'autumn',
      name: 'Autumn',
      start: '2025-09-01',
      end: '2025-10-31',
      response: { metric: 'page_views', target: 1000 },
    });
    expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/campaigns`, headers: owner.headers, payload: other }),
      201,
    );
    const d = await get<CampaignDashboard>(`/campaigns/autumn/dashboard?${RANGE}`);
    expect(d.roi).toEqual({ real: -1, projected: 1.5, revenue: 0, cost: 3000, costBasis: 'planned' });
    expect(d.response).toMatchObject({ goal: 'page_views', measuredAs: 'link_clicks', actual: 0, progress: 0 });
    expect(d.topPosts).toEqual([]);
    expect(d.empty.hasData).toBe(false);
  });
});

describe('dashboard access', () => {
  it('answers 404 for another workspace’s strategy or campaign and 403 without analytics.read', async () => {
    const stranger = await t.signUp();
    const theirs = await t.createWorkspace(stranger.headers);
    for (const path of [`/strategies/${S}/dashboard`, `/campaigns/${C}/dashboard`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${theirs}${path}`, headers: stranger.headers });
      expectStatus(res, 404);
      // Not a member of ours: the same 404, nothing about what is there.
      expectStatus(await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}${path}`, headers: stranger.headers }), 404);
    }

    const viewer = await t.signUp();
    await t.addMember(owner.headers, ws, viewer, 'viewer');
    const refused = await get<{ error: { code: string } }>(`/strategies/${S}/dashboard`, viewer.headers, 403);
    expect(refused.error.code).toBeTruthy();
    await get(`/campaigns/${C}/dashboard`, viewer.headers, 403);

    const analyst = await t.signUp();
    await t.addMember(owner.headers, ws, analyst, 'analyst');
    await get(`/strategies/${S}/dashboard?${RANGE}`, analyst.headers);
    await get(`/campaigns/${C}/dashboard?${RANGE}`, analyst.headers);
  });
});
