import { describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { defaultPdfFonts, exportPlanPdf, toWinAnsi } from './pdf.ts';
import { northwind, pdfInfoString, pdfPageCount } from '../../../test/export-files.ts';

const { strategy, campaigns } = northwind();

describe('exportPlanPdf', () => {
  it('writes a PDF of several pages for the example plan, titled with the strategy name', async () => {
    const pdf = await exportPlanPdf(strategy, campaigns, [], { date: '2026-11-23' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    // The Info dictionary is not compressed: an ASCII name is there verbatim.
    expect(pdf.includes(Buffer.from(`(${strategy.name})`, 'latin1'))).toBe(true);
    expect(pdf.includes(pdfInfoString(strategy.name))).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it('escapes and encodes titles as PDF strings: parentheses, and UTF-16BE beyond ASCII', async () => {
    for (const name of ['Acme (beta) plan \\ 2027', 'Café Łódź strategy — 2027']) {
      const pdf = await exportPlanPdf(cleanStrategy({ name }), [], undefined, { date: '2026-11-23' });
      expect(pdf.includes(pdfInfoString(name)), name).toBe(true);
    }
    expect(pdfInfoString('Café')).toEqual(Buffer.from([0x28, 0xfe, 0xff, 0, 0x43, 0, 0x61, 0, 0x66, 0, 0xe9, 0x29]));
  });

  it('wraps long names and text instead of failing, with either font', async () => {
    const long = 'Supercalifragilisticexpialidocious'.repeat(5).slice(0, 200);
    const s = cleanStrategy({ name: long, organisation: `${long.slice(0, 100)} ${long.slice(0, 99)}` });
    s.channels[0]!.purpose = `${long} ${'word '.repeat(300)}`;
    const many = Array.from({ length: 30 }, (_, i) =>
      cleanCampaign({
        id: `c${i}`,
        name: `${long.slice(0, 150)} ${i}`,
        phases: [{ name: long, start: '2027-07-01', end: '2027-08-31', tasks: [{ title: long }] }],
      }),
    );
    for (const fonts of ['standard', defaultPdfFonts()] as const) {
      const pdf = await exportPlanPdf(s, many, undefined, { fonts, date: '2026-11-23' });
      expect(pdfPageCount(pdf), String(fonts)).toBeGreaterThan(10);
      expect(pdf.includes(pdfInfoString(long))).toBe(true);
    }
  });

  it('handles a strategy without anything in it, and campaigns with broken dates', async () => {
    const empty = cleanStrategy({ audience: { personas: [] }, channels: [], pillars: [], objectives: [], resources: {} });
    const broken = cleanCampaign({ end: '2027-06-01', phases: [{ name: 'Backwards', start: '2027-08-31', end: '2027-07-01', tasks: [] }] });
    const pdf = await exportPlanPdf(
      empty,
      [broken],
      [{ rule: 'campaign-dates-invalid', severity: 'error', message: 'ends before it starts', path: '/end', document: broken.id }],
    );
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
  });
});

describe('toWinAnsi (the standard-font fallback)', () => {
  it('keeps what WinAnsi has, substitutes symbols and strips accents it lacks', () => {
    expect(toWinAnsi('Café – “quotes” … € 100%')).toBe('Café – “quotes” … € 100%');
    expect(toWinAnsi('−20% → ≥ 3')).toBe('-20% -> >= 3');
    expect(toWinAnsi('Łódź Zürich Kraków ő')).toBe('?ódz Zürich Kraków o');
    expect(toWinAnsi('東京 😀')).toBe('?? ?');
  });
});
