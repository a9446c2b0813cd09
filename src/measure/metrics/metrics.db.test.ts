/**
 * Network metrics collection against a real Postgres, real pg-boss and the sandbox network (its
 * audience is a deterministic formula of the post and its age, so every expected number is computed
 * with that formula at the test's fixed clock): scheduling at publish, snapshots and their differences
 * as events, retries that never lose a reading, daily follower snapshots.
 */
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { connectChannel, quiet, seedScheduled, seedWorkspace, type Fixture } from '../../../test/worker-fixtures.ts';
import { postgresSandboxReceiptStore } from '../../connections/sandbox-receipt-store.ts';
import {
  PermanentError,
  TransientError,
  type ConnectionContext,
  type Connector,
  type LookupContext,
  type OutgoingVariant,
  type PostMetrics,
  type PublishContext,
} from '../../connectors/connector.ts';
import { ConnectorRegistry } from '../../connectors/registry.ts';
import { sandboxFollowers, sandboxPostMetrics } from '../../connectors/sandbox/metrics.ts';
import { SandboxConnector } from '../../connectors/sandbox/sandbox.ts';
import { WebhookConnector } from '../../connectors/webhook/webhook.ts';
import { PgBossPublishQueue, startBoss } from '../../scheduler/jobs.ts';
import { PublishProcessor } from '../../scheduler/worker-publish.ts';
import { collectFollowers } from './collect-followers.ts';
import { collectPostMetrics } from './collect-post-metrics.ts';
import { queueFollowerReadings } from './queue-follower-readings.ts';
import { FOLLOWERS_QUEUE, POST_METRICS_QUEUE, postMetricsKey } from './queues.ts';
import { recordPublished } from './record-published.ts';
import { COLLECTION_STEPS } from './schedule.ts';
import { startMetricsCollection, type MetricsCollection } from './start-collection.ts';

const HOUR = 3_600_000;

/** The sandbox network, instrumented: counts metric reads, and fails or answers other numbers on demand. */
class Network implements Connector {
  readonly kind = 'sandbox' as const;
  readonly inner: SandboxConnector;
  readonly limits;
  /** The sandbox's clock: the collector is given the same one. */
  now = new Date();
  reads: string[][] = [];
  fail: Error | undefined;
  /** Numbers the network reports instead of the sandbox's own, by remote id. */
  override = new Map<string, PostMetrics>();
  constructor(inner: (now: () => Date) => SandboxConnector) {
    this.inner = inner(() => this.now);
    this.limits = this.inner.limits;
  }
  publish(v: OutgoingVariant, ctx: PublishContext) {
    return this.inner.publish(v, ctx);
  }
  lookup(key: string, ctx: LookupContext) {
    return this.inner.lookup(key, ctx);
  }
  delete(id: string) {
    return this.inner.delete(id);
  }
  verify(ctx: ConnectionContext) {
    return this.inner.verify(ctx);
  }
  async fetchMetrics(remoteIds: readonly string[], ctx: ConnectionContext) {
    this.reads.push([...remoteIds]);
    if (this.fail) throw this.fail;
    const read = await this.inner.fetchMetrics(remoteIds, ctx);
    for (const [id, m] of this.override) if (read.has(id)) read.set(id, m);
    return read;
  }
  async fetchFollowers(ctx: ConnectionContext) {
    if (this.fail) throw this.fail;
    return this.inner.fetchFollowers(ctx);
  }
}

