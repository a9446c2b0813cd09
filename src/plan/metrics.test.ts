import { describe, expect, it } from 'vitest';
import { loadPlanText } from './load.ts';
import { findMetric, isKnownMetric, kpiSourceChannel, MANUAL_METRIC, METRIC_SOURCE_IDS, METRIC_UNITS, METRICS } from './metrics.ts';
import { kpiSchema } from './schema.ts';

const REQUIRED = [
  'followers',
  'follower_growth',
  'posts_published',
  'impressions',
  'engagements',
  'engagement_rate',
  'reposts',
  'replies',
  'link_clicks',
  'ctr',
  'unique_visitors',
  'conversions',
  'revenue',
  'cost_per_acquisition',
  'mentions',
  'share_of_voice',
  'net_sentiment',
  'first_response_minutes',
  'response_rate',
];

describe('metric catalogue', () => {
  it('holds every metric the plan model promises, with unique snake_case ids', () => {
    const ids = METRICS.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(ids).not.toContain(MANUAL_METRIC);
    expect(METRIC_SOURCE_IDS).toEqual([...ids, MANUAL_METRIC]);
  });

  it('describes each metric with a label, a unit and a one-line definition', () => {
    for (const m of METRICS) {
      expect(METRIC_UNITS, m.id).toContain(m.unit);
      expect(m.label.length, m.id).toBeGreaterThan(2);
      expect(m.definition, m.id).toMatch(/^[^\n|]{10,160}\.$/);
    }
  });

  it('says which metrics are per channel and where lower is better', () => {
    expect(METRICS.filter((m) => m.needsChannel).map((m) => m.id)).toEqual(['engagement_rate', 'ctr']);
    expect(METRICS.filter((m) => !m.higherIsBetter).map((m) => m.id)).toEqual(['cost_per_acquisition', 'first_response_minutes']);
  });

  it('finds catalogue metrics; manual is known but has no catalogue entry', () => {
    expect(findMetric('ctr')?.label).toBe('Click-through rate');
    expect(findMetric(MANUAL_METRIC)).toBeUndefined();
    expect(isKnownMetric(MANUAL_METRIC)).toBe(true);
    expect(isKnownMetric('Followers')).toBe(false);
    expect(isKnownMetric('toString')).toBe(false);
  });

  it('measures on source.channel, else on the KPI’s channel', () => {
    expect(kpiSourceChannel({ channel: 'a', source: { channel: 'b' } })).toBe('b');
    expect(kpiSourceChannel({ channel: 'a', source: {} })).toBe('a');
    expect(kpiSourceChannel({ channel: 'a' })).toBe('a');
    expect(kpiSourceChannel({})).toBeUndefined();
  });
});

describe('KPI source in the schema', () => {
  const kpi = { id: 'k', metric: 'Mentions', kind: 'brand' } as const;

  it('is optional, and takes metric, channel and campaign', () => {
    expect(kpiSchema.parse(kpi).source).toBeUndefined();
    expect(kpiSchema.parse({ ...kpi, source: { metric: ' mentions ', channel: 'bluesky', campaign: 'launch' } }).source).toEqual({
      metric: 'mentions',
      channel: 'bluesky',
      campaign: 'launch',
    });
  });

  it('accepts any metric text (the rule names a wrong one) but refuses other fields and bad ids', () => {
    expect(kpiSchema.safeParse({ ...kpi, source: { metric: 'not in the catalogue' } }).success).toBe(true);
    expect(kpiSchema.safeParse({ ...kpi, source: {} }).success).toBe(false);
    expect(kpiSchema.safeParse({ ...kpi, source: { metric: '' } }).success).toBe(false);
    expect(kpiSchema.safeParse({ ...kpi, source: { metric: 'ctr', channel: 'two words' } }).success).toBe(false);
  });

  it('reports an unknown source field with its line', () => {
    const yaml =
      'kind: strategy\nid: s\nname: S\norganisation: O\nperiod: { start: 2027-01-01, end: 2027-12-31 }\nobjectives:\n  - id: o\n    area: brand\n    statement: Be known\n    kpis:\n      - id: k\n        metric: Mentions\n        kind: brand\n        source:\n          metric: mentions\n          network: bluesky\n';
    const { findings } = loadPlanText(yaml);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        path: '/objectives/0/kpis/0/source/network',
        line: 16,
        message: 'unknown field "network"',
      }),
    ]);
  });
});
