import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanStrategy } from '../../../../test/plan-fixtures.ts';
import { SUGGESTION_RULES, type ChannelRow, type KpiRow, type PillarRow } from '../schema.ts';
import { channelUnderCadence } from './channel-under-cadence.ts';
import { kpiAchievedEarly } from './kpi-achieved-early.ts';
import { SUGGESTION_RULE_DEFS } from './index.ts';
import { kpiBehindTwice } from './kpi-behind-twice.ts';
import { pillarLowEngagement } from './pillar-low-engagement.ts';
import type { ReviewFacts } from './types.ts';

const facts = (over: Partial<ReviewFacts> = {}): ReviewFacts => ({
  strategy: cleanStrategy(),
  asOf: '2027-06-30',
  kpis: [],
  previousKpis: null,
  pillars: [],
  channels: [],
  publishedPosts: 10,
  periodDays: 91,
  ...over,
});

const pillar = (id: string, share: number, posts: number, engagementRate: number | null): PillarRow => ({
  pillar: id,
  name: id.toUpperCase(),
  share,
  posts,
  engagements: 0,
  impressions: 0,
  engagementRate,
  method: 'per_post',
  best: [],
  worst: [],
});

// ig-followers of the clean strategy: baseline 800, target 2500, due 2027-12-31 (start 2027-01-01).
const kpi = (over: Partial<KpiRow>): KpiRow => ({
  id: 'ig-followers',
  objective: 'grow-awareness',
  metric: 'Instagram followers',
  baseline: 800,
  target: 2500,
  due: '2027-12-31',
  current: 1000,
  progress: 200 / 1700,
  expected: 0.5,
  forecast: null,
  status: 'behind',
  ...over,
});

describe('pillar-low-engagement', () => {
  it('halves the share of a pillar under half the average and gives it to the best pillar', () => {
    // average of 0.06, 0.03, 0.005 = 0.03166…; half = 0.01583…: only "offers" is under
    const pillars = [pillar('how-to', 0.5, 5, 0.06), pillar('behind-the-scenes', 0.35, 4, 0.03), pillar('offers', 0.15, 3, 0.005)];
    const out = pillarLowEngagement.suggest(facts({ pillars }));
    expect(out).toHaveLength(1);
    expect(out[0]!.change).toEqual({ op: 'move-pillar-share', pillar: 'offers', toPillar: 'how-to', from: 0.15, amount: 0.075 });
    expect(out[0]!.rationale).toContain('15.8% of the pillars');
    expect(out[0]!.rationale).toContain('15% → 7.5%');
    expect(out[0]!.rationale).toContain('(50% → 57.5%)');
  });

  it('judges only pillars with 3+ posts, and needs two of them', () => {
    const few = [pillar('how-to', 0.5, 5, 0.06), pillar('offers', 0.15, 2, 0.001)];
    expect(pillarLowEngagement.suggest(facts({ pillars: few }))).toEqual([]);
    const none = [pillar('how-to', 0.5, 5, 0.06), pillar('offers', 0.15, 0, null)];
    expect(pillarLowEngagement.suggest(facts({ pillars: none }))).toEqual([]);
  });

  it('leaves pillars at or above half the average alone', () => {
    // average 0.04, half 0.02: 0.02 is not under it
    const pillars = [pillar('a', 0.5, 3, 0.06), pillar('b', 0.5, 3, 0.02)];
    expect(pillarLowEngagement.suggest(facts({ pillars }))).toEqual([]);
  });
});