let db: TestDatabase;
let boss: PgBoss;
let network: Network;
let registry: ConnectorRegistry;
let processor: PublishProcessor;
let metrics: MetricsCollection;
let f: Fixture;
let connectionId: string;
const warnings: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url);
  network = new Network((now) => new SandboxConnector(postgresSandboxReceiptStore(db.pool), { now }));
  registry = new ConnectorRegistry([network, new WebhookConnector()]);
  metrics = await startMetricsCollection({
    boss,
    pool: db.pool,
    registry,
    log: { info: () => {}, warn: (m: unknown) => warnings.push(String(m)) },
    now: () => network.now,
    pollingIntervalSeconds: 0.5,
  });
  processor = new PublishProcessor({
    pool: db.pool,
    registry,
    queue: new PgBossPublishQueue(boss),
    settings: { graceMs: 15 * 60_000, claimTimeoutMs: 60_000, maxAttempts: 3, retryBaseMs: 50, retryMaxMs: 500 },
    log: quiet,
    afterPublish: metrics.afterPublish,
  });
  f = await seedWorkspace(db.pool);
  connectionId = await connectChannel(db.pool, f, 'main');
});
afterAll(async () => {
  await boss?.stop({ graceful: false, close: true });
  await db?.drop();
});
beforeEach(() => {
  network.fail = undefined;
  network.override.clear();
  network.reads = [];
  network.now = new Date();
});

/** A post published now through the real publish path (claim → sandbox → record); its variant, remote id and time. */
async function published(text = 'Fresh bread'): Promise<{ variantId: string; postId: string; remoteId: string; publishedAt: Date }> {
  const [v] = await seedScheduled(db.pool, f, { count: 1, dueAt: () => Date.now() - 1000, text: () => text });
  const outcome = await processor.process({ variantId: v!.variantId, scheduleToken: v!.scheduleToken });
  expect(outcome.kind).toBe('published');
  const { rows } = await db.pool.query<{ remote_id: string; published_at: Date }>(
    'SELECT remote_id, published_at FROM post_variants WHERE id = $1',
    [v!.variantId],
  );
  return { variantId: v!.variantId, postId: v!.postId, remoteId: rows[0]!.remote_id, publishedAt: rows[0]!.published_at };
}

const events = async (variantId: string) =>
  (
    await db.pool.query<{ metric: string; value: number; occurred_at: Date; strategy_id: string; channel_id: string; post_id: string }>(
      'SELECT metric, value, occurred_at, strategy_id, channel_id, post_id FROM metric_events WHERE variant_id = $1 ORDER BY id',
      [variantId],
    )
  ).rows;

/** The sum of each metric's events for a variant. */
const sums = async (variantId: string) =>
  Object.fromEntries(
    (
      await db.pool.query<{ metric: string; total: number }>(
        'SELECT metric, sum(value) AS total FROM metric_events WHERE variant_id = $1 GROUP BY metric',
        [variantId],
      )
    ).rows.map((r) => [r.metric, Number(r.total)]),
  );

const snapshots = async (variantId: string) =>
  (
    await db.pool.query<PostMetrics & { id: string; taken_at: Date }>(
      'SELECT id, taken_at, likes, reposts, replies, quotes, impressions FROM post_metric_snapshots WHERE variant_id = $1 ORDER BY id',
      [variantId],
    )
  ).rows;

