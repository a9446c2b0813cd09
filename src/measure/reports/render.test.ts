import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { pdfInfoString, pdfPageCount } from '../../../test/export-files.ts';
import { pdfText } from '../../../test/report-files.ts';
import type { CampaignReport, DailySeries, StrategyReport } from './content.ts';
import { REPORT_TOTAL_METRICS } from './content.ts';
import { daysOf } from './period.ts';
import { CSV_COLUMNS, renderReportCsv } from './render-csv.ts';
import { renderReportPdf } from './render-pdf.ts';

const period = { from: '2027-03-01', to: '2027-03-14' };
const daily = (f: (metric: string, i: number) => number): DailySeries[] =>
  REPORT_TOTAL_METRICS.map((metric) => ({ metric, points: daysOf(period).map((date, i) => ({ date, value: f(metric, i) })) }));

const strategyReport = (overrides: Partial<StrategyReport> = {}): StrategyReport => ({
  kind: 'strategy',
  strategy: { id: 'northwind', name: 'Northwind Coffee 2027', start: '2027-01-01', end: '2027-12-31' },
  organisation: 'Northwind Coffee Roasters',
  period,
  asOf: '2027-03-14',
  generatedAt: '2027-03-15T08:00:00.000Z',
  currency: 'EUR',
  kpis: [
    {
      id: 'ig-followers',
      objective: 'awareness',
      metric: 'Instagram followers',
      baseline: 1000,
      target: 3000,
      due: '2027-12-31',
      current: 1500,
      progress: 0.25,
      expected: 0.2,
      forecast: 3100,
      status: 'on_track',
      unit: 'count',
      series: [
        { date: '2027-03-05', value: 1400 },
        { date: '2027-03-12', value: 1500 },
      ],
    },
    {
      id: 'newsletter',
      objective: 'loyalty',
      metric: '=Newsletter sign-ups, "weekly"',
      baseline: null,
      target: 50,
      due: null,
      current: null,
      progress: null,
      expected: null,
      forecast: null,
      status: 'no_data',
      unit: null,
      series: [],
    },
  ],
  totals: REPORT_TOTAL_METRICS.map((metric) => ({ metric, value: metric === 'revenue' ? 140 : 14 })),
  daily: daily((metric) => (metric === 'revenue' ? 10 : 1)),
  channels: [
    {
      id: 'ig',
      platform: 'instagram',
      start: 1300,
      end: 1500,
      growth: 200 / 1300,
      points: [
        { date: '2027-03-01', value: 1350 },
        { date: '2027-03-14', value: 1500 },
      ],
    },
  ],
  ...overrides,
});

const campaignReport = (): CampaignReport => ({
  kind: 'campaign',
  campaign: { id: 'spring-launch', name: 'Spring launch', start: '2027-03-01', end: '2027-04-30' },
  strategy: { id: 'northwind', name: 'Northwind Coffee 2027' },
  organisation: 'Northwind Coffee Roasters',
  period,
  asOf: '2027-03-14',
  generatedAt: '2027-03-15T08:00:00.000Z',
  currency: 'EUR',
  kpis: [],
  totals: REPORT_TOTAL_METRICS.map((metric) => ({ metric, value: 3 })),
  daily: daily((_, i) => i % 3),
  response: { goal: 'sales', measuredAs: 'conversions', target: 12, unit: 'orders', actual: 3, progress: 0.25 },
  roi: { revenue: 300, cost: 200, costBasis: 'costs', real: 0.5, projected: 1 },
});

