/**
 * The review cycle against real Postgres and the real app: generation from stored posts, metrics, KPI
 * values and costs; decisions that save the next strategy version; conflicts; access; the daily job.
 */
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, joinByInvitation, type TestApp } from '../../../test/app.ts';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { startBoss } from '../../scheduler/jobs.ts';
import { recordEvents } from '../events.ts';
import { generateDueReviews, REVIEW_QUEUE, scheduleReviews } from './review-job.ts';

let t: TestApp;
let owner: Record<string, string>;
let ownerId: string;
let ws: string;
const base = () => `/api/v1/workspaces/${ws}`;
const strategy = cleanStrategy();
const S = strategy.id;

async function publishedPost(pillar: string | null, channels: string[], at: string, engagements: number, text = `Post on ${at}`) {
  const { rows } = await t.db.pool.query<{ id: string }>(
    `INSERT INTO posts (workspace_id, strategy_id, pillar_id, state, created_by) VALUES ($1, $2, $3, 'published', $4) RETURNING id`,
    [ws, S, pillar, ownerId],
  );
  const postId = rows[0]!.id;
  for (const channel of channels) {
    await t.db.pool.query(
      `INSERT INTO post_variants (post_id, workspace_id, channel_id, content, state, published_at)
       VALUES ($1, $2, $3, jsonb_build_object('text', $4::text), 'published', $5)`,
      [postId, ws, channel, text, at],
    );
  }
  await recordEvents(t.db.pool, [
    { workspaceId: ws, occurredAt: new Date(at), metric: 'engagements', value: engagements, source: 'network', strategyId: S, postId },
  ]);
  return postId;
}

const post = (url: string, payload: unknown, headers = owner) =>
  t.app.inject({ method: 'POST', url: `${base()}${url}`, headers, payload: payload as object });
const get = (url: string, headers = owner) => t.app.inject({ method: 'GET', url: `${base()}${url}`, headers });

beforeAll(async () => {
  t = await createTestApp();
  const signed = await t.signUp(undefined, 'Rita Reviewer');
  owner = signed.headers;
  ownerId = signed.userId;
  ws = await t.createWorkspace(owner);
  expectStatus(await post('/strategies', strategy), 201);
  expectStatus(await post('/campaigns', cleanCampaign()), 201);
  // Q2 2027 (the review as of 2027-06-30 covers 2027-04-01 – 2027-06-30): how-tos engage, offers do not.
  for (const [day, e] of [
    ['04-05', 40],
    ['04-20', 30],
    ['05-10', 50],
    ['06-01', 20],
  ] as const) {
    await publishedPost('how-to', ['instagram'], `2027-${day}T09:00:00Z`, e, `How-to of ${day}`);
  }
  for (const [day, e] of [
    ['04-08', 20],
    ['05-20', 25],
    ['06-10', 30],
  ] as const) {
    await publishedPost('behind-the-scenes', ['instagram'], `2027-${day}T09:00:00Z`, e);
  }
  for (const [day, e] of [
    ['04-12', 2],
    ['05-12', 1],
    ['06-12', 3],
  ] as const) {
    await publishedPost('offers', ['instagram', 'linkedin'], `2027-${day}T09:00:00Z`, e, `Offer of ${day}`);
  }
  // outside the period: not counted
  await publishedPost('offers', ['instagram'], '2027-03-20T09:00:00Z', 500);
  // ig-followers (800 → 2500 by 2027-12-31) first falls, then barely moves: behind in Q1 and Q2
  await t.db.pool.query(
    `INSERT INTO kpi_values (workspace_id, strategy_id, kpi_id, day, value, source)
     VALUES ($1, $2, 'ig-followers', '2027-03-01', 780, 'manual'), ($1, $2, 'ig-followers', '2027-06-30', 900, 'manual')`,
    [ws, S],
  );
  // the campaign: 3000 budgeted, 1200 spent so far, 2 conversions worth 1500
  await t.db.pool.query(
    `INSERT INTO campaign_costs (workspace_id, campaign_id, amount, currency, category, spent_on) VALUES ($1, 'summer-launch', 1200, 'EUR', 'ads', '2027-06-01')`,
    [ws],
  );
  await t.db.pool.query(
    `INSERT INTO conversions (workspace_id, external_id, strategy_id, campaign_id, value, currency, occurred_at, source)
     VALUES ($1, 'o-1', $2, 'summer-launch', 1000, 'EUR', '2027-06-10T10:00:00Z', 'api'), ($1, 'o-2', $2, 'summer-launch', 500, 'EUR', '2027-06-11T10:00:00Z', 'api')`,
    [ws, S],
  );
});
afterAll(() => t.close());

