/**
 * The measurement log against real Postgres: events are append-only, the rollups are kept by the
 * trigger incrementally (each batch adds to what is there) and agree with the raw events, and a
 * workspace's deletion still takes its events with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { seedWorkspace, type Fixture } from '../../test/worker-fixtures.ts';
import { type MetricEvent, readRollupSeries, readRollupTotals, recordEvents } from './events.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const click = (f: Fixture, at: string, extra: Partial<MetricEvent> = {}): MetricEvent => ({
  workspaceId: f.workspaceId,
  occurredAt: new Date(at),
  metric: 'link_clicks',
  value: 1,
  source: 'link',
  strategyId: f.strategyId,
  ...extra,
});

describe('metric events and rollups', () => {
  it('sums each batch into hourly and daily rollups, adding to what is there', async () => {
    const f = await seedWorkspace(db.pool);
    await recordEvents(db.pool, [
      click(f, '2026-03-01T09:10:00Z', { channelId: 'bsky' }),
      click(f, '2026-03-01T09:50:00Z', { channelId: 'bsky' }),
      click(f, '2026-03-01T23:59:59Z', { channelId: 'masto', campaignId: null }),
    ]);
    // A second batch lands in the same buckets: added, not replaced.
    await recordEvents(db.pool, [click(f, '2026-03-01T09:30:00Z', { channelId: 'bsky' }), click(f, '2026-03-02T00:00:00Z')]);

    const range = { workspaceId: f.workspaceId, metric: 'link_clicks' as const, from: new Date('2026-03-01'), to: new Date('2026-03-03') };
    expect(await readRollupSeries(db.pool, { ...range, grain: 'day' })).toEqual([
      { bucket: new Date('2026-03-01T00:00:00Z'), value: 4 },
      { bucket: new Date('2026-03-02T00:00:00Z'), value: 1 },
    ]);
    expect(await readRollupSeries(db.pool, { ...range, grain: 'hour', channelId: 'bsky' })).toEqual([
      { bucket: new Date('2026-03-01T09:00:00Z'), value: 3 },
    ]);
    expect(Object.fromEntries(await readRollupTotals(db.pool, { ...range, grain: 'day' }, 'channel_id'))).toEqual({
      bsky: 3,
      masto: 1,
      '': 1,
    });

    // The rollups agree with the raw events, bucket by bucket.
    const { rows } = await db.pool.query<{ raw: number; rolled: number }>(
      `SELECT (SELECT sum(value) FROM metric_events WHERE workspace_id = $1) AS raw,
              (SELECT sum(value) FROM metric_rollups WHERE workspace_id = $1 AND grain = 'hour') AS rolled`,
      [f.workspaceId],
    );
    expect(rows[0]).toEqual({ raw: 5, rolled: 5 });
  });

  it('keeps concurrent batches on the same buckets exact', async () => {
    const f = await seedWorkspace(db.pool);
    const batch = Array.from({ length: 50 }, (_, i) => click(f, `2026-04-01T10:${String(i).padStart(2, '0')}:00Z`, { channelId: 'bsky' }));
    await Promise.all(Array.from({ length: 8 }, () => recordEvents(db.pool, batch)));
    const totals = await readRollupTotals(db.pool, {
      workspaceId: f.workspaceId,
      metric: 'link_clicks',
      grain: 'hour',
      from: new Date('2026-04-01'),
      to: new Date('2026-04-02'),
    });
    expect(totals.get('')).toBe(400);
  });

  it('refuses to change or delete an event, and refuses a non-finite value', async () => {
    const f = await seedWorkspace(db.pool);
    await recordEvents(db.pool, [click(f, '2026-05-01T10:00:00Z')]);
    await expect(db.pool.query('UPDATE metric_events SET value = 100 WHERE workspace_id = $1', [f.workspaceId])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query('DELETE FROM metric_events WHERE workspace_id = $1', [f.workspaceId])).rejects.toThrow(/append-only/);
    await expect(recordEvents(db.pool, [click(f, '2026-05-01T10:00:00Z', { value: Number.POSITIVE_INFINITY })])).rejects.toThrow(
      /check constraint/,
    );
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_events WHERE workspace_id = $1', [
      f.workspaceId,
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  it('goes with its workspace', async () => {
    const f = await seedWorkspace(db.pool);
    await recordEvents(db.pool, [click(f, '2026-05-01T10:00:00Z')]);
    await db.pool.query('DELETE FROM strategies WHERE workspace_id = $1', [f.workspaceId]);
    await db.pool.query('DELETE FROM workspaces WHERE id = $1', [f.workspaceId]);
    const { rows } = await db.pool.query<{ events: number; rollups: number }>(
      `SELECT (SELECT count(*)::int FROM metric_events WHERE workspace_id = $1) AS events,
              (SELECT count(*)::int FROM metric_rollups WHERE workspace_id = $1) AS rollups`,
      [f.workspaceId],
    );
    expect(rows[0]).toEqual({ events: 0, rollups: 0 });
  });
});