describe('kpi-behind-twice', () => {
  it('needs a previous review where the KPI was behind too', () => {
    expect(kpiBehindTwice.suggest(facts({ kpis: [kpi({})] }))).toEqual([]);
    expect(kpiBehindTwice.suggest(facts({ kpis: [kpi({})], previousKpis: [{ id: 'ig-followers', status: 'at_risk' }] }))).toEqual([]);
  });

  it('lowers the target to the forecast when the trend gets further than today but short of the target', () => {
    const out = kpiBehindTwice.suggest(
      facts({ kpis: [kpi({ forecast: 1800.4 })], previousKpis: [{ id: 'ig-followers', status: 'behind' }] }),
    );
    expect(out).toEqual([
      {
        rule: 'kpi-behind-twice',
        change: { op: 'set-kpi-target', kpi: 'ig-followers', from: 2500, to: 1800 },
        rationale: expect.stringContaining('lower the target from 2500 to 1800'),
      },
    ]);
  });

  it('otherwise moves the due date one review step later, not past the strategy end', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.due = '2027-06-30';
    const previousKpis = [{ id: 'ig-followers', status: 'behind' as const }];
    // a trend that does not improve (forecast below the current value)
    const out = kpiBehindTwice.suggest(facts({ strategy: s, kpis: [kpi({ forecast: 900, due: '2027-06-30' })], previousKpis }));
    expect(out.map((o) => o.change)).toEqual([{ op: 'set-kpi-due', kpi: 'ig-followers', from: '2027-06-30', to: '2027-09-30' }]);
    s.objectives[0]!.kpis[0]!.due = '2027-11-15';
    expect(kpiBehindTwice.suggest(facts({ strategy: s, kpis: [kpi({})], previousKpis })).map((o) => o.change)).toEqual([
      { op: 'set-kpi-due', kpi: 'ig-followers', from: '2027-11-15', to: '2027-12-31' },
    ]);
    // already due at the end, no trend: nothing to propose
    expect(kpiBehindTwice.suggest(facts({ kpis: [kpi({})], previousKpis }))).toEqual([]);
  });

  it('works for a KPI whose target is below its baseline', () => {
    const s = cleanStrategy();
    Object.assign(s.objectives[0]!.kpis[0]!, { baseline: 480, target: 120 });
    const out = kpiBehindTwice.suggest(
      facts({
        strategy: s,
        kpis: [kpi({ baseline: 480, target: 120, current: 450, progress: 30 / 360, forecast: 300 })],
        previousKpis: [{ id: 'ig-followers', status: 'behind' }],
      }),
    );
    expect(out.map((o) => o.change)).toEqual([{ op: 'set-kpi-target', kpi: 'ig-followers', from: 120, to: 300 }]);
  });
});

describe('channel-under-cadence', () => {
  const row = (channel: string, plannedPerWeek: number | null, posts: number, postsPerWeek: number): ChannelRow => ({
    channel,
    platform: 'instagram',
    plannedPerWeek,
    posts,
    postsPerWeek,
  });

  it('lowers the cadence to what was achieved when under half the plan', () => {
    const channels = [row('instagram', 4, 13, 1), row('linkedin', 2, 13, 1), row('newsletter', null, 0, 0)];
    const out = channelUnderCadence.suggest(facts({ channels }));
    expect(out.map((o) => o.change)).toEqual([{ op: 'set-channel-cadence', channel: 'instagram', from: 4, to: 1 }]);
    expect(out[0]!.rationale).toContain('13 posts in the period, 1 a week against 4 planned');
  });

  it('judges nothing when the strategy published nothing at all, or over less than a week of its period', () => {
    expect(channelUnderCadence.suggest(facts({ channels: [row('instagram', 4, 0, 0)], publishedPosts: 0 }))).toEqual([]);
    expect(channelUnderCadence.suggest(facts({ channels: [row('instagram', 4, 0, 0)], periodDays: 6 }))).toEqual([]);
    expect(channelUnderCadence.suggest(facts({ channels: [row('instagram', 4, 0, 0)], periodDays: 7 }))).toHaveLength(1);
  });
});

describe('kpi-achieved-early', () => {
  it('raises the target to the forecast when achieved with under 75% of the window gone', () => {
    const row = kpi({ status: 'achieved', current: 2600, progress: 1800 / 1700, expected: 0.5, forecast: 4100.2 });
    expect(kpiAchievedEarly.suggest(facts({ kpis: [row] })).map((o) => o.change)).toEqual([
      { op: 'set-kpi-target', kpi: 'ig-followers', from: 2500, to: 4100 },
    ]);
  });

  it('proposes nothing late in the window, or when the trend goes no further', () => {
    const late = kpi({ status: 'achieved', current: 2600, expected: 0.8, forecast: 4100 });
    const flat = kpi({ status: 'achieved', current: 2600, expected: 0.5, forecast: 2550 });
    expect(kpiAchievedEarly.suggest(facts({ kpis: [late, flat] }))).toEqual([]);
  });
});

describe('the rule list', () => {
  it('has one definition per rule id, each in the README’s table of review rules', () => {
    expect(SUGGESTION_RULE_DEFS.map((r) => r.id).sort()).toEqual([...SUGGESTION_RULES].sort());
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    for (const id of SUGGESTION_RULES) expect(readme, id).toContain(`| \`${id}\` |`);
  });
});