let q2: { id: string; suggestions: { id: string; rule: string; change: Record<string, unknown> }[] };

describe('running a review', () => {
  it('a first review (Q1) finds ig-followers behind and has no previous review to compare', async () => {
    const res = await post(`/strategies/${S}/reviews`, { asOf: '2027-03-31' });
    expectStatus(res, 201);
    const review = res.json().review;
    expect(review).toMatchObject({ strategy: S, reviewDate: null, period: { start: '2027-01-01', end: '2027-03-31' }, asOf: '2027-03-31' });
    expect(review.content.kpis.find((k: { id: string }) => k.id === 'ig-followers').status).toBe('behind');
    expect(review.suggestions.map((s: { rule: string }) => s.rule)).not.toContain('kpi-behind-twice');
  });

  it('the Q2 review shows KPIs, pillars with best and worst posts, channels, campaign ROI, lint, and suggestions', async () => {
    const res = await post(`/strategies/${S}/reviews`, { asOf: '2027-06-30' });
    expectStatus(res, 201);
    const review = res.json().review;
    q2 = review;
    expect(review.period).toEqual({ start: '2027-04-01', end: '2027-06-30' });
    expect(review.createdBy).toEqual({ id: ownerId, name: 'Rita Reviewer' });
    expect(review.strategyVersion).toBe(1);
    const c = review.content;
    expect(c.kpis.map((k: { id: string; current: number; status: string }) => [k.id, k.current, k.status])).toEqual([
      ['ig-followers', 900, 'behind'],
      ['wholesale-leads', null, 'no_data'],
    ]);
    // no impressions, no followers recorded: engagements per post
    expect(
      c.pillars.map((p: { pillar: string; posts: number; engagements: number; engagementRate: number; method: string }) => [
        p.pillar,
        p.posts,
        p.engagements,
        p.engagementRate,
        p.method,
      ]),
    ).toEqual([
      ['how-to', 4, 140, 35, 'per_post'],
      ['behind-the-scenes', 3, 75, 25, 'per_post'],
      ['offers', 3, 6, 2, 'per_post'],
    ]);
    expect(c.pillars[0].best.map((p: { engagements: number }) => p.engagements)).toEqual([50, 40]);
    expect(c.pillars[0].worst.map((p: { engagements: number }) => p.engagements)).toEqual([20, 30]);
    expect(c.pillars[0].best[0]).toMatchObject({
      text: 'How-to of 05-10',
      channels: ['instagram'],
      publishedAt: '2027-05-10T09:00:00.000Z',
    });
    // 91 days = 13 weeks: instagram 10 posts, linkedin 3
    expect(
      c.channels.map((ch: { channel: string; posts: number; postsPerWeek: number }) => [ch.channel, ch.posts, ch.postsPerWeek]),
    ).toEqual([
      ['instagram', 10, 10 / 13],
      ['linkedin', 3, 3 / 13],
      ['newsletter', 0, 0],
    ]);
    expect(c.campaigns).toEqual([
      {
        campaign: 'summer-launch',
        name: 'Summer rye launch',
        revenue: 1500,
        conversions: 2,
        cost: 1200,
        costBasis: 'actual',
        roi: 0.25,
        projectedRoi: 1.5,
        currency: 'EUR',
        otherCurrencies: [],
      },
    ]);
    expect(c.lint.summary).toEqual({ errors: 0, warnings: 0 });
    // offers 2 < average (35+25+2)/3 / 2 = 10.33; instagram 0.77/wk < 4/2, linkedin 0.23 < 2/2, newsletter 0 < 0.25/2;
    // ig-followers behind twice, trend (780 on day 59, 900 on day 180) → 900 + 184 · 120/121 = 1082.5 at the due date (day 364)
    expect(review.suggestions.map((s: { rule: string; change: unknown }) => [s.rule, s.change])).toEqual([
      ['kpi-behind-twice', { op: 'set-kpi-target', kpi: 'ig-followers', from: 2500, to: 1082 }],
      ['pillar-low-engagement', { op: 'move-pillar-share', pillar: 'offers', toPillar: 'how-to', from: 0.15, amount: 0.075 }],
      ['channel-under-cadence', { op: 'set-channel-cadence', channel: 'instagram', from: 4, to: 0.77 }],
      ['channel-under-cadence', { op: 'set-channel-cadence', channel: 'linkedin', from: 2, to: 0.23 }],
      ['channel-under-cadence', { op: 'set-channel-cadence', channel: 'newsletter', from: 0.25, to: 0 }],
    ]);
    expect(review.suggestions.every((s: { decision: unknown }) => s.decision === null)).toBe(true);
  });

  it('lists the strategy’s reviews newest first with their cadence and next review date', async () => {
    const res = await get(`/strategies/${S}/reviews`);
    expectStatus(res, 200);
    const body = res.json();
    expect(body.cadence).toBe('quarterly');
    expect(body.reviews.map((r: { asOf: string; suggestions: unknown }) => [r.asOf, r.suggestions])).toEqual([
      ['2027-06-30', { open: 5, accepted: 0, rejected: 0 }],
      // the one post of Q1 (2027-03-20, instagram): every channel under its cadence
      ['2027-03-31', { open: 3, accepted: 0, rejected: 0 }],
    ]);
  });
});

