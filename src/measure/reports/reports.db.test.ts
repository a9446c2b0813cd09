/** Reports against real Postgres: the numbers of each report from hand-counted measurements, the files, and who may fetch them. */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../../test/app.ts';
import { pdfInfoString } from '../../../test/export-files.ts';
import { createReportPlan, seedMeasurements } from '../../../test/report-fixtures.ts';
import { loadCampaignReport } from './campaign-report.ts';
import { loadStrategyReport } from './strategy-report.ts';

let t: TestApp;
let owner: { headers: Record<string, string> };
let ws: string;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  await createReportPlan(t, owner.headers, ws);
  await seedMeasurements(t.db.pool, ws);
});
afterAll(() => t.close());

const march = { from: '2027-03-01', to: '2027-03-31' };
const july = { from: '2027-07-01', to: '2027-07-31' };
const total = (r: { totals: { metric: string; value: number }[] }) => Object.fromEntries(r.totals.map((x) => [x.metric, x.value]));

describe('a strategy report', () => {
  it('counts the period from the rollups, and every KPI as progress on the period’s last day', async () => {
    const r = await loadStrategyReport(t.db.pool, ws, 'acme-2027', march, new Date('2027-04-05T10:00:00Z'));
    expect(r.asOf).toBe('2027-03-31');
    // 3 + 2 clicks in March (not the 5 of 27 February nor the 7 of 1 April).
    expect(total(r)).toEqual({ impressions: 1000, engagements: 40, link_clicks: 5, unique_visitors: 0, conversions: 2, revenue: 50 });
    expect(r.daily.find((s) => s.metric === 'link_clicks')!.points.filter((p) => p.value > 0)).toEqual([
      { date: '2027-03-02', value: 3 },
      { date: '2027-03-20', value: 2 },
    ]);
    expect(r.daily[0]!.points).toHaveLength(31);

    const kpi = Object.fromEntries(r.kpis.map((k) => [k.id, k]));
    expect(r.kpis.map((k) => k.id)).toEqual(['ig-followers', 'wholesale-leads', 'clicks', 'summer-sales']);
    // Followers on 31 March 1050: (1050 − 800) / (2500 − 800); expected 89 of 364 days.
    expect(kpi['ig-followers']).toMatchObject({
      current: 1050,
      progress: 250 / 1700,
      expected: 89 / 364,
      status: 'on_track',
      unit: 'count',
    });
    expect(kpi['ig-followers']!.series).toEqual([
      { date: '2027-03-05', value: 950 },
      { date: '2027-03-12', value: 950 },
      { date: '2027-03-19', value: 950 },
      { date: '2027-03-26', value: 950 },
      { date: '2027-03-31', value: 1050 },
    ]);
    expect(kpi['wholesale-leads']).toMatchObject({
      current: 5,
      progress: 3 / 18,
      status: 'on_track',
      unit: null,
      series: [{ date: '2027-03-15', value: 5 }],
    });
    // Clicks of the 30 days ending each sample day: 8 on 5, 12 and 19 March, 10 on the 26th, 5 on the 31st.
    expect(kpi.clicks!.series.map((v) => v.value)).toEqual([8, 8, 8, 10, 5]);
    expect(kpi.clicks).toMatchObject({ current: 5, progress: 0.005, status: 'at_risk' });
    expect(kpi['summer-sales']).toMatchObject({ current: 0, progress: 0, expected: 89 / 242, status: 'behind' });

    expect(r.channels).toEqual([
      {
        id: 'instagram',
        platform: 'instagram',
        start: 900,
        end: 1050,
        growth: 150 / 900,
        points: [
          { date: '2027-03-05', value: 950 },
          { date: '2027-03-31', value: 1050 },
        ],
      },
      { id: 'linkedin', platform: 'linkedin', start: null, end: null, growth: null, points: [] },
      { id: 'newsletter', platform: 'newsletter', start: null, end: null, growth: null, points: [] },
    ]);
  });
});

