import { describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { diffDocuments, diffPlans, formatDiffLine, formatDiffText, mergeOrder, type PlanChange } from './diff.ts';

const lines = (changes: readonly PlanChange[]) => changes.map(formatDiffLine);

describe('diffDocuments on strategies', () => {
  it('finds nothing between equal documents', () => {
    expect(diffDocuments(cleanStrategy(), cleanStrategy())).toEqual([]);
    expect(formatDiffText([])).toBe('no differences\n');
  });

  it('reports a changed KPI field with its old and new value', () => {
    const b = cleanStrategy();
    b.objectives[0]!.kpis[0]!.target = 3000;
    expect(diffDocuments(cleanStrategy(), b)).toEqual([
      { op: 'changed', entity: 'kpi', id: 'ig-followers', field: 'target', old: 2500, new: 3000 },
    ]);
    expect(lines(diffDocuments(cleanStrategy(), b))).toEqual(['~ kpi ig-followers.target: 2500 → 3000']);
  });

  it('reports added and removed entities by id, and document fields, in plan order', () => {
    const a = cleanStrategy();
    const b = cleanStrategy({ name: 'Acme 2027, revised' });
    b.channels.splice(1, 1); // linkedin removed
    b.channels.push({ id: 'bluesky', platform: 'bluesky', cadence: { postsPerWeek: 3 } });
    b.objectives.splice(1, 1); // wholesale-leads (and its KPI) removed
    b.pillars[0]!.share = 0.4;
    b.pillars[1]!.share = 0.45;
    b.resources.people.push({ id: 'cy', name: 'Cy', hoursPerWeek: 1 });
    expect(lines(diffDocuments(a, b))).toEqual([
      '~ strategy acme-2027.name: "Acme Bakery social media strategy 2027" → "Acme 2027, revised"',
      '- channel linkedin',
      '+ channel bluesky',
      '~ pillar how-to.share: 0.5 → 0.4',
      '~ pillar behind-the-scenes.share: 0.35 → 0.45',
      '- objective wholesale-leads',
      '- kpi wholesale-leads',
      '+ person cy',
    ]);
    const added = diffDocuments(a, b).find((c) => c.op === 'added' && c.entity === 'channel');
    expect(added).toEqual({
      op: 'added',
      entity: 'channel',
      id: 'bluesky',
      field: '',
      old: null,
      new: { id: 'bluesky', platform: 'bluesky', cadence: { postsPerWeek: 3 } },
    });
  });

  it('places a removed entity after the one it followed', () => {
    expect(mergeOrder(['a', 'b', 'c'], ['a', 'c', 'd'], (x) => x)).toEqual([
      { key: 'a', a: 'a', b: 'a' },
      { key: 'b', a: 'b' },
      { key: 'c', a: 'c', b: 'c' },
      { key: 'd', b: 'd' },
    ]);
    expect(mergeOrder(['x', 'a'], ['a'], (x) => x).map((e) => e.key)).toEqual(['x', 'a']);
  });

  it('reports nested fields by path, an appearing object field by field, and value lists as a whole', () => {
    const b = cleanStrategy();
    b.channels[0]!.cadence = { postsPerWeek: 5 };
    delete b.channels[1]!.cadence;
    b.channels[2]!.baseline = { followers: 1200, engagementRate: 0.02 };
    b.audience.personas[0]!.channels = ['instagram'];
    b.objectives[0]!.strategies[0]!.tactics[0]!.statement = 'Two reels a week';
    b.resources.tools = ['Buffer', 'Canva'];
    b.settings.minutesPerPost = 45;
    expect(lines(diffDocuments(cleanStrategy(), b))).toEqual([
      '~ persona home-baker.channels: ["instagram","newsletter"] → ["instagram"]',
      '~ channel instagram.cadence.postsPerWeek: 4 → 5',
      '~ channel linkedin.cadence.postsPerWeek: 2 → (none)',
      '~ channel newsletter.baseline.engagementRate: (none) → 0.02',
      '~ objective grow-awareness.strategies[0].tactics[0].statement: "Weekly sourdough troubleshooting reel" → "Two reels a week"',
      '~ strategy acme-2027.resources.tools: ["Buffer"] → ["Buffer","Canva"]',
      '~ strategy acme-2027.settings.minutesPerPost: 30 → 45',
    ]);
  });

  it('reports a KPI moved to another objective as a change of its objective', () => {
    const b = cleanStrategy();
    const kpi = b.objectives[1]!.kpis.pop()!;
    b.objectives[0]!.kpis.push({ ...kpi, target: 25 });
    expect(diffDocuments(cleanStrategy(), b)).toEqual([
      { op: 'changed', entity: 'kpi', id: 'wholesale-leads', field: 'objective', old: 'wholesale-leads', new: 'grow-awareness' },
      { op: 'changed', entity: 'kpi', id: 'wholesale-leads', field: 'target', old: 20, new: 25 },
    ]);
  });

  it('lists an added objective without its KPIs, then each KPI', () => {
    const b = cleanStrategy();
    b.objectives.unshift({
      id: 'o-pr',
      area: 'pr',
      statement: 'Be quoted',
      strategies: [],
      kpis: [{ id: 'k-mentions', metric: 'Press mentions', kind: 'brand' }],
    });
    expect(diffDocuments(cleanStrategy(), b)).toEqual([
      {
        op: 'added',
        entity: 'objective',
        id: 'o-pr',
        field: '',
        old: null,
        new: { id: 'o-pr', area: 'pr', statement: 'Be quoted', strategies: [] },
      },
      {
        op: 'added',
        entity: 'kpi',
        id: 'k-mentions',
        field: '',
        old: null,
        new: { id: 'k-mentions', metric: 'Press mentions', kind: 'brand' },
      },
    ]);
  });

  it('reports a different document id as a field change', () => {
    expect(lines(diffDocuments(cleanStrategy(), cleanStrategy({ id: 'acme-2028' })))).toEqual([
      '~ strategy acme-2028.id: "acme-2027" → "acme-2028"',
    ]);
  });
});

describe('diffDocuments on campaigns', () => {
  it('matches phases by name and compares their tasks item by item', () => {
    const b = cleanCampaign({ end: '2027-09-15' });
    b.phases[1]!.tasks[0]!.owner = 'ana';
    b.phases[0]!.name = 'Warm-up';
    expect(lines(diffDocuments(cleanCampaign(), b))).toEqual([
      '~ campaign summer-launch.end: "2027-08-31" → "2027-09-15"',
      '- phase Teaser',
      '+ phase Warm-up',
      '~ phase Launch.tasks[0].owner: "ben" → "ana"',
    ]);
  });
});

describe('diffPlans', () => {
  it('matches documents by kind and id; one only on one side is added or removed', () => {
    const b2 = cleanStrategy();
    b2.pillars[2]!.promotional = false;
    expect(lines(diffPlans([cleanStrategy(), cleanCampaign()], [b2, cleanCampaign({ id: 'autumn' })]))).toEqual([
      '~ pillar offers.promotional: true → false',
      '- campaign summer-launch',
      '+ campaign autumn',
    ]);
  });
});
