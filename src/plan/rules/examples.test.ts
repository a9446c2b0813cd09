/**
 * The example plans in examples/ are documentation: the northwind folder must lint clean, and the
 * flawed example must show exactly the rules its header comment lists. (A plain YAML parse here;
 * the real loader with line numbers lives in src/plan/load.ts.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseKpiValuesCsv } from '../../measure/kpi-values-csv.ts';
import { isKnownMetric } from '../metrics.ts';
import { planDocumentSchema, type Campaign, type Strategy } from '../schema.ts';
import { lintWithRules } from '../../../test/plan-fixtures.ts';
import { allRules } from './index.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

function loadDir(dir: string): { strategies: Strategy[]; campaigns: Campaign[] } {
  const strategies: Strategy[] = [];
  const campaigns: Campaign[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      expect(doc.errors, file).toEqual([]);
      const parsed = planDocumentSchema.safeParse(doc.toJS());
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      if (parsed.data.kind === 'strategy') strategies.push(parsed.data);
      else campaigns.push(parsed.data);
    }
  }
  return { strategies, campaigns };
}

describe('examples/northwind', () => {
  const { strategies, campaigns } = loadDir(path.join(examples, 'northwind'));

  it('holds one strategy and a product-launch and an event campaign', () => {
    expect(strategies.map((s) => s.id)).toEqual(['northwind-2027']);
    expect(campaigns.map((c) => c.type).sort()).toEqual(['event', 'product-launch']);
    expect(campaigns.every((c) => c.strategy === 'northwind-2027')).toBe(true);
  });

  it('is complete: ≥ 12 months, 3 personas, 5 channels with ≥ 100 followers, pillars summing to 1', () => {
    const [s] = strategies;
    expect(s?.period.start).toBe('2027-01-01');
    expect(s?.audience.personas).toHaveLength(3);
    expect(s?.channels.map((c) => c.platform).sort()).toEqual(['bluesky', 'instagram', 'linkedin', 'mastodon', 'newsletter']);
    for (const c of s?.channels ?? []) {
      expect(c.baseline?.followers ?? 0, c.id).toBeGreaterThanOrEqual(100);
      expect(c.purpose && c.cadence && c.owner, c.id).toBeTruthy();
      if (c.platform !== 'newsletter') expect(c.handle, c.id).toBeDefined();
    }
    expect(s?.pillars.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 9);
  });

  it('produces zero findings (errors and warnings) from every rule', () => {
    expect(lintWithRules(allRules, strategies, campaigns)).toEqual([]);
  });

  it('binds every KPI to a metric, and has example values for them (kpi-values.csv)', () => {
    const kpis = strategies[0]!.objectives.flatMap((o) => o.kpis);
    for (const k of kpis) expect(k.source && isKnownMetric(k.source.metric), k.id).toBe(true);
    expect(kpis.some((k) => k.source?.metric === 'manual')).toBe(true);
    const csv = parseKpiValuesCsv(
      readFileSync(path.join(examples, 'northwind', 'kpi-values.csv'), 'utf8'),
      kpis.map((k) => k.id),
    );
    expect(csv.ok && csv.rows).toBeGreaterThan(10);
  });
});

describe('examples/flawed', () => {
  const { strategies, campaigns } = loadDir(path.join(examples, 'flawed'));
  const findings = lintWithRules(allRules, strategies, campaigns);

  it('holds one strategy and one campaign in a multi-document file', () => {
    expect(strategies.map((s) => s.id)).toEqual(['lakeside-2027']);
    expect(campaigns.map((c) => c.id)).toEqual(['big-summer-push']);
  });

  it('shows exactly the rules listed in its header, all on the campaign', () => {
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual([
      'campaign-audience-outside-strategy',
      'campaign-base-not-ready',
      'campaign-channel-outside-strategy',
      'campaign-negative-roi',
      'campaign-no-owner',
      'campaign-no-response-goal',
      'campaign-outside-strategy-period',
      'campaign-too-early',
      'campaign-too-long',
    ]);
    expect(new Set(findings.map((f) => f.document))).toEqual(new Set(['big-summer-push']));
  });

  it('reports them at the expected paths', () => {
    expect(findings.map((f) => `${f.rule} ${f.path}`)).toEqual([
      'campaign-outside-strategy-period /end',
      'campaign-too-early /start',
      'campaign-too-long /end',
      'campaign-audience-outside-strategy /audience/1',
      'campaign-channel-outside-strategy /channels/2',
      'campaign-base-not-ready /channels/0',
      'campaign-no-response-goal /response',
      'campaign-no-owner /owner',
      'campaign-negative-roi /expectedRevenue',
    ]);
  });

  it('lists every rule it shows in its header comment', () => {
    const header = readFileSync(path.join(examples, 'flawed', 'campaign-flawed.yaml'), 'utf8').split('\nkind:')[0] ?? '';
    for (const f of findings) expect(header).toContain(f.rule);
  });
});