describe('a campaign report', () => {
  it('shows the response against the goal, revenue and cost to date, real and projected ROI, and its KPIs', async () => {
    const r = await loadCampaignReport(t.db.pool, ws, 'summer-launch', july, new Date('2027-08-20T10:00:00Z'));
    expect(r.strategy).toEqual({ id: 'acme-2027', name: 'Acme Bakery social media strategy 2027' });
    expect(total(r)).toMatchObject({ link_clicks: 10, conversions: 4, revenue: 100, impressions: 0 });
    expect(r.response).toEqual({ goal: 'sales', measuredAs: 'conversions', target: 300, unit: 'loaves', actual: 4, progress: 4 / 300 });
    // Revenue: 60 (direct) + 40 (through its link); not the USD one nor the one of 10 August. Cost: 50 (not the 200 of 5 August).
    expect(r.roi).toEqual({ revenue: 100, cost: 50, costBasis: 'costs', real: 1, projected: 1.5 });
    expect(r.kpis.map((k) => k.id)).toEqual(['summer-sales']);
    expect(r.kpis[0]).toMatchObject({ current: 4, progress: 4 / 300, expected: 211 / 242 });
    expect(r.kpis[0]!.series.map((v) => [v.date, v.value])).toEqual([
      ['2027-07-02', 0],
      ['2027-07-09', 4],
      ['2027-07-16', 4],
      ['2027-07-23', 4],
      ['2027-07-30', 4],
      ['2027-07-31', 4],
    ]);
  });

  it('uses the budget as a planned cost while no cost is entered', async () => {
    const r = await loadCampaignReport(t.db.pool, ws, 'autumn', { from: '2027-09-01', to: '2027-09-30' }, new Date('2027-10-01T00:00:00Z'));
    expect(r.roi).toEqual({ revenue: 0, cost: 3000, costBasis: 'planned', real: -1, projected: 1.5 });
  });
});

describe('GET …/report.pdf and …/report.csv', () => {
  const get = (url: string, headers = owner.headers) => t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}${url}`, headers });

  it('answers the strategy’s PDF as an attachment that opens and carries the strategy’s name', async () => {
    const res = await get('/strategies/acme-2027/report.pdf?from=2027-03-01&to=2027-03-31');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="acme-2027-report-2027-03-01-to-2027-03-31.pdf"');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-7).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.includes(pdfInfoString('Acme Bakery social media strategy 2027'))).toBe(true);
  });

  it('answers the CSV, which parses back to the same figures', async () => {
    const res = await get('/strategies/acme-2027/report.csv?from=2027-03-01&to=2027-03-31');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="acme-2027-report-2027-03-01-to-2027-03-31.csv"');
    const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    // March 2027 is still to come: KPIs are evaluated today, before the strategy starts (hence no data yet).
    expect(rows.filter((r) => r.record === 'kpi').map((r) => [r.id, r.baseline, r.target, r.status])).toEqual([
      ['ig-followers', '800', '2500', 'no_data'],
      ['wholesale-leads', '2', '20', 'no_data'],
      ['clicks', '0', '1000', 'no_data'],
      ['summer-sales', '0', '300', 'no_data'],
    ]);
    expect(rows.find((r) => r.record === 'total' && r.id === 'link_clicks')).toMatchObject({
      value: '5',
      from: '2027-03-01',
      to: '2027-03-31',
    });
  });

  it('answers a campaign’s PDF and CSV', async () => {
    const pdf = await get('/campaigns/summer-launch/report.pdf?from=2027-07-01&to=2027-07-31');
    expectStatus(pdf, 200);
    expect(pdf.rawPayload.includes(pdfInfoString('Summer rye launch'))).toBe(true);
    const csv = await get('/campaigns/summer-launch/report.csv?from=2027-07-01&to=2027-07-31');
    const rows = parse(csv.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.record === 'campaign' && r.id === 'roi_real')).toMatchObject({ value: '1' });
  });

  it('refuses a bad period with 400 report.invalid_range', async () => {
    for (const query of [
      'from=2027-03-31&to=2027-03-01',
      'from=yesterday&to=2027-03-01',
      'from=2025-01-01&to=2027-03-01',
      'to=2027-02-30',
    ]) {
      const res = await get(`/strategies/acme-2027/report.pdf?${query}`);
      expectStatus(res, 400);
      expect(res.json().error.code, query).toBe('report.invalid_range');
    }
  });

  it('answers 404 for an unknown strategy or campaign, and for another workspace’s', async () => {
    expect((await get('/strategies/nope/report.csv')).json().error.code).toBe('strategy.not_found');
    expect((await get('/campaigns/nope/report.pdf')).json().error.code).toBe('campaign.not_found');
    const other = await t.signUp();
    const theirs = await t.createWorkspace(other.headers);
    const foreign = await get('/strategies/acme-2027/report.pdf', other.headers);
    expectStatus(foreign, 404);
    const ownWorkspace = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workspaces/${theirs}/strategies/acme-2027/report.pdf`,
      headers: other.headers,
    });
    expectStatus(ownWorkspace, 404);
  });

  it('needs analytics.read: a viewer gets 403, an analyst the file', async () => {
    const viewer = await t.signUp();
    await t.addMember(owner.headers, ws, viewer, 'viewer');
    const refused = await get('/strategies/acme-2027/report.csv', viewer.headers);
    expectStatus(refused, 403);
    const analyst = await t.signUp();
    await t.addMember(owner.headers, ws, analyst, 'analyst');
    expectStatus(await get('/strategies/acme-2027/report.csv', analyst.headers), 200);
  });
});