describe('renderReportPdf', () => {
  it('writes a PDF that opens, titled with the strategy name, with the name, the KPIs and the totals in its text', async () => {
    const pdf = await renderReportPdf(strategyReport(), { fonts: 'standard', compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-7).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdf.includes(pdfInfoString('Northwind Coffee 2027'))).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('Northwind Coffee 2027');
    expect(text).toContain('Northwind Coffee Roasters');
    expect(text).toContain('Period: 1 Mar 2027 – 14 Mar 2027');
    expect(text).toContain('Instagram followers');
    expect(text).toContain('On track');
    expect(text).toContain('Followers per channel');
    // The charts are vector drawings with their own axis labels.
    expect(text).toMatch(/1\s?Mar/);
  });

  it('titles a campaign report with the campaign and shows its response, cost and ROI', async () => {
    const pdf = await renderReportPdf(campaignReport(), { fonts: 'standard', compress: false });
    expect(pdf.includes(pdfInfoString('Spring launch'))).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('Campaign in the strategy Northwind Coffee 2027');
    expect(text).toContain('Link clicks and conversions per day');
    expect(text).toContain('300.00 EUR');
    expect(text).toContain('50%');
  });

  it('renders with the installed Unicode font, compressed, names beyond Latin-1 included', async () => {
    const name = 'Łódź Café — 東京 2027';
    const pdf = await renderReportPdf(strategyReport({ strategy: { id: 's', name, start: '2027-01-01', end: '2027-12-31' } }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.includes(pdfInfoString(name))).toBe(true);
  });

  it('handles a report with nothing measured: no KPIs, no channels', async () => {
    const pdf = await renderReportPdf(strategyReport({ kpis: [], channels: [], daily: daily(() => 0) }), {
      fonts: 'standard',
      compress: false,
    });
    expect(pdfText(pdf)).toContain('The strategy has no KPIs');
  });
});

describe('renderReportCsv', () => {
  const rows = (csv: Buffer) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

  it('is UTF-8 with a byte-order mark and the documented header', () => {
    const csv = renderReportCsv(strategyReport());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').slice(1).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('parses back to the report: one row per KPI with its progress figures, totals, daily sums, followers', () => {
    const all = rows(renderReportCsv(strategyReport()));
    expect(all[0]).toMatchObject({
      record: 'report',
      id: 'northwind',
      name: 'Northwind Coffee 2027',
      from: '2027-03-01',
      to: '2027-03-14',
    });
    const kpis = all.filter((r) => r.record === 'kpi');
    expect(kpis).toEqual([
      expect.objectContaining({
        id: 'ig-followers',
        value: '1500',
        baseline: '1000',
        target: '3000',
        due: '2027-12-31',
        progress: '0.25',
        expected: '0.2',
        forecast: '3100',
        status: 'on_track',
        unit: 'count',
        date: '2027-03-14',
      }),
      // Quotes and commas survive quoting; a leading "=" is made inert.
      expect.objectContaining({ id: 'newsletter', name: `'=Newsletter sign-ups, "weekly"`, value: '', baseline: '', status: 'no_data' }),
    ]);
    expect(all.filter((r) => r.record === 'kpi_value').map((r) => [r.date, r.value])).toEqual([
      ['2027-03-05', '1400'],
      ['2027-03-12', '1500'],
    ]);
    expect(all.find((r) => r.record === 'total' && r.id === 'revenue')).toMatchObject({ value: '140', unit: 'EUR', from: '2027-03-01' });
    expect(all.filter((r) => r.record === 'daily' && r.id === 'link_clicks')).toHaveLength(14);
    expect(all.filter((r) => r.record === 'followers').map((r) => r.value)).toEqual(['1350', '1500']);
  });

  it('carries a campaign’s response, cost basis and ROI', () => {
    const all = rows(renderReportCsv(campaignReport()));
    const c = Object.fromEntries(all.filter((r) => r.record === 'campaign').map((r) => [r.id, r]));
    expect(c.response).toMatchObject({ value: '3', target: '12', progress: '0.25', status: 'sales' });
    expect(c.cost).toMatchObject({ value: '200', status: 'costs', unit: 'EUR' });
    expect(c.roi_real).toMatchObject({ value: '0.5' });
    expect(c.roi_projected).toMatchObject({ value: '1' });
  });
});