const collect = (variantIds: string[], at: Date) => {
  network.now = at;
  return collectPostMetrics({ pool: db.pool, registry }, variantIds, at);
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('when a variant is published', () => {
  it('counts posts_published once and queues collection at +1 h, 6 h, 24 h, 3 d, 7 d and 30 d — a second publish attempt adds nothing', async () => {
    const p = await published();
    expect(await events(p.variantId)).toEqual([
      {
        metric: 'posts_published',
        value: 1,
        occurred_at: p.publishedAt,
        strategy_id: f.strategyId,
        channel_id: 'main',
        post_id: p.postId,
      },
    ]);
    const due = [];
    for (const { step } of COLLECTION_STEPS) {
      const jobs = await boss.findJobs<{ variantId: string; step: string }>(POST_METRICS_QUEUE, { key: postMetricsKey(p.variantId, step) });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.data).toEqual({ variantId: p.variantId, step });
      due.push((jobs[0]!.startAfter.getTime() - p.publishedAt.getTime()) / HOUR);
    }
    expect(due).toEqual([1, 6, 24, 72, 168, 720]);

    // The job that published it, once more (a duplicate wake-up): nothing is claimed, nothing counted or queued.
    const { rows } = await db.pool.query<{ schedule_token: string }>('SELECT schedule_token FROM post_variants WHERE id = $1', [
      p.variantId,
    ]);
    expect((await processor.process({ variantId: p.variantId, scheduleToken: rows[0]!.schedule_token })).kind).toBe('skipped');
    // The same keys sent again: the queue (policy `short`) refuses keys it holds — measured, not assumed.
    await boss.insert(
      POST_METRICS_QUEUE,
      COLLECTION_STEPS.map(({ step }) => ({ data: { variantId: p.variantId, step }, singletonKey: postMetricsKey(p.variantId, step) })),
    );
    expect(await boss.findJobs(POST_METRICS_QUEUE, { data: { variantId: p.variantId } })).toHaveLength(6);
    expect((await events(p.variantId)).filter((e) => e.metric === 'posts_published')).toHaveLength(1);
  });

  it('a failure to measure never costs the publish: it is rolled back to its savepoint and logged', async () => {
    const [v] = await seedScheduled(db.pool, f, { count: 1, dueAt: () => Date.now() - 1000 });
    const broken = { insert: () => Promise.reject(new Error('queue unavailable')) } as unknown as PgBoss;
    const log: string[] = [];
    const failing = new PublishProcessor({
      pool: db.pool,
      registry,
      queue: new PgBossPublishQueue(boss),
      settings: { graceMs: 15 * 60_000, claimTimeoutMs: 60_000, maxAttempts: 3, retryBaseMs: 50, retryMaxMs: 500 },
      log: quiet,
      afterPublish: (tx, published) =>
        recordPublished(tx, { boss: broken, registry, log: { warn: (m: unknown) => log.push(String(m)) } }, published),
    });
    expect((await failing.process({ variantId: v!.variantId, scheduleToken: v!.scheduleToken })).kind).toBe('published');
    const { rows } = await db.pool.query<{ state: string }>('SELECT state FROM post_variants WHERE id = $1', [v!.variantId]);
    expect(rows[0]!.state).toBe('published');
    expect(await events(v!.variantId)).toEqual([]);
    expect(log).toEqual([expect.stringContaining('queue unavailable')]);
  });
});

