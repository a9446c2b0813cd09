import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { shareOfVoice } from '../measure/formulas.ts';
import { loadPlanFiles } from '../plan-store/plan-files.ts';
import type { Strategy } from '../plan/schema.ts';
import { generateListening, type DemoListening } from './generate-listening.ts';
import { demoMonthShift, shiftPlanDates } from './shift-plan.ts';

const NOW = new Date('2027-03-05T14:30:00Z');
let strategy: Strategy;
let listening: DemoListening;

beforeAll(async () => {
  const { documents } = await loadPlanFiles([fileURLToPath(new URL('../../examples/northwind', import.meta.url))]);
  const original = documents.map((d) => d.doc).find((d) => d.kind === 'strategy')!;
  strategy = shiftPlanDates(original, demoMonthShift((original as Strategy).period.start, '2027-03-05')) as Strategy;
  listening = generateListening({ strategy, now: NOW, days: 365 });
});

const idOf = (name: string) => listening.queries.find((q) => q.name === name)!.id;
const within = (queryId: string, fromDaysAgo: number) =>
  listening.mentions.filter((m) => m.queryIds.includes(queryId) && m.postedAt.getTime() > NOW.getTime() - fromDaysAgo * 86_400_000);

describe('generateListening', () => {
  it('is the same on every run', () => {
    const again = generateListening({ strategy, now: NOW, days: 365 });
    expect(again.mentions.length).toBe(listening.mentions.length);
    expect(again.mentions.slice(0, 50)).toEqual(listening.mentions.slice(0, 50));
    expect(again.alerts).toEqual(listening.alerts);
  });

  it('has a brand, two competitors under one topic and a topic query; a year of mentions up to now, each id once', () => {
    expect(listening.queries.map((q) => [q.name, q.role, q.topic])).toEqual([
      ['Northwind', 'brand', 'Coffee roasters'],
      ['Acme Roasters', 'competitor', 'Coffee roasters'],
      ['Bean & Co', 'competitor', 'Coffee roasters'],
      ['Cold brew', 'topic', null],
    ]);
    const times = listening.mentions.map((m) => m.postedAt.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 365 * 86_400_000);
    expect(listening.mentions.length).toBeGreaterThan(4000);
    expect(new Set(listening.mentions.map((m) => `${m.network} ${m.externalId}`)).size).toBe(listening.mentions.length);
  });

  it('walks the brand-mentions KPI plan: about its planned 30-day count at the end, fewer at the start', () => {
    const kpi = strategy.objectives.flatMap((o) => o.kpis).find((k) => k.id === 'brand-mentions')!;
    const last30 = within(idOf('Northwind'), 30).length;
    expect(last30).toBeGreaterThan(kpi.baseline!);
    expect(last30).toBeLessThan(kpi.target!);
    const first30 = listening.mentions.filter(
      (m) => m.queryIds.includes(idOf('Northwind')) && m.postedAt.getTime() < NOW.getTime() - 335 * 86_400_000,
    );
    expect(first30.length).toBeLessThan(last30);
  });

  it('mixes sentiment and languages, leaving non-English mentions unscored', () => {
    const by = (key: (m: DemoListening['mentions'][number]) => string) => {
      const counts: Record<string, number> = {};
      for (const m of listening.mentions) counts[key(m)] = (counts[key(m)] ?? 0) + 1;
      return counts;
    };
    const sentiment = by((m) => m.sentiment);
    for (const s of ['positive', 'negative', 'neutral', 'unscored']) expect(sentiment[s]).toBeGreaterThan(100);
    const langs = by((m) => m.lang ?? 'none');
    for (const l of ['en', 'de', 'fr', 'es']) expect(langs[l]).toBeGreaterThan(50);
    expect(listening.mentions.filter((m) => m.lang !== 'en').every((m) => m.sentiment === 'unscored')).toBe(true);
    expect(listening.mentions.some((m) => m.langDetected)).toBe(true);
  });

  it('gives the brand a share of voice that grows over the year, and a couple of spike alerts on it', () => {
    const sov = (fromDaysAgo: number, toDaysAgo: number) => {
      const n = (name: string) =>
        listening.mentions.filter((m) => {
          const ago = (NOW.getTime() - m.postedAt.getTime()) / 86_400_000;
          return m.queryIds.includes(idOf(name)) && ago < fromDaysAgo && ago >= toDaysAgo;
        }).length;
      return shareOfVoice({ own: n('Northwind'), competitors: [n('Acme Roasters'), n('Bean & Co')] })!;
    };
    expect(sov(30, 0)).toBeGreaterThan(sov(365, 335));
    expect(listening.alerts.length).toBeGreaterThanOrEqual(2);
    expect(listening.alerts.length).toBeLessThanOrEqual(8);
    expect(new Set(listening.alerts.map((a) => a.queryId))).toEqual(new Set([idOf('Northwind')]));
  });
});
