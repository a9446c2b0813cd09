/** loadKpiValues against real Postgres: rollups, follower snapshots and entered values become KPI values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { insertMentions, insertQuery } from '../../test/listening-analysis-fixtures.ts';
import { seedWorkspace } from '../../test/worker-fixtures.ts';
import { kpiProgressReport } from '../plan/kpi-progress.ts';
import type { Strategy } from '../plan/schema.ts';
import { recordEvents } from './events.ts';
import { loadKpiValues } from './kpi-values.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const strategy = (id: string): Strategy =>
  ({
    id,
    period: { start: '2027-01-01', end: '2027-12-31' },
    channels: [{ id: 'bsky', platform: 'bluesky' }],
    objectives: [
      {
        id: 'o',
        area: 'brand',
        statement: 's',
        strategies: [],
        kpis: [
          {
            id: 'clicks',
            metric: 'Clicks',
            kind: 'traffic',
            source: { metric: 'link_clicks' },
            baseline: 0,
            target: 100,
            due: '2027-12-31',
          },
          {
            id: 'fans',
            metric: 'Followers',
            kind: 'reach',
            source: { metric: 'followers' },
            baseline: 100,
            target: 200,
            due: '2027-12-31',
          },
          { id: 'nps', metric: 'NPS', kind: 'brand', source: { metric: 'manual' }, baseline: 10, target: 30, due: '2027-12-31' },
        ],
      },
    ],
  }) as unknown as Strategy;

describe('loadKpiValues', () => {
  it('reads rollups, follower snapshots and entered values; another strategy’s numbers stay out', async () => {
    const f = await seedWorkspace(db.pool);
    await db.pool.query(
      `INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document)
       VALUES ($1, 'other', 'Other', 'Org', '2027-01-01', '2027-12-31', '{}')`,
      [f.workspaceId],
    );
    const s = strategy(f.strategyId);
    const click = (at: string, strategyId = f.strategyId) => ({
      workspaceId: f.workspaceId,
      occurredAt: new Date(at),
      metric: 'link_clicks' as const,
      value: 1,
      source: 'link' as const,
      strategyId,
      channelId: 'bsky',
    });
    await recordEvents(db.pool, [click('2027-01-02T10:00:00Z'), click('2027-01-03T23:30:00Z'), click('2027-01-03T12:00:00Z', 'other')]);
    await db.pool.query(
      `INSERT INTO follower_snapshots (workspace_id, strategy_id, channel_id, day, followers)
       VALUES ($1, $2, 'bsky', '2027-01-01', 120), ($1, $2, 'bsky', '2027-01-04', 150), ($1, 'other', 'bsky', '2027-01-04', 9999)`,
      [f.workspaceId, f.strategyId],
    );
    await db.pool.query(
      `INSERT INTO kpi_values (workspace_id, strategy_id, kpi_id, day, value, source)
       VALUES ($1, $2, 'nps', '2027-01-03', 20, 'manual'), ($1, $2, 'nps', '2027-01-09', 25, 'manual')`,
      [f.workspaceId, f.strategyId],
    );

    const values = await loadKpiValues(db.pool, f.workspaceId, s, '2027-01-04');
    expect(values.get('clicks')).toEqual([
      { date: '2027-01-01', value: 0 },
      { date: '2027-01-04', value: 2 },
    ]);
    expect(values.get('fans')).toEqual([
      { date: '2027-01-01', value: 120 },
      { date: '2027-01-04', value: 150 },
    ]);
    // Entered after the as-of date: not yet known.
    expect(values.get('nps')).toEqual([{ date: '2027-01-03', value: 20 }]);

    const report = kpiProgressReport(s, values, '2027-01-04');
    expect(report.kpis.map((k) => [k.id, k.current, k.progress])).toEqual([
      ['clicks', 2, 0.02],
      ['fans', 150, 0.5],
      ['nps', 20, 0.5],
    ]);
  });

  it('sums away only the channels and campaigns no KPI counts by: each KPI still sees its own', async () => {
    const f = await seedWorkspace(db.pool);
    const kpi = (id: string, source: Record<string, string>) => ({
      id,
      metric: id,
      kind: 'traffic',
      source,
      baseline: 0,
      target: 100,
      due: '2027-12-31',
    });
    const s = {
      ...strategy(f.strategyId),
      channels: [
        { id: 'bsky', platform: 'bluesky' },
        { id: 'masto', platform: 'mastodon' },
      ],
      objectives: [
        {
          id: 'o',
          area: 'traffic',
          statement: 's',
          strategies: [],
          kpis: [
            kpi('all-clicks', { metric: 'link_clicks' }),
            kpi('bsky-clicks', { metric: 'link_clicks', channel: 'bsky' }),
            kpi('launch-clicks', { metric: 'link_clicks', campaign: 'launch' }),
            kpi('visitors', { metric: 'unique_visitors' }),
          ],
        },
      ],
    } as unknown as Strategy;
    const event = (metric: 'link_clicks' | 'unique_visitors', channelId: string, campaignId: string | null, value: number) => ({
      workspaceId: f.workspaceId,
      occurredAt: new Date('2027-01-02T10:00:00Z'),
      metric,
      value,
      source: 'link' as const,
      strategyId: f.strategyId,
      campaignId,
      channelId,
    });
    await recordEvents(db.pool, [
      event('link_clicks', 'bsky', null, 1),
      event('link_clicks', 'bsky', 'launch', 2),
      event('link_clicks', 'masto', 'launch', 4),
      event('link_clicks', 'masto', null, 8),
      event('unique_visitors', 'bsky', 'launch', 16),
      event('unique_visitors', 'masto', null, 32),
    ]);
    const values = await loadKpiValues(db.pool, f.workspaceId, s, '2027-01-04');
    const on = (id: string) => values.get(id)?.find((v) => v.date === '2027-01-04')?.value;
    expect([on('all-clicks'), on('bsky-clicks'), on('launch-clicks'), on('visitors')]).toEqual([15, 3, 6, 48]);
  });

  it('counts the strategy’s listening hits: mentions and net sentiment of its brand queries, share of voice against its competitors', async () => {
    const f = await seedWorkspace(db.pool);
    await db.pool.query(
      `INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document)
       VALUES ($1, 'other', 'Other', 'Org', '2027-01-01', '2027-12-31', '{}')`,
      [f.workspaceId],
    );
    const kpi = (id: string, metric: string) => ({
      id,
      metric: id,
      kind: 'brand',
      source: { metric },
      baseline: 0,
      target: 1,
      due: '2027-12-31',
    });
    const s = {
      ...strategy(f.strategyId),
      objectives: [
        {
          id: 'o',
          area: 'brand',
          statement: 's',
          strategies: [],
          kpis: [kpi('m', 'mentions'), kpi('sov', 'share_of_voice'), kpi('net', 'net_sentiment')],
        },
      ],
    } as unknown as Strategy;
    const ws = f.workspaceId;
    const brand = await insertQuery(db.pool, ws, { name: 'Brand', role: 'brand', topic: 'coffee', strategyId: f.strategyId });
    const rival = await insertQuery(db.pool, ws, { name: 'Rival', role: 'competitor', topic: 'coffee', strategyId: f.strategyId });
    const topic = await insertQuery(db.pool, ws, { name: 'Topic', strategyId: f.strategyId });
    const elsewhere = await insertQuery(db.pool, ws, { name: 'Elsewhere', role: 'brand', strategyId: 'other' });
    const unbound = await insertQuery(db.pool, ws, { name: 'Unbound', role: 'brand' });
    await insertMentions(db.pool, ws, [
      { at: '2026-12-20T10:00:00Z', queries: [brand], sentiment: 'negative' },
      { at: '2027-01-02T10:00:00Z', queries: [brand], sentiment: 'positive' },
      // Matched by two of the strategy's queries: counted once.
      { at: '2027-01-05T10:00:00Z', queries: [brand, topic], sentiment: 'negative' },
      { at: '2027-01-10T10:00:00Z', queries: [brand], sentiment: 'positive' },
      { at: '2027-01-10T11:00:00Z', queries: [rival], sentiment: 'neutral' },
      { at: '2027-01-12T10:00:00Z', queries: [rival], sentiment: 'positive' },
      // Naming both: on both sides.
      { at: '2027-01-12T11:00:00Z', queries: [brand, rival], sentiment: 'neutral' },
      // With a brand query, topic queries do not count; nor do other strategies' or unbound queries.
      { at: '2027-01-13T10:00:00Z', queries: [topic], sentiment: 'positive' },
      { at: '2027-01-14T10:00:00Z', queries: [elsewhere, unbound], sentiment: 'positive' },
      // After the as-of date.
      { at: '2027-01-21T00:00:00Z', queries: [brand], sentiment: 'positive' },
    ]);
    const values = await loadKpiValues(db.pool, ws, s, '2027-01-20');
    const on = (id: string) => values.get(id)!.map((v) => [v.date, v.value]);
    expect(on('m')).toEqual([
      ['2027-01-01', 1],
      ['2027-01-08', 3],
      ['2027-01-15', 5],
      // The December mention has left the 30-day window.
      ['2027-01-20', 4],
    ]);
    expect(on('sov')).toEqual([
      ['2027-01-01', 1],
      ['2027-01-08', 1],
      ['2027-01-15', 5 / 8],
      ['2027-01-20', 4 / 7],
    ]);
    expect(on('net')).toEqual([
      ['2027-01-01', -1],
      ['2027-01-08', -1 / 3],
      ['2027-01-15', 0],
      ['2027-01-20', 1 / 3],
    ]);

    // Without brand queries, the strategy's topic queries are its own side.
    await db.pool.query("UPDATE listening_queries SET role = 'topic' WHERE id = $1", [brand]);
    const topicOnly = await loadKpiValues(db.pool, ws, s, '2027-01-20');
    expect(topicOnly.get('m')!.at(-1)).toEqual({ date: '2027-01-20', value: 5 });
  });
});