describe('deciding', () => {
  const decide = (sid: string, payload: unknown) => post(`/reviews/${q2.id}/suggestions/${sid}/decision`, payload);

  it('accepting saves the next strategy version (reason review) and the diff shows the change', async () => {
    const pillarSuggestion = q2.suggestions.find((s) => s.rule === 'pillar-low-engagement')!;
    const res = await decide(pillarSuggestion.id, { decision: 'accepted', note: 'Offers do not land; more how-tos.' });
    expectStatus(res, 200);
    const body = res.json();
    expect(body.version).toBe(2);
    expect(body.suggestion).toMatchObject({
      decision: 'accepted',
      decidedBy: { id: ownerId, name: 'Rita Reviewer' },
      note: 'Offers do not land; more how-tos.',
      appliedVersion: 2,
    });
    expect(body.review.status).toBe('open');
    const versions = (await get(`/strategies/${S}/versions`)).json().versions;
    expect(versions[0]).toMatchObject({ version: 2, reason: 'review', reviewId: q2.id });
    const diff = (await get(`/strategies/${S}/diff?from=1&to=2`)).json();
    expect(diff.changes).toEqual([
      { op: 'changed', entity: 'pillar', id: 'how-to', field: 'share', old: 0.5, new: 0.575 },
      { op: 'changed', entity: 'pillar', id: 'offers', field: 'share', old: 0.15, new: 0.075 },
    ]);
    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [q2.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['review.create', 'review.suggestion_accept']);
  });

  it('decides a suggestion once', async () => {
    const id = q2.suggestions.find((s) => s.rule === 'pillar-low-engagement')!.id;
    const again = await decide(id, { decision: 'rejected' });
    expectStatus(again, 409);
    expect(again.json().error.code).toBe('review.already_decided');
  });

  it('refuses (409, nothing stored) a change the strategy no longer fits', async () => {
    const current = (await get(`/strategies/${S}`)).json().strategy;
    current.channels[0].cadence = { postsPerWeek: 3 };
    expectStatus(await t.app.inject({ method: 'PUT', url: `${base()}/strategies/${S}`, headers: owner, payload: current }), 200);
    const instagram = q2.suggestions.find((s) => s.change.channel === 'instagram')!;
    const res = await decide(instagram.id, { decision: 'accepted' });
    expectStatus(res, 409);
    expect(res.json().error).toMatchObject({
      code: 'review.suggestion_conflict',
      details: { reason: 'channel "instagram" now plans 3 posts a week, not 4' },
    });
    const review = (await get(`/reviews/${q2.id}`)).json().review;
    expect(review.suggestions.find((s: { id: string }) => s.id === instagram.id).decision).toBeNull();
    expect((await get(`/strategies/${S}/versions`)).json().versions[0].version).toBe(3);
  });

  it('rejects with a note; the last decision closes the review', async () => {
    for (const s of q2.suggestions.filter((x) => x.rule !== 'pillar-low-engagement')) {
      expectStatus(await decide(s.id, { decision: 'rejected', note: 'Not now.' }), 200);
    }
    const review = (await get(`/reviews/${q2.id}`)).json().review;
    expect(review.status).toBe('closed');
    expect(review.suggestions.map((s: { decision: string }) => s.decision)).toEqual([
      'rejected',
      'accepted',
      'rejected',
      'rejected',
      'rejected',
    ]);
  });

  it('answers 400 for a bad decision and 404 for unknown ids', async () => {
    const id = q2.suggestions[0]!.id;
    expectStatus(await decide(id, { decision: 'maybe' }), 400);
    expectStatus(await post(`/reviews/${q2.id}/suggestions/not-an-id/decision`, { decision: 'accepted' }), 404);
    expectStatus(await post(`/reviews/00000000-0000-4000-8000-000000000000/suggestions/${id}/decision`, { decision: 'accepted' }), 404);
    expectStatus(await get('/reviews/nope'), 404);
    expectStatus(await post('/strategies/nope/reviews', {}), 404);
  });

  it('refuses (422) a review as of a day outside the strategy’s time, and stores none', async () => {
    const before = (await get(`/strategies/${S}/reviews`)).json() as { reviews: unknown[] };
    for (const asOf of ['0001-03-30', '2026-12-31', '2029-01-02']) {
      const res = await post(`/strategies/${S}/reviews`, { asOf });
      expectStatus(res, 422);
      expect((res.json() as { error: { code: string } }).error.code).toBe('review.out_of_period');
    }
    expect(((await get(`/strategies/${S}/reviews`)).json() as { reviews: unknown[] }).reviews).toHaveLength(before.reviews.length);
  });
});

