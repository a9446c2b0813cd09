/**
 * The demo's generated year, without a database: deterministic, never after its clock, posts at the
 * planned cadence and pillar shares with valid content, snapshots that only grow and events that add
 * up to them, and the campaigns' story (the event loses money, the launch earns it).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateVariant } from '../content/limits.ts';
import { returnOnInvestment } from '../measure/formulas.ts';
import { loadPlanFiles } from '../plan-store/plan-files.ts';
import type { Campaign, Strategy } from '../plan/schema.ts';
import { generateHistory, HISTORY_DAYS, type DemoHistory, type HistoryInput } from './generate-history.ts';
import { demoMonthShift, shiftPlanDates } from './shift-plan.ts';

const NOW = new Date('2027-03-05T12:00:00Z');
let input: HistoryInput;
let history: DemoHistory;

beforeAll(async () => {
  const { documents } = await loadPlanFiles([fileURLToPath(new URL('../../examples/northwind', import.meta.url))]);
  const original = documents.map((d) => d.doc).find((d) => d.kind === 'strategy')!;
  const months = demoMonthShift(original.period.start, '2027-03-05');
  const docs = documents.map((d) => shiftPlanDates(d.doc, months));
  const strategy = docs.find((d): d is Strategy & { kind: 'strategy' } => d.kind === 'strategy')!;
  input = {
    workspaceId: '6f1c2b1e-0000-4000-8000-000000000001',
    strategy,
    campaigns: docs.filter((d): d is Campaign & { kind: 'campaign' } => d.kind === 'campaign'),
    connections: new Map(strategy.channels.map((c, i) => [c.id, `6f1c2b1e-0000-4000-8000-00000000010${i}`])),
    timezone: 'Europe/Berlin',
    postingTimes: ['09:00', '13:00', '17:00'],
    site: 'https://northwind.coffee',
    now: NOW,
  };
  history = generateHistory(input);
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('the demo history', () => {
  it('moves the plans so that the clock is in the strategy’s 11th month', () => {
    expect(input.strategy.period).toEqual({ start: '2026-05-01', end: '2027-04-30' });
    expect(input.campaigns.map((c) => [c.id, c.start, c.end])).toEqual([
      ['roastery-open-day', '2026-11-12', '2027-01-10'],
      ['winter-blend-launch', '2027-02-01', '2027-04-15'],
    ]);
  });

  it('is the same on every run, and nothing in it is after its clock', () => {
    // Compared as text: a deep comparison of ~20,000 events is slow.
    expect(JSON.stringify(generateHistory(input)) === JSON.stringify(history)).toBe(true);
    const times = [
      ...history.posts.map((p) => p.publishedAt),
      ...history.snapshots.map((s) => s.takenAt),
      ...history.followers.map((f) => f.takenAt),
      ...history.conversions.map((c) => c.occurredAt),
      ...history.events.map((e) => e.occurredAt),
    ];
    expect(times.every((t) => t.getTime() <= NOW.getTime())).toBe(true);
    expect(history.costs.every((c) => c.spentOn <= '2027-03-05') && history.kpiValues.every((v) => v.day < '2027-03-05')).toBe(true);
  });

  it('holds a reading of every channel on each of the 365 days', () => {
    const days = new Set(history.followers.map((f) => f.day));
    expect(days.size).toBe(HISTORY_DAYS);
    expect([...days].sort()[0]).toBe('2026-03-06');
    expect(history.followers).toHaveLength(HISTORY_DAYS * input.strategy.channels.length);
    // Each channel starts the strategy at its baseline and grows.
    for (const channel of input.strategy.channels) {
      const readings = history.followers.filter((f) => f.channelId === channel.id);
      expect(readings.find((f) => f.day === '2026-05-01')!.followers, channel.id).toBeGreaterThanOrEqual(channel.baseline!.followers!);
      expect(readings.at(-1)!.followers, channel.id).toBeGreaterThan(channel.baseline!.followers!);
    }
  });

  it('publishes at each channel’s cadence (LinkedIn behind its plan) and by the pillar shares, with valid content', () => {
    // Weeks of the strategy so far: 2026-05-01 … 2027-03-05.
    const weeks = 308 / 7;
    const inStrategy = history.posts.filter((p) => p.publishedAt >= new Date('2026-05-01T00:00:00Z'));
    const perWeek = (channel: string) => inStrategy.filter((p) => p.channelId === channel).length / weeks;
    expect(perWeek('instagram')).toBeGreaterThan(4 * 0.85);
    expect(perWeek('instagram')).toBeLessThan(4 * 1.15);
    expect(perWeek('bluesky')).toBeGreaterThan(5);
    expect(perWeek('linkedin')).toBeLessThan(2 * 0.85);
    expect(perWeek('newsletter')).toBeCloseTo(0.5, 1);

    const outside = history.posts.filter((p) => p.campaignId === null);
    for (const pillar of input.strategy.pillars) {
      const share = outside.filter((p) => p.pillarId === pillar.id).length / outside.length;
      expect(Math.abs(share - pillar.share), pillar.id).toBeLessThan(0.06);
    }
    // Campaign posts lean promotional: over the last 90 days the promotional share is above its limit.
    const recent = history.posts.filter((p) => p.publishedAt >= new Date('2026-12-05T00:00:00Z'));
    const promotional = recent.filter((p) => p.pillarId === 'new-releases').length / recent.length;
    expect(promotional).toBeGreaterThan(input.strategy.contentMix.maxPromotionalShare);

    for (const p of history.posts) {
      const channel = input.strategy.channels.find((c) => c.id === p.channelId)!;
      expect(validateVariant(channel.platform, p.content, channel.id), `${p.channelId}: ${p.content.text}`).toEqual([]);
    }
    expect(new Set(history.posts.map((p) => p.id)).size).toBe(history.posts.length);
  });

  it('keeps snapshots that only grow, and events that add up to the last one', () => {
    const byVariant = new Map<string, DemoHistory['snapshots']>();
    for (const s of history.snapshots) {
      const list = byVariant.get(s.variantId) ?? [];
      list.push(s);
      byVariant.set(s.variantId, list);
    }
    expect(byVariant.size).toBe(history.posts.length);
    const totals = new Map<string, number>();
    for (const e of history.events)
      if (e.variantId) totals.set(`${e.variantId}/${e.metric}`, (totals.get(`${e.variantId}/${e.metric}`) ?? 0) + e.value);
    for (const [variant, snapshots] of byVariant) {
      for (const [a, b] of snapshots.slice(1).map((s, i) => [snapshots[i]!, s] as const))
        for (const k of ['likes', 'reposts', 'replies', 'quotes', 'impressions'] as const) expect(b[k]).toBeGreaterThanOrEqual(a[k]);
      const last = snapshots.at(-1)!;
      for (const k of ['likes', 'reposts', 'replies', 'quotes', 'impressions'] as const)
        expect(totals.get(`${variant}/${k}`) ?? 0).toBe(last[k]);
      expect(totals.get(`${variant}/engagements`) ?? 0).toBe(last.likes + last.reposts + last.replies + last.quotes);
      expect(totals.get(`${variant}/posts_published`)).toBe(1);
    }
  });

  it('counts link clicks on tracked links only, with referrers, and never fewer clicks than visitors', () => {
    const links = new Set(history.links.map((l) => l.id));
    const linkEvents = history.events.filter((e) => e.metric === 'link_clicks' || e.metric === 'unique_visitors');
    expect(linkEvents.length).toBeGreaterThan(1000);
    expect(linkEvents.every((e) => e.linkId && links.has(e.linkId))).toBe(true);
    const clicks = sum(linkEvents.filter((e) => e.metric === 'link_clicks').map((e) => e.value));
    const visitors = sum(linkEvents.filter((e) => e.metric === 'unique_visitors').map((e) => e.value));
    expect(clicks).toBeGreaterThan(visitors);
    expect(sum(history.referrers.map((r) => r.clicks))).toBeLessThanOrEqual(clicks);
    expect(history.links.every((l) => l.targetUrl.includes('utm_medium=social'))).toBe(true);
  });

  it('has conversions whose events match them, a losing event and a paying launch', () => {
    const events = (metric: string) => sum(history.events.filter((e) => e.metric === metric).map((e) => e.value));
    expect(events('conversions')).toBe(history.conversions.length);
    expect(events('revenue')).toBe(sum(history.conversions.map((c) => c.value)));
    const roi = (campaign: string) =>
      returnOnInvestment({
        attributedRevenue: sum(history.conversions.filter((c) => c.campaignId === campaign).map((c) => c.value)),
        cost: sum(history.costs.filter((c) => c.campaignId === campaign).map((c) => c.amount)),
      })!;
    expect(roi('roastery-open-day')).toBeLessThan(0);
    expect(roi('winter-blend-launch')).toBeGreaterThan(0);
    // The event filled its tickets.
    expect(history.conversions.filter((c) => c.campaignId === 'roastery-open-day').length).toBeGreaterThan(400);
  });

  it('enters values for the KPIs nothing collects: monthly, or quarterly for the office leads', () => {
    const days = (kpi: string) => history.kpiValues.filter((v) => v.kpiId === kpi).map((v) => v.day);
    expect(days('office-leads')).toEqual(['2026-07-31', '2026-10-31', '2027-01-31']);
    // Measured from the demo's listening hits (./generate-listening.ts), not entered.
    expect(days('brand-mentions')).toEqual([]);
    expect(days('reply-time').at(-1)).toBe('2027-02-28');
    expect(days('total-followers')).toEqual([]);
  });

  it('stays in the tens of thousands of events', () => {
    expect(history.events.length).toBeGreaterThan(10_000);
    expect(history.events.length).toBeLessThan(60_000);
    expect(history.events.every((e) => e.source === 'demo' && e.strategyId === 'northwind-2027')).toBe(true);
  });
});