describe('collecting a variant', () => {
  it('appends the reading and its differences as events; the same numbers again add no events; sums equal the latest reading', async () => {
    const p = await published();
    const at6h = new Date(p.publishedAt.getTime() + 6 * HOUR);
    const outcome = await collect([p.variantId], at6h);
    const expected6h = sandboxPostMetrics(p.remoteId, 6);
    expect(outcome.get(p.variantId)).toMatchObject({ kind: 'collected', snapshot: expected6h });
    expect(await snapshots(p.variantId)).toMatchObject([{ ...expected6h, taken_at: at6h }]);
    const engagements = expected6h.likes + expected6h.reposts + expected6h.replies + expected6h.quotes;
    expect(await sums(p.variantId)).toEqual({ posts_published: 1, ...expected6h, engagements });
    const tagged = (await events(p.variantId)).filter((e) => e.metric !== 'posts_published');
    expect(tagged.every((e) => e.occurred_at.getTime() === at6h.getTime() && e.post_id === p.postId && e.channel_id === 'main')).toBe(true);

    // The same job run again at the same moment: nothing stored twice.
    expect((await collect([p.variantId], at6h)).get(p.variantId)).toEqual({ kind: 'duplicate' });
    const afterRepeat = (await events(p.variantId)).length;

    // A month on, then a month and an hour: the audience has settled — a new reading, no new events.
    const month = new Date(p.publishedAt.getTime() + 720 * HOUR);
    await collect([p.variantId], month);
    const afterMonth = (await events(p.variantId)).length;
    expect(afterMonth).toBeGreaterThan(afterRepeat);
    expect((await collect([p.variantId], new Date(month.getTime() + HOUR))).get(p.variantId)).toMatchObject({
      kind: 'collected',
      events: 0,
    });
    expect((await events(p.variantId)).length).toBe(afterMonth);
    expect(await snapshots(p.variantId)).toHaveLength(3);
    const latest = sandboxPostMetrics(p.remoteId, 721);
    const total = latest.likes + latest.reposts + latest.replies + latest.quotes;
    expect(await sums(p.variantId)).toEqual({ posts_published: 1, ...latest, engagements: total });
  });

  it('counts that go down (an unlike) are negative differences; impressions no longer reported are not made up', async () => {
    const p = await published();
    const t = (h: number) => new Date(p.publishedAt.getTime() + h * HOUR);
    network.override.set(p.remoteId, { likes: 10, reposts: 2, replies: 1, quotes: 0, impressions: 400 });
    await collect([p.variantId], t(1));
    network.override.set(p.remoteId, { likes: 9, reposts: 2, replies: 3, quotes: 1, impressions: null });
    await collect([p.variantId], t(6));
    network.override.set(p.remoteId, { likes: 9, reposts: 2, replies: 3, quotes: 1, impressions: 500 });
    await collect([p.variantId], t(24));
    const later = (await events(p.variantId)).filter((e) => e.occurred_at.getTime() >= t(6).getTime());
    expect(later.map((e) => [e.metric, e.value])).toEqual([
      ['likes', -1],
      ['replies', 2],
      ['quotes', 1],
      ['engagements', 2],
      ['impressions', 100],
    ]);
    expect(await sums(p.variantId)).toEqual({
      posts_published: 1,
      likes: 9,
      reposts: 2,
      replies: 3,
      quotes: 1,
      engagements: 15,
      impressions: 500,
    });
  });

  it('reads all variants of one connection due together in one call; a post gone from the network and a deleted variant are skipped', async () => {
    const [a, b, c] = [await published('a'), await published('b'), await published('c')];
    await network.inner.delete(c.remoteId);
    await db.pool.query('DELETE FROM posts WHERE id = $1', [b.postId]);
    const outcome = await collect([a.variantId, b.variantId, c.variantId], new Date(a.publishedAt.getTime() + HOUR));
    expect(network.reads.map((ids) => [...ids].sort())).toEqual([[a.remoteId, c.remoteId].sort()]);
    expect(outcome.get(a.variantId)?.kind).toBe('collected');
    expect(outcome.get(b.variantId)).toEqual({ kind: 'skipped', why: 'variant deleted' });
    expect(outcome.get(c.variantId)).toEqual({ kind: 'skipped', why: 'the network no longer has the post' });
    expect(await snapshots(c.variantId)).toEqual([]);
  });
});

describe('collection jobs on pg-boss', () => {
  const jobState = async (id: string) => (await boss.findJobs(POST_METRICS_QUEUE, { id }))[0];

  it('a due job is collected by the worker and completed', async () => {
    const p = await published();
    network.now = new Date(p.publishedAt.getTime() + 2 * HOUR);
    const [id] = (await boss.insert(POST_METRICS_QUEUE, [{ data: { variantId: p.variantId, step: 'test-due' } }], { returnId: true }))!;
    await until('the job to complete', async () => ((await jobState(id!))?.state === 'completed' ? true : undefined));
    expect(await snapshots(p.variantId)).toMatchObject([sandboxPostMetrics(p.remoteId, 2)]);
  });

  it('a network error leaves the earlier snapshots as they were and the job waits for its retry; a permanent one ends it', async () => {
    const p = await published();
    await collect([p.variantId], new Date(p.publishedAt.getTime() + HOUR));
    const before = await snapshots(p.variantId);
    const eventsBefore = await events(p.variantId);
    expect(before).toHaveLength(1);

    network.fail = new TransientError('Sandbox: simulated outage (503).');
    network.now = new Date(p.publishedAt.getTime() + 6 * HOUR);
    const [id] = (await boss.insert(POST_METRICS_QUEUE, [{ data: { variantId: p.variantId, step: 'test-retry' } }], { returnId: true }))!;
    const retrying = await until('the job to wait for a retry', async () => {
      const j = await jobState(id!);
      return j?.state === 'retry' ? j : undefined;
    });
    // Backoff: the next try is a minute or so away, not now.
    expect(retrying.startAfter.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await snapshots(p.variantId)).toEqual(before);
    expect(await events(p.variantId)).toEqual(eventsBefore);
    expect(warnings.some((w) => w.includes('simulated outage'))).toBe(true);

    network.fail = new PermanentError('Sandbox account revoked.', { reason: 'auth' });
    const [gone] = (await boss.insert(POST_METRICS_QUEUE, [{ data: { variantId: p.variantId, step: 'test-permanent' } }], {
      returnId: true,
    }))!;
    const failed = await until('the job to fail', async () => {
      const j = await jobState(gone!);
      return j?.state === 'failed' ? j : undefined;
    });
    expect(failed.output).toEqual({ message: 'Sandbox account revoked.' });
    expect(await snapshots(p.variantId)).toEqual(before);
  });
});

