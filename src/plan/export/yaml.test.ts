import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../load.ts';
import type { Campaign, Strategy } from '../schema.ts';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { exportPlanYaml } from './yaml.ts';

/** export → load → export; returns both texts and what was loaded. */
function roundTrip(strategy: Strategy, campaigns: Campaign[]) {
  const first = exportPlanYaml(strategy, campaigns);
  const loaded = loadPlanText(first);
  expect(loaded.findings).toEqual([]);
  const docs = loaded.documents.map((d) => d.doc);
  const s = docs.find((d): d is Strategy & { kind: 'strategy' } => d.kind === 'strategy')!;
  const cs = docs.filter((d): d is Campaign & { kind: 'campaign' } => d.kind === 'campaign');
  return { first, second: exportPlanYaml(s, cs), strategy: s, campaigns: cs };
}

/** Deep copy with every object's keys in reverse alphabetical order (what JSONB storage does to key order). */
function shuffleKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(shuffleKeys) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .reverse()
        .map((k) => [k, shuffleKeys((v as Record<string, unknown>)[k])]),
    ) as T;
  }
  return v;
}

const TRICKY = [
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'null',
  '~',
  'true',
  '0.2',
  '1e3',
  '0x1F',
  '.inf',
  '12:30',
  '2027-01-01',
  '007',
  '@handle',
  '#hashtag',
  '- dash',
  '? question',
  'a: b',
  'a #b',
  '[brackets]',
  '{braces}',
  '*star',
  '&anchor',
  '!tag',
  '%pct',
  '`tick`',
  '"double"',
  "'single'",
  "it's",
  'back\\slash',
  'tab\tinside',
  'pipe | bar',
  '> folded',
  '| literal',
  '---',
  '...',
  'Café ☕ 🚀 日本語',
  'مرحبا بالعالم',
  'zero\u200Bwidth',
  'nel\u0085char',
  'bell\u0007char',
  'two\nlines',
  'blank\n\nline',
  'trailing spaces   \nnext',
  '  indented\n    more',
  'crlf\r\nline',
  'a long sentence that goes on and on, well past the line width of one hundred characters, so that YAML wants to fold it somewhere',
  'averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword',
];

