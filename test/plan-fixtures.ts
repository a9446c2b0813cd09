/**
 * Test builders for the plan model. `cleanStrategy()` and `cleanCampaign()` return fresh,
 * schema-parsed documents that produce ZERO findings from every rule (rules.test.ts checks this),
 * so a rule test only has to break the one thing it is about.
 *
 * Overrides are shallow (top-level keys of the input). For a nested change, build the clean object
 * and mutate the copy — each call returns a new deep copy.
 */
import {
  campaignSchema,
  strategySchema,
  type Campaign,
  type CampaignInput,
  type Severity,
  type Strategy,
  type StrategyInput,
} from '../src/plan/schema.ts';
import type { CampaignRule, LintContext, Rule, RuleIssue, StrategyRule } from '../src/plan/rules/types.ts';

export const CLEAN_STRATEGY_ID = 'acme-2027';
export const CLEAN_CAMPAIGN_ID = 'summer-launch';

const STRATEGY_INPUT: StrategyInput = {
  id: CLEAN_STRATEGY_ID,
  name: 'Acme Bakery social media strategy 2027',
  organisation: 'Acme Bakery',
  period: { start: '2027-01-01', end: '2027-12-31' },
  integration: { marketingPlan: 'Acme marketing plan 2027, chapter 4 (digital)' },
  audience: {
    personas: [
      {
        id: 'home-baker',
        name: 'Home baker',
        painPoints: ['Sourdough fails and nobody explains why'],
        channels: ['instagram', 'newsletter'],
      },
      {
        id: 'cafe-owner',
        name: 'Café owner',
        painPoints: ['Unreliable wholesale bread deliveries'],
        channels: ['linkedin'],
      },
    ],
  },
  channels: [
    {
      id: 'instagram',
      platform: 'instagram',
      handle: '@acmebakery',
      purpose: 'Show the craft behind the bread',
      cadence: { postsPerWeek: 4 },
      owner: 'ana',
      baseline: { followers: 800, engagementRate: 0.04 },
    },
    {
      id: 'linkedin',
      platform: 'linkedin',
      handle: 'acme-bakery',
      purpose: 'Win and keep wholesale customers',
      cadence: { postsPerWeek: 2 },
      owner: 'ben',
      baseline: { followers: 300 },
    },
    {
      id: 'newsletter',
      platform: 'newsletter',
      purpose: 'Monthly recipes and news for regulars',
      cadence: { postsPerWeek: 0.25 },
      owner: 'ana',
      baseline: { followers: 1200 },
    },
  ],
  pillars: [
    { id: 'how-to', name: 'Baking how-tos', share: 0.5 },
    { id: 'behind-the-scenes', name: 'Behind the scenes', share: 0.35 },
    { id: 'offers', name: 'Offers and launches', share: 0.15, promotional: true },
  ],
  objectives: [
    {
      id: 'grow-awareness',
      area: 'awareness',
      statement: 'Become the bakery home bakers in the region follow for advice',
      strategies: [
        {
          statement: 'Teach, do not sell',
          tactics: [{ statement: 'Weekly sourdough troubleshooting reel', channels: ['instagram'] }],
        },
      ],
      kpis: [
        {
          id: 'ig-followers',
          metric: 'Instagram followers',
          source: { metric: 'followers' },
          channel: 'instagram',
          baseline: 800,
          target: 2500,
          due: '2027-12-31',
          kind: 'reach',
        },
      ],
    },
    {
      id: 'wholesale-leads',
      area: 'sales',
      statement: 'Bring in new wholesale café customers',
      strategies: [
        {
          statement: 'Show reliability',
          tactics: [{ statement: 'Monthly delivery-record post and newsletter', channels: ['linkedin', 'newsletter'] }],
        },
      ],
      kpis: [
        {
          id: 'wholesale-leads',
          metric: 'Wholesale enquiries',
          source: { metric: 'manual' },
          baseline: 2,
          target: 20,
          due: '2027-12-31',
          kind: 'financial',
        },
      ],
    },
  ],
  resources: {
    people: [
      { id: 'ana', name: 'Ana Silva', role: 'Social media lead', hoursPerWeek: 6 },
      { id: 'ben', name: 'Ben Okafor', role: 'Sales', hoursPerWeek: 2 },
    ],
    budget: { amount: 12000, currency: 'EUR' },
    tools: ['Buffer'],
  },
};

