/**
 * Campaign costs and ROI against a real Postgres: entries are added, changed and deleted (each in the
 * audit log) in the campaign's one currency, totalled by category; the ROI uses the entries' sum, else
 * the budget as a planned cost, else none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasureFixture, type MeasureFixture } from '../../../test/measure-app.ts';
import { cleanCampaign } from '../../../test/plan-fixtures.ts';
import { expectError, expectStatus, type Headers } from '../../../test/posts-app.ts';
import { campaignRoi } from '../roi.ts';

let f: MeasureFixture;
beforeAll(async () => {
  f = await createMeasureFixture();
});
afterAll(() => f.t.close());

const costs = (campaign = f.campaign, suffix = '') => `/api/v1/workspaces/${f.ws}/campaigns/${campaign}/costs${suffix}`;
const roiOf = async (campaign: string) => {
  const res = await f.t.inject('GET', `/api/v1/workspaces/${f.ws}/campaigns/${campaign}/roi`, f.owner.headers);
  expectStatus(res, 200);
  return res.json();
};
const addCost = async (body: Record<string, unknown>, campaign = f.campaign, headers: Headers = f.owner.headers) => {
  const res = await f.t.inject('POST', costs(campaign), headers, { currency: 'EUR', category: 'ads', spentOn: '2026-11-01', ...body });
  expectStatus(res, 201);
  return res.json().cost as { id: string };
};
const convert = async (externalId: string, value: number, campaign = f.campaign, currency = 'EUR') =>
  expectStatus(
    await f.t.inject('POST', `/api/v1/workspaces/${f.ws}/conversions`, f.token, {
      campaign,
      value,
      currency,
      occurredAt: '2026-11-10T12:00:00Z',
      externalId,
    }),
    201,
  );

describe('campaign ROI', () => {
  it('uses the budget as a planned cost while there are no cost entries, then the entries', async () => {
    expect(await roiOf(f.campaign)).toEqual({
      campaign: 'summer-launch',
      revenue: 0,
      conversions: 0,
      cost: 3000,
      costBasis: 'planned',
      roi: -1,
      projectedRoi: 1.5,
      currency: 'EUR',
      otherCurrencies: [],
    });
    await convert('roi-1', 1500);
    await convert('roi-2', 2500.5);
    expect(await roiOf(f.campaign)).toMatchObject({
      revenue: 4000.5,
      conversions: 2,
      cost: 3000,
      costBasis: 'planned',
      roi: (4000.5 - 3000) / 3000,
    });

    await addCost({ amount: 1200, category: 'ads' });
    await addCost({ amount: 300.25, category: 'production' });
    expect(await roiOf(f.campaign)).toMatchObject({
      revenue: 4000.5,
      cost: 1500.25,
      costBasis: 'actual',
      roi: (4000.5 - 1500.25) / 1500.25,
      projectedRoi: 1.5,
    });
  });

  it('has no cost and no ROI for a campaign without budget or costs', async () => {
    const { budget: _, expectedRevenue: __, ...plain } = cleanCampaign({ id: 'unbudgeted' });
    expectStatus(await f.t.inject('POST', `/api/v1/workspaces/${f.ws}/campaigns`, f.owner.headers, plain), 201);
    await convert('plain-1', 80, 'unbudgeted');
    expect(await roiOf('unbudgeted')).toEqual({
      campaign: 'unbudgeted',
      revenue: 80,
      conversions: 1,
      cost: null,
      costBasis: 'none',
      roi: null,
      projectedRoi: null,
      currency: 'EUR',
      otherCurrencies: [],
    });
  });

  it('counts only money in the campaign currency and names the others (a budget whose currency changed)', async () => {
    await f.t.db.pool.query(
      `INSERT INTO campaign_costs (workspace_id, campaign_id, amount, currency, category, spent_on) VALUES ($1, 'unbudgeted', 50, 'USD', 'tools', '2026-11-01')`,
      [f.ws],
    );
    const roi = await campaignRoi(f.t.db.pool, f.ws, { id: 'unbudgeted', budget: { amount: 100, currency: 'EUR' } });
    expect(roi).toMatchObject({ revenue: 80, cost: 100, costBasis: 'planned', currency: 'EUR', otherCurrencies: ['USD'] });
  });

  it('answers 404 for a campaign not in the workspace', async () => {
    expectError(await f.t.inject('GET', `/api/v1/workspaces/${f.ws}/campaigns/nope/roi`, f.owner.headers), 404, 'campaign.not_found');
  });
});

describe('campaign costs', () => {
  it('lists entries newest first with totals by category', async () => {
    await addCost({ amount: 99.99, category: 'tools', spentOn: '2026-11-20', note: 'Canva' });
    const res = await f.t.inject('GET', costs(), f.owner.headers);
    expectStatus(res, 200);
    const body = res.json();
    expect(body.costs.map((c: { amount: number; spentOn: string }) => [c.spentOn, c.amount])).toEqual([
      ['2026-11-20', 99.99],
      ['2026-11-01', 300.25],
      ['2026-11-01', 1200],
    ]);
    expect(body.costs[0]).toEqual({
      id: expect.any(String),
      campaign: 'summer-launch',
      amount: 99.99,
      currency: 'EUR',
      category: 'tools',
      spentOn: '2026-11-20',
      note: 'Canva',
      createdAt: expect.any(String),
    });
    expect(body.totals).toEqual({
      currency: 'EUR',
      total: 1600.24,
      byCategory: { ads: 1200, production: 300.25, influencers: 0, tools: 99.99, other: 0 },
    });
  });

  it('changes and deletes an entry, each change in the audit log', async () => {
    const { id } = await addCost({ amount: 10, category: 'other', note: 'Stickers' });
    const changed = await f.t.inject('PATCH', costs(f.campaign, `/${id}`), f.owner.headers, {
      amount: 12.5,
      category: 'production',
      note: '',
    });
    expectStatus(changed, 200);
    expect(changed.json().cost).toMatchObject({ amount: 12.5, category: 'production', note: null, spentOn: '2026-11-01' });
    expectStatus(await f.t.inject('DELETE', costs(f.campaign, `/${id}`), f.owner.headers), 204);
    expectError(await f.t.inject('DELETE', costs(f.campaign, `/${id}`), f.owner.headers), 404, 'cost.not_found');
    const { rows } = await f.t.db.pool.query(
      `SELECT action, before->>'amount' AS before, after->>'amount' AS after FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { action: 'cost.create', before: null, after: '10' },
      { action: 'cost.update', before: '10', after: '12.5' },
      { action: 'cost.delete', before: '12.5', after: null },
    ]);
  });

  it("keeps a campaign's costs in one currency: its budget's, its strategy's, else its first cost's", async () => {
    const wrong = await f.t.inject('POST', costs(), f.owner.headers, {
      amount: 5,
      currency: 'USD',
      category: 'ads',
      spentOn: '2026-11-01',
    });
    expectError(wrong, 422, 'cost.currency_mismatch');
    expect(wrong.json().error.message).toBe(
      'Enter this cost in EUR, not USD: campaign "summer-launch" is budgeted in EUR, and a campaign\'s ROI compares money in one currency.',
    );
    const { id } = await addCost({ amount: 5 });
    expectError(
      await f.t.inject('PATCH', costs(f.campaign, `/${id}`), f.owner.headers, { currency: 'GBP' }),
      422,
      'cost.currency_mismatch',
    );

    // Neither the campaign nor its strategy has a budget: the first cost sets the currency.
    await f.t.db.pool.query(`UPDATE strategies SET document = document #- '{resources,budget}' WHERE workspace_id = $1`, [f.ws]);
    const { budget: _, ...free } = cleanCampaign({ id: 'free-currency' });
    expectStatus(await f.t.inject('POST', `/api/v1/workspaces/${f.ws}/campaigns`, f.owner.headers, free), 201);
    const first = await addCost({ amount: 5, currency: 'CHF' }, 'free-currency');
    expectError(
      await f.t.inject('POST', costs('free-currency'), f.owner.headers, {
        amount: 5,
        currency: 'EUR',
        category: 'ads',
        spentOn: '2026-11-01',
      }),
      422,
      'cost.currency_mismatch',
    );
    // The only entry may change currency: no other cost holds it to one.
    expectStatus(await f.t.inject('PATCH', costs('free-currency', `/${first.id}`), f.owner.headers, { currency: 'EUR' }), 200);
  });

  it('validates entries and answers 404 for unknown campaigns and costs', async () => {
    for (const body of [
      { amount: -1, currency: 'EUR', category: 'ads', spentOn: '2026-11-01' },
      { amount: 1.234, currency: 'EUR', category: 'ads', spentOn: '2026-11-01' },
      { amount: 1, currency: 'EUR', category: 'coffee', spentOn: '2026-11-01' },
      { amount: 1, currency: 'EUR', category: 'ads', spentOn: '2026-02-30' },
      { amount: 1, currency: 'EUR', category: 'ads', spentOn: '2026-11-01', note: 'x'.repeat(501) },
    ]) {
      expectError(await f.t.inject('POST', costs(), f.owner.headers, body), 400, 'request.invalid');
    }
    const body = { amount: 1, currency: 'EUR', category: 'ads', spentOn: '2026-11-01' };
    expectError(await f.t.inject('POST', costs('nope'), f.owner.headers, body), 404, 'campaign.not_found');
    expectError(await f.t.inject('GET', costs('nope'), f.owner.headers), 404, 'campaign.not_found');
    expectError(await f.t.inject('PATCH', costs(f.campaign, '/not-a-uuid'), f.owner.headers, { amount: 2 }), 404, 'cost.not_found');
    expectError(
      await f.t.inject('DELETE', costs(f.campaign, '/00000000-0000-4000-8000-000000000000'), f.owner.headers),
      404,
      'cost.not_found',
    );
  });

  it('lets analysts see costs but only plan writers change them', async () => {
    const analyst = await f.t.member(f.ws, f.owner.headers, 'analyst');
    expectStatus(await f.t.inject('GET', costs(), analyst.headers), 200);
    expectError(
      await f.t.inject('POST', costs(), analyst.headers, { amount: 1, currency: 'EUR', category: 'ads', spentOn: '2026-11-01' }),
      403,
      'auth.forbidden',
    );
  });
});