describe('exportPlanYaml', () => {
  it('writes a header, the strategy, then campaigns sorted by start then id', () => {
    const strategy = cleanStrategy();
    const campaigns = [
      cleanCampaign({ id: 'late', start: '2027-09-01', end: '2027-10-01' }),
      cleanCampaign({ id: 'b-same-day' }),
      cleanCampaign({ id: 'a-same-day' }),
    ];
    const text = exportPlanYaml(strategy, campaigns);
    expect(text.startsWith(`# Groundwork plan: ${strategy.name} (${strategy.id}): a strategy and 3 campaigns.\n`)).toBe(true);
    const ids = [...text.matchAll(/^---\nkind: (\w+)\nid: (\S+)$/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(ids).toEqual(['strategy:acme-2027', 'campaign:a-same-day', 'campaign:b-same-day', 'campaign:late']);
    expect(exportPlanYaml(strategy, [...campaigns].reverse())).toBe(text);
  });

  it('writes keys in schema order, whatever order the objects have', () => {
    const strategy = cleanStrategy();
    const campaign = cleanCampaign();
    const text = exportPlanYaml(shuffleKeys(strategy), [shuffleKeys(campaign)]);
    expect(text).toBe(exportPlanYaml(strategy, [campaign]));
    expect(text).toMatch(
      /^---\nkind: strategy\nid: acme-2027\nname: .*\norganisation: .*\nperiod:\n {2}start: 2027-01-01\n {2}end: 2027-12-31\n/m,
    );
  });

  it('writes dates as plain ISO scalars and quotes what other YAML readers would misread', () => {
    const text = exportPlanYaml(cleanStrategy({ organisation: 'yes', resources: { tools: ['on', 'No', '12:30', '0.2'] } }), [
      cleanCampaign(),
    ]);
    expect(text).toContain('\nstart: 2027-07-01\n');
    expect(text).toContain('\n        due: 2027-06-20\n');
    expect(text).toContain('\norganisation: "yes"\n');
    expect(text).toContain('\n    - "on"\n    - "No"\n    - "12:30"\n    - "0.2"\n');
  });

  it('writes a KPI source after the metric and round-trips it byte-identically', () => {
    const strategy = cleanStrategy();
    strategy.objectives[0]!.kpis[0]!.source = { metric: 'engagement_rate', channel: 'instagram', campaign: 'summer-launch' };
    const { first, second, strategy: s2 } = roundTrip(strategy, [cleanCampaign()]);
    expect(second).toBe(first);
    expect(s2).toEqual(strategy);
    expect(first).toContain(
      '\n      - id: ig-followers\n        metric: Instagram followers\n        source:\n          metric: engagement_rate\n          channel: instagram\n          campaign: summer-launch\n        channel: instagram\n',
    );
    expect(first).toContain('\n        source:\n          metric: manual\n');
  });

  it('writes a KPI without a source exactly as before sources existed', () => {
    const strategy = cleanStrategy();
    for (const o of strategy.objectives) for (const k of o.kpis) delete k.source;
    const text = exportPlanYaml(strategy, []);
    expect(text).not.toMatch(/^ *source:/m);
    expect(text).toContain(
      '\n    kpis:\n      - id: ig-followers\n        metric: Instagram followers\n        channel: instagram\n        baseline: 800\n        target: 2500\n        due: 2027-12-31\n        kind: reach\n',
    );
    expect(roundTrip(strategy, []).second).toBe(text);
  });

  it('writes a review cadence last and round-trips it; without one, nothing about reviews is written', () => {
    const plain = exportPlanYaml(cleanStrategy(), []);
    expect(plain).not.toMatch(/^review:/m);
    const { first, second, strategy } = roundTrip(cleanStrategy({ review: { cadence: 'monthly' } }), []);
    expect(second).toBe(first);
    expect(strategy.review).toEqual({ cadence: 'monthly' });
    expect(first).toBe(`${plain}review:\n  cadence: monthly\n`);
  });

  it('writes empty arrays and objects explicitly', () => {
    const text = exportPlanYaml(cleanStrategy({ pillars: [], channels: [], audience: { personas: [] } }), []);
    expect(text).toContain('\npillars: []\n');
    expect(text).toContain('\naudience:\n  personas: []\n');
    expect(text).toMatch(/a strategy and 0 campaigns\./);
  });

  it('round-trips byte-identically: tricky strings, multi-line text, unicode, numbers, empty arrays', () => {
    const strategy = cleanStrategy({
      name: 'Plan: "2027" | #1 — Café ☕',
      integration: { marketingPlan: 'yes', notes: 'line one\nline two\n\n  indented: yes\n- not a list\n# not a comment' },
      pillars: [
        { id: 'a', name: 'A', share: 0.2 },
        { id: 'b', name: 'B', share: 0.1 + 0.2 },
        { id: 'c', name: 'C', share: 1 / 3, promotional: true },
      ],
      resources: { people: [], tools: TRICKY, budget: { amount: 1e21, currency: 'EUR' } },
    });
    const campaigns = TRICKY.map((name, i) =>
      cleanCampaign({
        id: `c${i}`,
        name: name.slice(0, 200),
        expectedRevenue: i * 0.1,
        phases: [],
        response: { unit: name.slice(0, 100) },
      }),
    );
    const { first, second, strategy: s2, campaigns: cs2 } = roundTrip(strategy, campaigns);
    expect(second).toBe(first);
    expect(s2).toEqual(strategy);
    expect(cs2).toEqual(
      [...campaigns].sort((a, b) => (a.id < b.id ? -1 : 1)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    );
  });

  it('round-trips random text (property)', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      ...TRICKY,
      ' ',
      '  ',
      '\n',
      '\n\n',
      ':',
      '#',
      '-',
      '"',
      "'",
      '\\',
      '\t',
      'é',
      '😀',
      'x',
      'word',
      '0',
      '.',
      ',',
      '[',
      '{',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
    ];
    const text = (max: number) => {
      let s = '';
      const n = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)];
      s = s.trim().slice(0, max).trim();
      return s === '' ? 'x' : s;
    };
    for (let round = 0; round < 40; round++) {
      const strategy = cleanStrategy({
        name: text(200),
        organisation: text(200),
        integration: { notes: text(5000) },
        resources: { tools: Array.from({ length: 3 }, () => text(200)), people: [] },
      });
      const campaigns = Array.from({ length: 3 }, (_, i) =>
        cleanCampaign({
          id: `c${i}`,
          name: text(200),
          phases: [{ name: text(200), start: '2027-07-01', end: '2027-07-10', tasks: [{ title: text(500) }] }],
        }),
      );
      const { first, second, strategy: s2 } = roundTrip(strategy, campaigns);
      expect(second).toBe(first);
      expect(s2).toEqual(strategy);
    }
  });
});
