import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { exportPlanYaml } from './export/yaml.ts';
import {
  DUPLICATE_DOCUMENT_ID_RULE,
  lintDocuments,
  lintText,
  mergeLintResults,
  parseLintConfigText,
  sortFindings,
  summarize,
  validateLintConfig,
} from './lint.ts';
import { loadPlanText } from './load.ts';
import type { CampaignRule, LintContext, Rule, StrategyRule } from './rules/types.ts';
import { findingSchema, type Campaign, type Finding, type Strategy } from './schema.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

// ——— small local rules, so these tests do not depend on the real rule set ———

const noPillars: StrategyRule = {
  id: 'test-no-pillars',
  severity: 'warning',
  target: 'strategy',
  description: 'Strategies need pillars.',
  check: (s) => (s.pillars.length ? [] : [{ path: '/pillars', message: `Strategy "${s.id}" has no pillars.` }]),
};
const kpiNoBaseline: StrategyRule = {
  id: 'test-kpi-no-baseline',
  severity: 'error',
  target: 'strategy',
  description: 'KPIs need baselines.',
  check: (s) =>
    s.objectives.flatMap((o, i) =>
      o.kpis.flatMap((k, j) =>
        k.baseline === undefined ? [{ path: `/objectives/${i}/kpis/${j}/baseline`, message: `KPI ${k.id} has no baseline.` }] : [],
      ),
    ),
};
const seen: { campaign: string; strategy: string | undefined; siblings: number }[] = [];
const campaignNeedsStrategy: CampaignRule = {
  id: 'test-campaign-needs-strategy',
  severity: 'error',
  target: 'campaign',
  description: 'Campaigns need a known strategy.',
  check(c, s, ctx: LintContext) {
    seen.push({ campaign: c.id, strategy: s?.id, siblings: c.strategy ? (ctx.campaignsByStrategy.get(c.strategy)?.length ?? 0) : 0 });
    return s ? [] : [{ path: '/strategy', message: `Campaign "${c.id}" names no known strategy.` }];
  },
};
const rules: Rule[] = [noPillars, kpiNoBaseline, campaignNeedsStrategy];

const STRATEGY_YAML = `kind: strategy
id: s1
name: S
organisation: O
period: { start: 2027-01-01, end: 2027-12-31 }
objectives:
  - id: o1
    area: brand
    statement: Grow
    kpis:
      - id: k1
        metric: Followers
        kind: reach
`;
const CAMPAIGN_YAML = (id: string, strategy: string) => `kind: campaign
id: ${id}
strategy: ${strategy}
name: C
type: event
start: 2027-07-01
end: 2027-08-01
`;

