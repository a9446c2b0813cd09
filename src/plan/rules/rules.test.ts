import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy, lintWithRules } from '../../../test/plan-fixtures.ts';
import { campaignSchema, strategySchema, type Campaign } from '../schema.ts';
import { allRules } from './index.ts';
import type { Rule } from './types.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const NOT_RULE_FILES = new Set(['index.ts', 'types.ts', 'util.ts']);
const ruleFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_RULE_FILES.has(f))
  .sort();

describe('rule registry', () => {
  it('has many rules', () => {
    expect(allRules.length).toBeGreaterThanOrEqual(40);
  });

  it('gives every rule a unique kebab-case id, a severity and a description', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of allRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it('lists strategy rules before campaign rules', () => {
    const targets = allRules.map((r) => r.target);
    const firstCampaign = targets.indexOf('campaign');
    expect(firstCampaign).toBeGreaterThan(0);
    expect(targets.slice(firstCampaign).every((t) => t === 'campaign')).toBe(true);
  });

  it('has one <rule-id>.ts file per registered rule, exporting exactly that rule, with a test beside it', async () => {
    expect(ruleFiles).toEqual(allRules.map((r) => `${r.id}.ts`).sort());
    const files = new Set(readdirSync(dir));
    for (const file of ruleFiles) {
      const mod = (await import(`./${file}`)) as Record<string, unknown>;
      const rules = Object.values(mod).filter((v): v is Rule => typeof v === 'object' && v !== null && 'check' in v && 'target' in v);
      expect(
        rules.map((r) => r.id),
        file,
      ).toEqual([file.slice(0, -3)]);
      expect(allRules).toContain(rules[0]);
      expect(files.has(file.replace(/\.ts$/, '.test.ts')), `${file} has a test`).toBe(true);
    }
  });
});

describe('clean fixtures', () => {
  it('produce zero findings from every rule', () => {
    expect(lintWithRules(allRules, [cleanStrategy()], [cleanCampaign()])).toEqual([]);
  });

  it('stay clean when several campaigns share the strategy', () => {
    const second = cleanCampaign({ id: 'autumn-event', type: 'event', start: '2027-09-15', end: '2027-10-31', phases: [] });
    second.phases = [{ name: 'Event', start: '2027-09-15', end: '2027-10-31', tasks: [{ title: 'Open-day post series' }] }];
    expect(lintWithRules(allRules, [cleanStrategy()], [cleanCampaign(), second])).toEqual([]);
  });

  it('builders return independent copies', () => {
    const a = cleanStrategy();
    a.channels.pop();
    expect(cleanStrategy().channels).toHaveLength(3);
  });

  it('a sloppy plan triggers many distinct rules (the engine is not a no-op)', () => {
    const strategy = strategySchema.parse({
      id: 'draft',
      name: 'Draft',
      organisation: 'Org',
      period: { start: '2027-01-01', end: '2027-03-01' },
    });
    const campaign = campaignSchema.parse({ id: 'c', name: 'C', type: 'other', start: '2027-01-01', end: '2027-01-03' });
    const rules = new Set(lintWithRules(allRules, [strategy], [campaign]).map((f) => f.rule));
    expect([...rules].sort()).toEqual([
      'campaign-no-audience',
      'campaign-no-budget',
      'campaign-no-channels',
      'campaign-no-owner',
      'campaign-no-phases',
      'campaign-no-response-goal',
      'campaign-no-support',
      'campaign-requires-strategy',
      'campaign-too-short',
      'strategy-no-audience',
      'strategy-no-integration',
      'strategy-no-objectives',
      'strategy-too-short',
    ]);
  });
});

describe('a large plan', () => {
  // Speed is measured by `npm run bench:lint`, not asserted here: timed unit tests flake.
  it('lints a strategy with 1,000 objectives and 200 campaigns without false findings', () => {
    const base = cleanStrategy();
    const strategy = cleanStrategy({
      objectives: Array.from({ length: 1000 }, (_, i) => ({
        id: `objective-${i}`,
        area: 'awareness' as const,
        statement: `Objective ${i}`,
        strategies: [{ statement: 'Do it', tactics: [{ statement: 'Post', channels: ['instagram', 'linkedin'] }] }],
        kpis: [
          {
            id: `kpi-${i}-a`,
            metric: 'Followers',
            channel: 'instagram',
            baseline: 1,
            target: 2,
            due: '2027-06-30',
            kind: 'reach' as const,
          },
          { id: `kpi-${i}-b`, metric: 'Leads', baseline: 1, target: 3, due: '2027-12-31', kind: 'financial' as const },
        ],
      })),
    });
    expect(strategy.audience.personas).toEqual(base.audience.personas);
    const campaigns: Campaign[] = Array.from({ length: 200 }, (_, i) => cleanCampaign({ id: `campaign-${i}` }));

    expect(lintWithRules(allRules, [strategy], campaigns)).toEqual([]);
  });
});
