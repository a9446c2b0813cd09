/**
 * The conversions API against a real Postgres: an external id is counted once however often — and
 * however concurrently — it is sent; a reused id with other content is refused; conversions are
 * attributed through tracked links or to campaigns of the workspace only, in the budget's currency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLink, measured, createMeasureFixture, type MeasureFixture } from '../../../test/measure-app.ts';
import { expectError, expectStatus, type Headers } from '../../../test/posts-app.ts';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';

let f: MeasureFixture;
beforeAll(async () => {
  f = await createMeasureFixture();
});
afterAll(() => f.t.close());

const url = () => `/api/v1/workspaces/${f.ws}/conversions`;
const post = (body: unknown, headers: Headers = f.token) => f.t.inject('POST', url(), headers, body);
const sale = (externalId: string, extra: Record<string, unknown> = {}) => ({
  campaign: f.campaign,
  value: 42.5,
  currency: 'EUR',
  occurredAt: '2026-06-01T10:15:00Z',
  externalId,
  ...extra,
});

async function rowsOf(externalId: string) {
  const { rows } = await f.t.db.pool.query('SELECT * FROM conversions WHERE workspace_id = $1 AND external_id = $2', [f.ws, externalId]);
  return rows;
}

describe('POST /conversions', () => {
  it('counts an external id sent three times once: 201, then 200 with duplicate: true and the stored conversion', async () => {
    const before = await measured(f.t.db.pool, f.ws);
    const first = await post(sale('order-1'));
    expectStatus(first, 201);
    expect(first.json()).toEqual({
      duplicate: false,
      conversion: {
        id: expect.any(String),
        externalId: 'order-1',
        strategy: 'acme-2027',
        campaign: 'summer-launch',
        link: null,
        value: 42.5,
        currency: 'EUR',
        occurredAt: '2026-06-01T10:15:00.000Z',
        source: 'api',
        createdAt: expect.any(String),
      },
    });
    for (let i = 0; i < 2; i++) {
      const again = await post(sale('order-1'));
      expectStatus(again, 200);
      expect(again.json()).toEqual({ duplicate: true, conversion: first.json().conversion });
    }
    expect(await rowsOf('order-1')).toHaveLength(1);
    const after = await measured(f.t.db.pool, f.ws);
    expect((after.events.conversions ?? 0) - (before.events.conversions ?? 0)).toBe(1);
    expect((after.events.revenue ?? 0) - (before.events.revenue ?? 0)).toBe(42.5);
    expect(after.rollups).toEqual(after.events);
  });

  it('counts 10 concurrent copies of one conversion once', async () => {
    const before = await measured(f.t.db.pool, f.ws);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(sale('order-concurrent', { value: 19.99 }))));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json().conversion.id));
    expect(ids.size).toBe(1);
    expect(await rowsOf('order-concurrent')).toHaveLength(1);
    const after = await measured(f.t.db.pool, f.ws);
    expect((after.events.conversions ?? 0) - (before.events.conversions ?? 0)).toBe(1);
    expect((after.events.revenue ?? 0) - (before.events.revenue ?? 0)).toBeCloseTo(19.99, 9);
    const { rows } = await f.t.db.pool.query(
      `SELECT metric, count(*)::int AS n FROM metric_events WHERE workspace_id = $1 AND occurred_at = '2026-06-01T10:15:00Z' AND value IN (1, 19.99) GROUP BY metric`,
      [f.ws],
    );
    expect(rows).toContainEqual({ metric: 'revenue', n: 1 });
  });

  it('refuses the same external id with different content (409) and counts nothing', async () => {
    expectStatus(await post(sale('order-2')), 201);
    const before = await measured(f.t.db.pool, f.ws);
    for (const change of [{ value: 43 }, { currency: 'USD' }, { occurredAt: '2026-06-01T10:16:00Z' }]) {
      const res = await post(sale('order-2', change));
      expectError(res, 409, 'conversion.conflict');
      expect(res.json().error.details.stored.value).toBe(42.5);
    }
    // The same moment written with another offset is the same conversion.
    expectStatus(await post(sale('order-2', { occurredAt: '2026-06-01T12:15:00+02:00' })), 200);
    expect(await measured(f.t.db.pool, f.ws)).toEqual(before);
  });

  it('attributes a conversion through a tracked link to its campaign and strategy', async () => {
    const linkId = await insertLink(f.t.db.pool, f.ws, 'summer1', { strategy: f.strategy, campaign: f.campaign, channel: 'instagram' });
    const res = await post({ link: 'summer1', value: 10, currency: 'EUR', occurredAt: '2026-06-02T09:00:00Z', externalId: 'order-link' });
    expectStatus(res, 201);
    expect(res.json().conversion).toMatchObject({ link: 'summer1', campaign: 'summer-launch', strategy: 'acme-2027' });
    const { rows } = await f.t.db.pool.query(
      'SELECT metric, value, strategy_id, campaign_id, channel_id, link_id, source FROM metric_events WHERE workspace_id = $1 AND link_id = $2 ORDER BY metric',
      [f.ws, linkId],
    );
    expect(rows).toEqual([
      {
        metric: 'conversions',
        value: 1,
        strategy_id: 'acme-2027',
        campaign_id: 'summer-launch',
        channel_id: 'instagram',
        link_id: linkId,
        source: 'conversion',
      },
      {
        metric: 'revenue',
        value: 10,
        strategy_id: 'acme-2027',
        campaign_id: 'summer-launch',
        channel_id: 'instagram',
        link_id: linkId,
        source: 'conversion',
      },
    ]);
    // A retry through the campaign instead of the link is another claim.
    expectError(await post(sale('order-link', { value: 10, occurredAt: '2026-06-02T09:00:00Z' })), 409, 'conversion.conflict');
  });

  it('answers 404 for an unknown link or campaign, and for those of another workspace', async () => {
    expectError(await post(sale('x1', { campaign: 'no-such-campaign' })), 404, 'campaign.not_found');
    expectError(
      await post({ link: 'nolink', value: 1, currency: 'EUR', occurredAt: '2026-06-01T00:00:00Z', externalId: 'x2' }),
      404,
      'conversion.link_not_found',
    );
    const other = await f.t.createWorkspace(f.owner.headers);
    expectStatus(
      await f.t.inject('POST', `/api/v1/workspaces/${other}/strategies`, f.owner.headers, cleanStrategy({ id: 'other-2027' })),
      201,
    );
    expectStatus(
      await f.t.inject(
        'POST',
        `/api/v1/workspaces/${other}/campaigns`,
        f.owner.headers,
        cleanCampaign({ id: 'elsewhere', strategy: 'other-2027' }),
      ),
      201,
    );
    await insertLink(f.t.db.pool, other, 'theirs1', { campaign: 'elsewhere' });
    expectError(await post(sale('x3', { campaign: 'elsewhere' })), 404, 'campaign.not_found');
    expectError(
      await post({ link: 'theirs1', value: 1, currency: 'EUR', occurredAt: '2026-06-01T00:00:00Z', externalId: 'x4' }),
      404,
      'conversion.link_not_found',
    );
    // The owner's token is scoped to the first workspace: the other one does not exist for it.
    expectError(await f.t.inject('POST', `/api/v1/workspaces/${other}/conversions`, f.token, sale('x5')), 404, 'workspace.not_found');
  });

  it("refuses a currency other than the campaign's budget currency, or its strategy's when the campaign has none", async () => {
    const res = await post(sale('usd-1', { currency: 'USD' }));
    expectError(res, 422, 'conversion.currency_mismatch');
    expect(res.json().error.message).toContain('Campaign "summer-launch" is budgeted in EUR');
    const { budget: _, ...unbudgeted } = cleanCampaign({ id: 'no-budget' });
    expectStatus(await f.t.inject('POST', `/api/v1/workspaces/${f.ws}/campaigns`, f.owner.headers, unbudgeted), 201);
    const viaStrategy = await post(sale('usd-2', { campaign: 'no-budget', currency: 'USD' }));
    expectError(viaStrategy, 422, 'conversion.currency_mismatch');
    expect(viaStrategy.json().error.message).toContain('Strategy "acme-2027" is budgeted in EUR');
    expectStatus(await post(sale('eur-2', { campaign: 'no-budget' })), 201);
    // A link of the strategy alone, without a campaign: the strategy's currency.
    await insertLink(f.t.db.pool, f.ws, 'strat01', { strategy: f.strategy });
    const strategyLink = { link: 'strat01', value: 5, occurredAt: '2026-06-01T00:00:00Z' };
    expectError(await post({ ...strategyLink, currency: 'GBP', externalId: 'gbp-1' }), 422, 'conversion.currency_mismatch');
    const ok = await post({ ...strategyLink, currency: 'EUR', externalId: 'eur-3' });
    expectStatus(ok, 201);
    expect(ok.json().conversion).toMatchObject({ strategy: 'acme-2027', campaign: null, link: 'strat01' });
  });

  it('validates the body: one of link or campaign, a value ≥ 0 with two decimals, a time zone, not in the future', async () => {
    const tomorrowAndABit = new Date(Date.now() + 25 * 3600_000).toISOString();
    const soon = new Date(Date.now() + 23 * 3600_000).toISOString();
    for (const body of [
      sale('v1', { link: 'summer1' }),
      { value: 1, currency: 'EUR', occurredAt: '2026-06-01T00:00:00Z', externalId: 'v2' },
      sale('v3', { value: -1 }),
      sale('v4', { value: 1.005 }),
      sale('v5', { value: 1e12 }),
      sale('v6', { currency: 'eur' }),
      sale('v7', { occurredAt: '2026-06-01T10:15:00' }),
      sale('v8', { occurredAt: '2026-06-01' }),
      sale('v9', { occurredAt: '1999-12-31T23:59:59Z' }),
      sale(''),
      sale('x'.repeat(201)),
      { ...sale('v10'), extra: true },
    ]) {
      expectError(await post(body), 400, 'request.invalid');
    }
    expectError(await post(sale('v11', { occurredAt: tomorrowAndABit })), 422, 'conversion.in_future');
    expectStatus(await post(sale('v12', { occurredAt: soon })), 201);
    expectStatus(await post(sale('z'.repeat(200), { value: 0 })), 201);
  });

  it('needs analytics.write: analysts and strategists record, editors and read-only tokens do not', async () => {
    const analyst = await f.t.member(f.ws, f.owner.headers, 'analyst');
    expectStatus(await post(sale('by-analyst'), analyst.headers), 201);
    const editor = await f.t.member(f.ws, f.owner.headers, 'editor');
    expectError(await post(sale('by-editor'), editor.headers), 403, 'auth.forbidden');
    const read = await f.t.inject('POST', '/api/v1/tokens', f.owner.headers, { name: 'dash', workspace: f.ws, access: 'read' });
    expectError(await post(sale('by-read-token'), { authorization: `Bearer ${read.json().token}` }), 403, 'auth.token_read_only');
  });

  it('keeps each recorded conversion in the audit log, by whom (the token)', async () => {
    const res = await post(sale('audited', { value: 7 }));
    expectStatus(res, 201);
    const { rows } = await f.t.db.pool.query('SELECT action, actor, after FROM audit_log WHERE entity_id = $1', [res.json().conversion.id]);
    expect(rows).toEqual([{ action: 'conversion.record', actor: expect.stringContaining('(token)'), after: res.json().conversion }]);
  });
});
