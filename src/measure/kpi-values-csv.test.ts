import { describe, expect, it } from 'vitest';
import { parseKpiValuesCsv, readKpiValueRows } from './kpi-values-csv.ts';

const KPIS = ['total-followers', 'reply-time', 'brand-mentions'];

describe('parseKpiValuesCsv', () => {
  it('reads kpi,date,value rows into values per KPI, in file order', () => {
    const r = parseKpiValuesCsv(
      'kpi,date,value\ntotal-followers,2027-01-31,4100\nreply-time,2027-01-31,900\ntotal-followers,2027-02-28,4350.5\n',
      KPIS,
    );
    expect(r).toEqual({
      ok: true,
      rows: 3,
      values: new Map([
        [
          'total-followers',
          [
            { date: '2027-01-31', value: 4100 },
            { date: '2027-02-28', value: 4350.5 },
          ],
        ],
        ['reply-time', [{ date: '2027-01-31', value: 900 }]],
      ]),
    });
  });

  it('takes the columns in any order and case, quoted fields, CRLF, a BOM, blank lines and spaces around fields', () => {
    const text = '\uFEFFDate,Value,KPI\r\n"2027-01-31", 12 ,"reply-time"\r\n\r\n   \r\n2027-02-28,-3.5e1,brand-mentions\r\n';
    const r = parseKpiValuesCsv(text, KPIS);
    expect(r.ok && [...r.values]).toEqual([
      ['reply-time', [{ date: '2027-01-31', value: 12 }]],
      ['brand-mentions', [{ date: '2027-02-28', value: -35 }]],
    ]);
  });

  it('accepts a header alone: no values', () => {
    expect(parseKpiValuesCsv('kpi,date,value\n', KPIS)).toEqual({ ok: true, values: new Map(), rows: 0 });
  });

  it('reports every bad row with its line: unknown KPI, bad date, non-number, wrong field count', () => {
    const text = [
      'kpi,date,value', //                     1
      'total-followers,2027-01-31,4100', //    2 fine
      'total-folowers,2027-01-31,4100', //     3 unknown KPI (typo)
      '', //                                   4
      'reply-time,2027-02-30,900', //          5 no such day
      'reply-time,31.01.2027,900', //          6 not ISO
      'brand-mentions,2027-01-31,12 posts', // 7 not a number
      'brand-mentions,2027-01-31,1,234', //    8 four fields
      'brand-mentions,2027-01-31', //          9 two fields
      'nope,someday,', //                     10 three problems
      'brand-mentions,2027-01-31,', //        11 empty value
    ].join('\n');
    const r = parseKpiValuesCsv(text, KPIS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { line: 3, message: 'unknown KPI "total-folowers" (did you mean "total-followers"?)' },
      { line: 5, message: 'date "2027-02-30" is not a date written YYYY-MM-DD' },
      { line: 6, message: 'date "31.01.2027" is not a date written YYYY-MM-DD' },
      { line: 7, message: 'value "12 posts" is not a number' },
      { line: 8, message: 'expected 3 fields (kpi,date,value), found 4' },
      { line: 9, message: 'expected 3 fields (kpi,date,value), found 2' },
      {
        line: 10,
        message:
          'unknown KPI "nope" (the strategy\'s KPIs: "total-followers", "reply-time", "brand-mentions"); date "someday" is not a date written YYYY-MM-DD; value "" is not a number',
      },
      { line: 11, message: 'value "" is not a number' },
    ]);
  });

  it('refuses numbers with units, separators or special values', () => {
    for (const v of ['1,5', '1 000', '12%', 'NaN', 'Infinity', '0x10', '€5', '1e999']) {
      const r = parseKpiValuesCsv(`kpi,date,value\nreply-time,2027-01-31,"${v}"\n`, KPIS);
      expect(r.ok, v).toBe(false);
    }
  });

  it('counts lines from where a row starts, also after a quoted field spanning lines', () => {
    const r = parseKpiValuesCsv('kpi,date,value\n"reply-\ntime",2027-01-31,1\nreply-time,2027-01-31,x\n', KPIS);
    expect(!r.ok && r.problems.map((p) => p.line)).toEqual([2, 4]);
  });

  it('reports a bad header, an empty file and broken quoting', () => {
    expect(parseKpiValuesCsv('', KPIS)).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'the file is empty: it needs the header kpi,date,value' }],
    });
    expect(parseKpiValuesCsv('\nkpi,day,value\n', KPIS)).toEqual({
      ok: false,
      problems: [{ line: 2, message: 'the header must name the columns kpi,date,value, not kpi,day,value' }],
    });
    const semi = parseKpiValuesCsv('kpi;date;value\nreply-time;2027-01-31;1\n', KPIS);
    expect(!semi.ok && semi.problems[0]!.message).toContain('not semicolons');
    const broken = parseKpiValuesCsv('kpi,date,value\nreply-time,2027-01-31,1\n"reply-time,2027-01-31,2\n', KPIS);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems[0]!.message).toMatch(/^not valid CSV: /);
    expect(!broken.ok && broken.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });
});

describe('readKpiValueRows', () => {
  it('keeps the good rows and reports each bad field with its line and column', () => {
    const text = 'kpi,date,value\nreply-time,2027-01-31,900\nnope,someday,1\nreply-time,2027-02-28\nbrand-mentions,2027-02-28,12\n';
    expect(readKpiValueRows(text, KPIS)).toEqual({
      ok: true,
      rows: [
        { line: 2, kpi: 'reply-time', date: '2027-01-31', value: 900 },
        { line: 5, kpi: 'brand-mentions', date: '2027-02-28', value: 12 },
      ],
      problems: [
        { line: 3, column: 'kpi', message: 'unknown KPI "nope" (the strategy\'s KPIs: "total-followers", "reply-time", "brand-mentions")' },
        { line: 3, column: 'date', message: 'date "someday" is not a date written YYYY-MM-DD' },
        { line: 4, message: 'expected 3 fields (kpi,date,value), found 2' },
      ],
    });
  });

  it('refuses a file without its header as a whole', () => {
    expect(readKpiValueRows('kpi,date\nreply-time,2027-01-31\n', KPIS)).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'the header must name the columns kpi,date,value, not kpi,date' }],
    });
  });
});