describe('access', () => {
  it('hides another workspace’s reviews; analysts read them, only plan writers run and decide', async () => {
    const analyst = await t.signUp();
    const otherWs = await t.createWorkspace(analyst.headers);
    expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${otherWs}/reviews/${q2.id}`, headers: analyst.headers }),
      404,
    );
    await joinByInvitation(t.app, owner, ws, analyst, 'analyst');
    expectStatus(await get(`/reviews/${q2.id}`, analyst.headers), 200);
    expectStatus(await post(`/strategies/${S}/reviews`, {}, analyst.headers), 403);
    const viewer = await t.signUp();
    await joinByInvitation(t.app, owner, ws, viewer, 'viewer');
    expectStatus(await get(`/strategies/${S}/reviews`, viewer.headers), 403);
  });
});

describe('the daily job', () => {
  let boss: PgBoss;
  afterAll(() => boss?.stop({ graceful: false, close: true }));

  it('generates the review due on a day once, as of the day before, however often it runs', async () => {
    expect(await generateDueReviews(t.db.pool, '2027-06-30')).toEqual({ created: 1, failed: 0 }); // the 2027-04-01 review
    expect(await generateDueReviews(t.db.pool, '2027-07-01')).toEqual({ created: 1, failed: 0 });
    expect(await generateDueReviews(t.db.pool, '2027-07-02')).toEqual({ created: 0, failed: 0 });
    expect(await generateDueReviews(t.db.pool, '2027-07-01')).toEqual({ created: 0, failed: 0 });
    const { rows } = await t.db.pool.query(
      `SELECT review_date::text, as_of::text, period_start::text, created_by FROM reviews WHERE review_date IS NOT NULL ORDER BY review_date`,
    );
    expect(rows).toEqual([
      { review_date: '2027-04-01', as_of: '2027-03-31', period_start: '2027-01-01', created_by: null },
      { review_date: '2027-07-01', as_of: '2027-06-30', period_start: '2027-04-01', created_by: null },
    ]);
  });

  it('is registered as a daily pg-boss cron job', async () => {
    boss = await startBoss(t.db.url, { supervise: true });
    await scheduleReviews(boss, t.db.pool, { log: { info: () => {}, warn: () => {} } });
    expect((await boss.getSchedules(REVIEW_QUEUE)).map((s) => s.cron)).toEqual(['30 4 * * *']);
  });
});

describe('deleting the strategy', () => {
  it('takes its reviews, suggestions and versions with it', async () => {
    await t.db.pool.query(`DELETE FROM post_variants WHERE workspace_id = $1`, [ws]);
    await t.db.pool.query(`UPDATE posts SET deleted_at = now() WHERE workspace_id = $1`, [ws]);
    expectStatus(await t.app.inject({ method: 'DELETE', url: `${base()}/campaigns/summer-launch`, headers: owner }), 204);
    expectStatus(await t.app.inject({ method: 'DELETE', url: `${base()}/strategies/${S}`, headers: owner }), 204);
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM reviews)::int AS reviews, (SELECT count(*) FROM review_suggestions)::int AS suggestions,
              (SELECT count(*) FROM strategy_versions)::int AS versions`,
    );
    expect(rows[0]).toEqual({ reviews: 0, suggestions: 0, versions: 0 });
  });
});
