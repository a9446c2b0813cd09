/** End-to-end: the real launcher (`node bin/groundwork.js progress …`) against temporary files. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { cliFolder } from '../../test/cli.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { formatNumber, formatPercent } from './progress.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/northwind/', import.meta.url));
const { write, groundwork } = cliFolder('gw-progress-');

// The clean strategy (2027-01-01 – 2027-12-31; its KPIs are due 2027-12-31, 364 days after the start)
// with a third KPI whose target is below its baseline. On 2027-07-02, day 182, the expected share is 0.5.
const strategy = cleanStrategy();
strategy.objectives[1]!.kpis.push({
  id: 'reply-minutes',
  metric: 'Median first reply in minutes',
  source: { metric: 'first_response_minutes' },
  baseline: 480,
  target: 120,
  due: '2027-12-31',
  kind: 'service',
});
const plan = write('plan.yaml', exportPlanYaml(strategy, [cleanCampaign()]));
const values = write(
  'values.csv',
  [
    'kpi,date,value',
    'ig-followers,2027-01-01,800', //  day 0
    'ig-followers,2027-04-02,1200', // day 91
    'ig-followers,2027-07-02,1650', // day 182: current
    'ig-followers,2027-08-01,9999', // after the as-of date: ignored
    'reply-minutes,2027-03-01,400', // day 59
    'reply-minutes,2027-03-01,390', // day 59 again: a second point of that date
    'reply-minutes,2027-07-02,210', // day 182: current
    '',
  ].join('\n'),
);

describe('groundwork progress --format json', () => {
  it('reports every KPI in plan order with unrounded numbers and null where undefined', async () => {
    const r = await groundwork(['progress', plan, '--values', values, '--as-of', '2027-07-02', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      strategy: 'acme-2027',
      asOf: '2027-07-02',
      kpis: [
        {
          id: 'ig-followers',
          objective: 'grow-awareness',
          metric: 'Instagram followers',
          baseline: 800,
          target: 2500,
          due: '2027-12-31',
          current: 1650,
          progress: 0.5, // (1650 − 800) / (2500 − 800)
          expected: 0.5, // 182 / 364
          // x̄ = 91, ȳ = 3650/3, slope = 91·850 / (2·91²) = 850/182 → at day 364: 3650/3 + 850/182 · 273 = 7475/3
          forecast: expect.closeTo(7475 / 3, 9),
          status: 'on_track',
        },
        {
          id: 'wholesale-leads',
          objective: 'wholesale-leads',
          metric: 'Wholesale enquiries',
          baseline: 2,
          target: 20,
          due: '2027-12-31',
          current: null,
          progress: null,
          expected: 0.5,
          forecast: null,
          status: 'no_data',
        },
        {
          id: 'reply-minutes',
          objective: 'wholesale-leads',
          metric: 'Median first reply in minutes',
          baseline: 480,
          target: 120,
          due: '2027-12-31',
          current: 210,
          progress: 0.75, // (210 − 480) / (120 − 480)
          expected: 0.5,
          // points (59, 400), (59, 390), (182, 210): x̄ = 100, ȳ = 1000/3, Σdx·dy = −15170, Σdx² = 10086
          forecast: expect.closeTo(1000 / 3 + (-15170 / 10086) * 264, 9),
          status: 'ahead', // 0.75 ≥ 0.5 + 0.10
        },
      ],
    });
  });

  it('prints numbers unrounded', async () => {
    const r = await groundwork(['progress', plan, '--values', values, '--as-of', '2027-05-01', '--format', 'json']);
    const [ig] = JSON.parse(r.stdout).kpis;
    expect(ig.expected).toBe(120 / 364);
    expect(ig.progress).toBe(400 / 1700);
  });
});

describe('groundwork progress (text)', () => {
  it('prints the README’s worked example: the northwind strategy and its values on 2027-06-30', async () => {
    const r = await groundwork([
      'progress',
      path.join(EXAMPLES, 'strategy.yaml'),
      '--values',
      path.join(EXAMPLES, 'kpi-values.csv'),
      '--as-of',
      '2027-06-30',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const shown = /```console\n\$ npx groundwork progress examples\/northwind\/strategy\.yaml[^\n]*\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'the README shows the output').toBeDefined();
    expect(r.stdout).toBe(shown);
  });

  it('aligns the columns and shows shares as percentages', async () => {
    const r = await groundwork(['progress', plan, '--values', values, '--as-of', '2027-07-02']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('KPI progress of strategy acme-2027 as of 2027-07-02');
    const header = lines[2]!;
    const rows = lines.slice(3, 6);
    expect(rows.map((l) => l.split(/\s{2,}/)[0])).toEqual(['ig-followers', 'wholesale-leads', 'reply-minutes']);
    // right-aligned numbers end under their header
    const progressEnd = header.indexOf('Progress') + 'Progress'.length;
    expect(rows.map((l) => l.slice(progressEnd - 6, progressEnd))).toEqual([' 50.0%', '     —', ' 75.0%']);
    expect(rows.map((l) => l.slice(header.indexOf('Status')))).toEqual(['on_track', 'no_data', 'ahead']);
    expect(lines.at(-2)).toBe('3 KPIs: 1 ahead, 1 on_track, 1 no_data');
  });

  it('formats numbers and shares for people', () => {
    expect([formatNumber(1234.5678), formatNumber(0.035123), formatNumber(-0.0001), formatNumber(7050), formatNumber(null)]).toEqual([
      '1234.57',
      '0.0351',
      '-0.0001',
      '7050',
      '—',
    ]);
    expect([formatPercent(0.4567), formatPercent(1), formatPercent(-0.00001), formatPercent(null)]).toEqual([
      '45.7%',
      '100.0%',
      '0.0%',
      '—',
    ]);
  });
});

describe('groundwork progress: bad input exits 2 and says why', () => {
  it('reports each bad CSV row with its line number, and prints no report', async () => {
    const bad = write(
      'bad.csv',
      [
        'kpi,date,value',
        'ig-followers,2027-01-31,900',
        'ig-folowers,2027-02-28,950', //     3: unknown KPI
        'ig-followers,2027-02-30,950', //    4: no such date
        'ig-followers,2027-03-31,1.000,5', // 5: four fields
        'ig-followers,2027-04-30,many', //   6: not a number
      ].join('\n'),
    );
    const r = await groundwork(['progress', plan, '--values', bad, '--as-of', '2027-07-02', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `groundwork progress: ${bad}:3: unknown KPI "ig-folowers" (did you mean "ig-followers"?)`,
      `groundwork progress: ${bad}:4: date "2027-02-30" is not a date written YYYY-MM-DD`,
      `groundwork progress: ${bad}:5: expected 3 fields (kpi,date,value), found 4`,
      `groundwork progress: ${bad}:6: value "many" is not a number`,
    ]);
  });

  it('refuses a missing or invalid --as-of', async () => {
    const missing = await groundwork(['progress', plan, '--values', values]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--as-of <date>' not specified");
    for (const asOf of ['2027-02-30', '02/07/2027', 'today']) {
      const r = await groundwork(['progress', plan, '--values', values, '--as-of', asOf]);
      expect([asOf, r.code, r.stdout]).toEqual([asOf, 2, '']);
      expect(r.stderr).toBe(`groundwork progress: --as-of must be a date written YYYY-MM-DD that exists, not "${asOf}"\n`);
    }
  });

  it('refuses a missing --values option, and files that cannot be read', async () => {
    const noValues = await groundwork(['progress', plan, '--as-of', '2027-07-02']);
    expect(noValues.code).toBe(2);
    expect(noValues.stderr).toContain("required option '--values <csv>' not specified");

    const noCsv = await groundwork(['progress', plan, '--values', 'nope.csv', '--as-of', '2027-07-02']);
    expect(noCsv).toEqual({ code: 2, stdout: '', stderr: 'groundwork progress: cannot read values nope.csv: no such file or directory\n' });

    const noPlan = await groundwork(['progress', 'nope.yaml', '--values', values, '--as-of', '2027-07-02']);
    expect(noPlan).toEqual({ code: 2, stdout: '', stderr: 'groundwork progress: cannot read nope.yaml: no such file or directory\n' });
  });

  it('refuses a plan with schema problems (with their lines), or without exactly one strategy', async () => {
    const broken = write(
      'broken.yaml',
      'kind: strategy\nid: s\nname: S\norganisation: O\nperiod: { start: 2027-01-01, end: 2027-13-01 }\n',
    );
    const r1 = await groundwork(['progress', broken, '--values', values, '--as-of', '2027-07-02']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toBe(`groundwork progress: ${broken}:5: /period/end: must be a date written YYYY-MM-DD\n`);

    const campaignOnly = write('campaign.yaml', 'kind: campaign\nid: c\nname: C\ntype: event\nstart: 2027-07-01\nend: 2027-08-01\n');
    const r2 = await groundwork(['progress', campaignOnly, '--values', values, '--as-of', '2027-07-02']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('holds no strategy');

    const two = write('two.yaml', `${exportPlanYaml(cleanStrategy(), [])}\n${exportPlanYaml(cleanStrategy({ id: 'other-2027' }), [])}`);
    const r3 = await groundwork(['progress', two, '--values', values, '--as-of', '2027-07-02']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('holds 2 strategies (acme-2027, other-2027)');
  });
});