describe('lintDocuments', () => {
  it('runs strategy rules on strategies and campaign rules on campaigns, with file, pointer and line', () => {
    const a = loadPlanText(STRATEGY_YAML, 'a.yaml').documents;
    const b = loadPlanText(`${CAMPAIGN_YAML('c1', 's1')}---\n${CAMPAIGN_YAML('c2', 'nope')}`, 'b.yaml').documents;
    seen.length = 0;
    const result = lintDocuments([...b, ...a], { rules });
    expect(result.findings).toEqual([
      {
        rule: 'test-no-pillars',
        severity: 'warning',
        message: 'Strategy "s1" has no pillars.',
        file: 'a.yaml',
        path: '/pillars',
        document: 's1',
        line: 1,
      },
      {
        rule: 'test-kpi-no-baseline',
        severity: 'error',
        message: 'KPI k1 has no baseline.',
        file: 'a.yaml',
        path: '/objectives/0/kpis/0/baseline',
        document: 's1',
        line: 11,
      },
      {
        rule: 'test-campaign-needs-strategy',
        severity: 'error',
        message: 'Campaign "c2" names no known strategy.',
        file: 'b.yaml',
        path: '/strategy',
        document: 'c2',
        line: 11,
      },
    ]);
    expect(result.summary).toEqual({ errors: 2, warnings: 1 });
    // The campaign rule got the campaign's strategy, and the context groups campaigns by strategy id.
    expect(seen).toEqual([
      { campaign: 'c1', strategy: 's1', siblings: 1 },
      { campaign: 'c2', strategy: undefined, siblings: 1 },
    ]);
    // Key order is the documented one (the JSON output relies on it).
    expect(Object.keys(result.findings[1]!)).toEqual(['rule', 'severity', 'message', 'file', 'path', 'document', 'line']);
    for (const f of result.findings) expect(findingSchema.parse(f)).toEqual(f);
  });

  it('accepts plain parsed documents (no file, no line), and mixes of both', () => {
    const strategy = cleanStrategy({ pillars: [] });
    const plain = lintDocuments([strategy, cleanCampaign({ strategy: 'ghost' })], { rules });
    expect(plain.findings.map((f) => [f.rule, f.document, f.line, f.file])).toEqual([
      ['test-no-pillars', strategy.id, undefined, undefined],
      ['test-campaign-needs-strategy', cleanCampaign().id, undefined, undefined],
    ]);
    expect(Object.keys(plain.findings[0]!)).toEqual(['rule', 'severity', 'message', 'path', 'document']);
    const loaded = loadPlanText(CAMPAIGN_YAML('c1', strategy.id)).documents;
    const mixed = lintDocuments([...loaded, strategy], { rules });
    // The loaded campaign finds the plain strategy; findings with lines come before those without.
    expect(mixed.findings.map((f) => f.rule)).toEqual(['test-no-pillars']);
  });

  it('reports duplicate document ids per kind, at the later document', () => {
    const text = `${STRATEGY_YAML}---\n${STRATEGY_YAML}---\n${CAMPAIGN_YAML('s1', 's1')}---\n${CAMPAIGN_YAML('c', 's1')}---\n${CAMPAIGN_YAML('c', 's1')}`;
    const { documents } = loadPlanText(text, 'dup.yaml');
    const dups = lintDocuments(documents, { rules: [] }).findings;
    expect(dups).toEqual([
      expect.objectContaining({
        rule: DUPLICATE_DOCUMENT_ID_RULE,
        severity: 'error',
        path: '/id',
        document: 's1',
        line: 16,
        file: 'dup.yaml',
        message: expect.stringMatching(/^Strategy id "s1" is already used by another strategy \(dup\.yaml:2\)/),
      }),
      expect.objectContaining({
        rule: DUPLICATE_DOCUMENT_ID_RULE,
        path: '/id',
        document: 'c',
        line: 46,
        message: expect.stringMatching(/^Campaign id "c"/),
      }),
    ]);
  });

  it('applies a config: rules off, severities changed', () => {
    const docs = [cleanStrategy({ pillars: [] }), cleanStrategy({ id: 'x', pillars: [] })];
    const off = lintDocuments(docs, { rules, config: { rules: { 'test-no-pillars': 'off' } } });
    expect(off.findings).toEqual([]);
    const raised = lintDocuments(docs, {
      rules,
      config: { rules: { 'test-no-pillars': 'error', [DUPLICATE_DOCUMENT_ID_RULE]: 'warning' } },
    });
    expect(raised.summary).toEqual({ errors: 2, warnings: 0 });
    const dup = lintDocuments([cleanStrategy(), cleanStrategy()], {
      rules: [],
      config: { rules: { [DUPLICATE_DOCUMENT_ID_RULE]: 'warning' } },
    });
    expect(dup.summary).toEqual({ errors: 0, warnings: 1 });
  });

  it('refuses unknown rule ids in the config, with a suggestion', () => {
    const attempt = (config: object) => {
      try {
        lintDocuments([], { rules, config: config as never });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const typo = attempt({ rules: { 'test-no-pilars': 'off' } });
    expect(isAppError(typo) && typo.code).toBe('lint.unknown_rule');
    expect((typo as Error).message).toBe('Unknown rule "test-no-pilars" in the lint config; did you mean "test-no-pillars"?.');
    expect((attempt({ rules: { schema: 'off' } }) as Error).message).toMatch(/cannot be turned off/);
    expect((attempt({ rules: { 'test-no-pillars': 'loud' } }) as Error).message).toMatch(/must be off, warning or error/);
    expect(() => validateLintConfig({ rules: { 'campaign-no-support': 'off' } })).not.toThrow();
  });

  it('turns a crashing rule into a finding instead of failing the lint', () => {
    const broken: StrategyRule = {
      id: 'test-broken',
      severity: 'warning',
      target: 'strategy',
      description: '',
      check: () => {
        throw new Error('boom');
      },
    };
    const result = lintDocuments([cleanStrategy()], { rules: [broken] });
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'test-broken', severity: 'warning', message: 'Rule "test-broken" failed on this document: boom' }),
    ]);
  });

  it('sorts by file, line, then rule', () => {
    const f = (file: string | undefined, line: number | undefined, rule: string): Finding => ({
      rule,
      severity: 'warning',
      message: '',
      path: '',
      ...(file ? { file } : {}),
      ...(line ? { line } : {}),
    });
    const sorted = sortFindings([
      f('b', 1, 'a'),
      f('a', 9, 'a'),
      f('a', 2, 'z'),
      f('a', 2, 'b'),
      f(undefined, 5, 'x'),
      f('a', undefined, 'a'),
    ]);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.rule}`)).toEqual([
      'undefined:5:x',
      'a:2:b',
      'a:2:z',
      'a:9:a',
      'a:undefined:a',
      'b:1:a',
    ]);
  });
});

describe('the real rules', () => {
  it('find nothing in the clean fixtures and the northwind example, and something in the flawed one', () => {
    expect(lintDocuments([cleanStrategy(), cleanCampaign()]).findings).toEqual([]);
    const dir = new URL('../../examples/northwind/', import.meta.url);
    const docs = readdirSync(dir).flatMap((name) => loadPlanText(readFileSync(new URL(name, dir), 'utf8'), name).documents);
    expect(docs).toHaveLength(3);
    expect(lintDocuments(docs).findings).toEqual([]);
    const flawed = lintText(readFileSync(new URL('../../examples/flawed/campaign-flawed.yaml', import.meta.url), 'utf8'), 'flawed.yaml');
    expect(flawed.summary.errors).toBeGreaterThan(0);
    expect(flawed.findings.every((f) => typeof f.line === 'number' && f.file === 'flawed.yaml')).toBe(true);
  });
});

describe('lintText', () => {
  it('merges schema findings with rule findings of the valid documents', () => {
    const text = `${STRATEGY_YAML}---\n${CAMPAIGN_YAML('c1', 's1').replace('type: event', 'type: party')}`;
    const result = lintText(text, 'mixed.yaml', { rules });
    expect(result.findings.map((f) => [f.rule, f.line, f.path])).toEqual([
      ['test-no-pillars', 1, '/pillars'],
      ['test-kpi-no-baseline', 11, '/objectives/0/kpis/0/baseline'],
      ['schema', 19, '/type'],
    ]);
    expect(result.summary).toEqual({ errors: 2, warnings: 1 });
  });

  it('reports broken YAML as schema findings', () => {
    const result = lintText('kind: strategy\n  id: [oops');
    expect(result.findings[0]).toMatchObject({ rule: 'schema', severity: 'error', line: 1 });
    expect(result.summary.errors).toBe(result.findings.length);
  });

  it('lints an exported plan like the plan itself', () => {
    const strategy: Strategy = cleanStrategy({ pillars: [] });
    const campaigns: Campaign[] = [cleanCampaign()];
    const direct = lintDocuments([strategy, ...campaigns]).findings.map(({ rule, path, document }) => ({ rule, path, document }));
    const viaText = lintText(exportPlanYaml(strategy, campaigns)).findings.map(({ rule, path, document }) => ({ rule, path, document }));
    expect(viaText).toEqual(direct);
  });
});

describe('mergeLintResults and summarize', () => {
  it('concatenates, drops exact duplicates, sorts and recounts', () => {
    const a: Finding = { rule: 'r', severity: 'error', message: 'm', file: 'b', path: '' };
    const b: Finding = { rule: 'r', severity: 'warning', message: 'm', file: 'a', path: '' };
    const merged = mergeLintResults([
      { findings: [a], summary: summarize([a]) },
      { findings: [b, a], summary: summarize([b, a]) },
    ]);
    expect(merged).toEqual({ findings: [b, a], summary: { errors: 1, warnings: 1 } });
  });
});

describe('parseLintConfigText', () => {
  it('reads YAML, with off unquoted', () => {
    expect(parseLintConfigText('rules:\n  campaign-no-support: off\n  channel-no-baseline: error\n')).toEqual({
      rules: { 'campaign-no-support': 'off', 'channel-no-baseline': 'error' },
    });
    expect(parseLintConfigText('')).toEqual({ rules: {} });
    expect(parseLintConfigText('rules: { a: false }')).toEqual({ rules: { a: 'off' } });
  });

  it('explains bad config files', () => {
    expect(() => parseLintConfigText('rules: [', 'x.yaml')).toThrow(/x\.yaml: invalid YAML/);
    expect(() => parseLintConfigText('rulez: {}', 'x.yaml')).toThrow(/unknown field\(s\) "rulez"/);
    expect(() => parseLintConfigText('rules: { a: maybe }', 'x.yaml')).toThrow(/rules\.a: must be off, warning or error/);
  });
});