describe('daily follower snapshots', () => {
  it('stores one reading per channel and UTC day: a later reading that day replaces it, an older one does not, the next day adds a row', async () => {
    const day = (iso: string) => new Date(iso);
    const read = (at: Date) => {
      network.now = at;
      return collectFollowers({ pool: db.pool, registry }, [connectionId], at);
    };
    const rows = async () =>
      (
        await db.pool.query<{ day: string; followers: number; taken_at: Date }>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, followers, taken_at FROM follower_snapshots
            WHERE workspace_id = $1 AND channel_id = 'main' ORDER BY day`,
          [f.workspaceId],
        )
      ).rows;

    expect((await read(day('2026-12-01T08:00:00Z'))).get(connectionId)).toEqual({
      kind: 'collected',
      followers: sandboxFollowers(connectionId, day('2026-12-01T08:00:00Z')),
    });
    await read(day('2026-12-01T20:00:00Z'));
    await read(day('2026-12-01T12:00:00Z')); // taken before the one stored: it loses
    await read(day('2026-12-02T20:00:00Z'));
    expect(await rows()).toEqual([
      { day: '2026-12-01', followers: sandboxFollowers(connectionId, day('2026-12-01T20:00:00Z')), taken_at: day('2026-12-01T20:00:00Z') },
      { day: '2026-12-02', followers: sandboxFollowers(connectionId, day('2026-12-02T20:00:00Z')), taken_at: day('2026-12-02T20:00:00Z') },
    ]);

    network.fail = new TransientError('down');
    expect((await read(day('2026-12-03T20:00:00Z'))).get(connectionId)).toEqual({ kind: 'retry', message: 'down' });
    expect(await rows()).toHaveLength(2);
  });

  it('queues one job per connected channel with followers, once a day; the worker stores the reading', async () => {
    const other = await seedWorkspace(db.pool);
    const hook = await connectChannel(db.pool, other, 'hook', 'webhook', { url: 'https://example.com/hook' }, { secret: 'x' });
    const revoked = await connectChannel(db.pool, other, 'revoked');
    await db.pool.query(`UPDATE channel_connections SET status = 'reconnect_needed' WHERE id = $1`, [revoked]);
    const today = new Date();
    const n = await queueFollowerReadings(db.pool, boss, registry, today);
    const keys = (await boss.findJobs<{ connectionId: string }>(FOLLOWERS_QUEUE)).map((j) => j.singletonKey);
    const key = `${connectionId}:${today.toISOString().slice(0, 10)}`;
    expect(keys).toContain(key);
    expect(keys.some((k) => k?.startsWith(hook) || k?.startsWith(revoked))).toBe(false);
    // The cron job retried the same day: nothing more.
    expect(await queueFollowerReadings(db.pool, boss, registry, today)).toBe(n);
    expect(await boss.findJobs(FOLLOWERS_QUEUE, { key })).toHaveLength(1);

    network.now = today;
    await until('the reading to be stored', async () => {
      const { rows } = await db.pool.query<{ followers: number }>(
        `SELECT followers FROM follower_snapshots WHERE workspace_id = $1 AND day = ($2::timestamptz AT TIME ZONE 'UTC')::date`,
        [f.workspaceId, today],
      );
      return rows[0];
    });
  });
});