const CAMPAIGN_INPUT: CampaignInput = {
  id: CLEAN_CAMPAIGN_ID,
  strategy: CLEAN_STRATEGY_ID,
  name: 'Summer rye launch',
  type: 'product-launch',
  start: '2027-07-01',
  end: '2027-08-31',
  audience: ['home-baker'],
  channels: ['instagram', 'newsletter'],
  owner: 'ana',
  response: { metric: 'sales', target: 300, unit: 'loaves' },
  budget: { amount: 3000, currency: 'EUR' },
  expectedRevenue: 7500,
  support: ['advertising', 'influencers'],
  phases: [
    {
      name: 'Teaser',
      start: '2027-07-01',
      end: '2027-07-14',
      tasks: [{ title: 'Brief two baking influencers', owner: 'ana', due: '2027-06-20' }],
    },
    {
      name: 'Launch',
      start: '2027-07-15',
      end: '2027-08-31',
      tasks: [{ title: 'Launch-day post series', owner: 'ben', due: '2027-07-15' }],
    },
  ],
};

/** A complete strategy with zero findings; `overrides` replace top-level input keys. */
export function cleanStrategy(overrides: Partial<StrategyInput> = {}): Strategy {
  return strategySchema.parse({ ...structuredClone(STRATEGY_INPUT), ...structuredClone(overrides) });
}

/** A complete campaign inside `cleanStrategy()` with zero findings; `overrides` replace top-level keys. */
export function cleanCampaign(overrides: Partial<CampaignInput> = {}): Campaign {
  return campaignSchema.parse({ ...structuredClone(CAMPAIGN_INPUT), ...structuredClone(overrides) });
}

/** The context the linter would build for these documents. */
export function makeContext(strategies: readonly Strategy[], campaigns: readonly Campaign[] = []): LintContext {
  const byStrategy = new Map<string, Campaign[]>();
  for (const c of campaigns) {
    if (c.strategy === undefined) continue;
    const list = byStrategy.get(c.strategy);
    if (list) list.push(c);
    else byStrategy.set(c.strategy, [c]);
  }
  return { strategies: new Map(strategies.map((s) => [s.id, s])), campaignsByStrategy: byStrategy };
}

/** Runs one strategy rule on `strategy` (with its campaigns in the context). */
export function checkStrategy(rule: StrategyRule, strategy: Strategy, campaigns: readonly Campaign[] = []): RuleIssue[] {
  return rule.check(strategy, makeContext([strategy], campaigns));
}

/**
 * Runs one campaign rule on `campaign`; its strategy is looked up by id among `strategies`
 * (default: a clean strategy), exactly as the linter does.
 */
export function checkCampaign(rule: CampaignRule, campaign: Campaign, strategies: readonly Strategy[] = [cleanStrategy()]): RuleIssue[] {
  const ctx = makeContext(strategies, [campaign]);
  const strategy = campaign.strategy === undefined ? undefined : ctx.strategies.get(campaign.strategy);
  return rule.check(campaign, strategy, ctx);
}

export interface TestFinding {
  rule: string;
  severity: Severity;
  document: string;
  path: string;
  message: string;
}

/** Minimal linter for tests: every rule over every document, strategies first. */
export function lintWithRules(rules: readonly Rule[], strategies: readonly Strategy[], campaigns: readonly Campaign[] = []): TestFinding[] {
  const ctx = makeContext(strategies, campaigns);
  const out: TestFinding[] = [];
  for (const rule of rules) {
    if (rule.target === 'strategy') {
      for (const s of strategies) {
        for (const i of rule.check(s, ctx)) out.push({ rule: rule.id, severity: rule.severity, document: s.id, ...i });
      }
    } else {
      for (const c of campaigns) {
        const s = c.strategy === undefined ? undefined : ctx.strategies.get(c.strategy);
        for (const i of rule.check(c, s, ctx)) out.push({ rule: rule.id, severity: rule.severity, document: c.id, ...i });
      }
    }
  }
  return out;
}
