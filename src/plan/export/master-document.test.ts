import { describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { buildMasterDocument, formatDay, formatRange, monthLabel, monthsOf, type Block } from './master-document.ts';

describe('buildMasterDocument', () => {
  const doc = buildMasterDocument(
    cleanStrategy(),
    [
      cleanCampaign(),
      cleanCampaign({
        id: 'spring',
        name: 'Spring',
        start: '2027-04-01',
        end: '2027-04-30',
        budget: { amount: 1000, currency: 'USD' },
        expectedRevenue: undefined,
      }),
    ],
    [],
    { date: '2026-11-23' },
  );
  const headings = (level: number) =>
    doc.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === level).map((b) => b.text);
  const tableAfter = (heading: string) => {
    const i = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === heading);
    return doc.blocks.slice(i).find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')!;
  };

  it('has the cover facts and the sections a proposal needs, in order', () => {
    expect(doc).toMatchObject({
      title: 'Acme Bakery social media strategy 2027',
      organisation: 'Acme Bakery',
      period: '1 Jan – 31 Dec 2027',
      date: '23 Nov 2026',
    });
    expect(doc.facts.map((f) => `${f.label}=${f.value}`)).toEqual(['Objectives=2', 'KPIs=2', 'Channels=3', 'Campaigns=2']);
    expect(headings(1)).toEqual(['Summary', 'Audience', 'Channels', 'Content pillars', 'Objectives', 'KPIs', 'Resources', 'Campaigns']);
    // campaigns by start date
    expect(headings(2).slice(-2)).toEqual(['Spring', 'Summer rye launch']);
  });

  it('projects ROI per campaign and totals budgets per currency', () => {
    const roi = tableAfter('Campaign ROI projection');
    expect(roi.rows).toEqual([
      ['Spring', '1 Apr – 30 Apr 2027', '1,000 USD', '—', 'n/a'],
      ['Summer rye launch', '1 Jul – 31 Aug 2027', '3,000 EUR', '7,500 EUR', '+150%'],
    ]);
    expect(roi.total).toEqual(['Total', '', '3,000 EUR + 1,000 USD', '7,500 EUR', '']);
  });

  it('has a KPI table with metric, baseline, target, due and kind', () => {
    const kpis = tableAfter('KPIs');
    expect(kpis.columns.map((c) => c.header)).toEqual(['Metric', 'Baseline', 'Target', 'Due', 'Kind']);
    expect(kpis.rows[0]).toEqual(['Instagram followers (instagram)', '800', '2,500', '31 Dec 2027', 'reach']);
  });

  it("draws the campaigns on the strategy period and each campaign's phases", () => {
    const timelines = doc.blocks.filter((b): b is Extract<Block, { type: 'timeline' }> => b.type === 'timeline');
    expect(timelines[0]).toMatchObject({
      start: '2027-01-01',
      end: '2027-12-31',
      bars: [{ label: 'Spring' }, { label: 'Summer rye launch' }],
    });
    expect(timelines[1]!.bars.map((b) => b.label)).toEqual(['Teaser', 'Launch']);
  });

  it('lists findings only when there are some', () => {
    expect(headings(1)).not.toContain('Plan check');
    const withFindings = buildMasterDocument(
      cleanStrategy(),
      [],
      [{ rule: 'r', severity: 'warning', message: 'm', path: '/x', document: 'd' }],
    );
    expect(withFindings.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)).toContain(
      'Plan check',
    );
  });
});

describe('date helpers', () => {
  it('formats days, ranges and month axes without a locale', () => {
    expect(formatDay('2027-07-01')).toBe('1 Jul 2027');
    expect(formatRange('2027-07-01', '2027-08-31')).toBe('1 Jul – 31 Aug 2027');
    expect(formatRange('2027-12-01', '2028-01-31')).toBe('1 Dec 2027 – 31 Jan 2028');
    expect(monthsOf('2027-11-15', '2028-02-01').map((m, i) => monthLabel(m.year, m.month, i === 0))).toEqual([
      'Nov 2027',
      'Dec',
      'Jan 2028',
      'Feb',
    ]);
    expect(monthsOf('2027-05-01', '2027-04-01')).toEqual([]);
  });
});
