/**
 * The worker against a real Postgres and the sandbox network: exclusive claims, stale tokens,
 * reconciliation after a crash, transient and permanent errors, the grace period, post states.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { createPool, type Pool } from '../db/pool.ts';
import {
  PermanentError,
  TransientError,
  type ConnectionContext,
  type Connector,
  type LookupContext,
  type OutgoingVariant,
  type PublishContext,
} from '../connectors/connector.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { postgresSandboxReceiptStore } from '../connections/sandbox-receipt-store.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { verifySignature } from '../connectors/webhook/signature.ts';
import { WebhookConnector } from '../connectors/webhook/webhook.ts';
import { createOutbound } from '../outbound/client.ts';
import { PgBossPublishQueue, startBoss } from './jobs.ts';
import {
  connectChannel,
  seedScheduled,
  quiet,
  seedWorkspace,
  until,
  variantRow,
  type Fixture,
  type ScheduledVariant,
} from '../../test/worker-fixtures.ts';
import { PublishProcessor, type PublishSettings } from './worker-publish.ts';
import { PublishWorker, type WorkerSettings } from './worker.ts';

/** The sandbox, instrumented: records every call by variant, and fails on demand. */
class Probe implements Connector {
  readonly kind = 'sandbox' as const;
  readonly inner: SandboxConnector;
  readonly limits;
  publishes: { variantId: string; key: string; attempt: number }[] = [];
  lookups: string[] = [];
  fail: ((v: OutgoingVariant) => Error | undefined) | undefined;
  constructor(pool: Pool, latencyMs = 10) {
    this.inner = new SandboxConnector(postgresSandboxReceiptStore(pool), { latencyMs });
    this.limits = this.inner.limits;
  }
  publish(v: OutgoingVariant, ctx: PublishContext) {
    this.publishes.push({ variantId: v.id, key: ctx.idempotencyKey, attempt: v.attempt });
    const e = this.fail?.(v);
    if (e) return Promise.reject(e);
    return this.inner.publish(v, ctx);
  }
  lookup(key: string, ctx: LookupContext) {
    this.lookups.push(key);
    return this.inner.lookup(key, ctx);
  }
  delete(id: string) {
    return this.inner.delete(id);
  }
  verify(ctx: ConnectionContext) {
    return this.inner.verify(ctx);
  }
  sent(variantId: string) {
    return this.publishes.filter((p) => p.variantId === variantId).length;
  }
}

const settings: PublishSettings = { graceMs: 15 * 60_000, claimTimeoutMs: 2000, maxAttempts: 3, retryBaseMs: 50, retryMaxMs: 500 };
const workerSettings: WorkerSettings = { ...settings, concurrency: 16, pollIntervalMs: 200, sweepIntervalMs: 60_000 };

let db: TestDatabase;
let boss: PgBoss;
let queue: PgBossPublishQueue;
let probe: Probe;
let processor: PublishProcessor;
let f: Fixture;

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url);
  queue = new PgBossPublishQueue(boss);
  probe = new Probe(db.pool);
  processor = new PublishProcessor({ pool: db.pool, registry: new ConnectorRegistry([probe]), queue, settings, log: quiet });
  f = await seedWorkspace(db.pool);
  await connectChannel(db.pool, f, 'main');
  await connectChannel(db.pool, f, 'second');
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await db.drop();
});
beforeEach(() => {
  probe.fail = undefined;
});

const due =
  (offsetMs: number) =>
  async (n = 1, channels = ['main'], text?: (i: number) => string) =>
    seedScheduled(db.pool, f, { count: n, dueAt: () => Date.now() + offsetMs, channels, text });
const job = (v: ScheduledVariant) => ({ variantId: v.variantId, scheduleToken: v.scheduleToken });
const receipts = async (key: string) =>
  (await db.pool.query('SELECT id, repeats FROM sandbox_receipts WHERE idempotency_key = $1', [key])).rows;
const audit = async (postId: string) =>
  (
    await db.pool.query<{ action: string; reason: string | null; after: Record<string, unknown> }>(
      `SELECT action, reason, after FROM audit_log WHERE entity_type = 'post' AND entity_id = $1 ORDER BY id`,
      [postId],
    )
  ).rows;
const notifications = async (postId: string) =>
  (await db.pool.query('SELECT kind, user_id, message FROM notifications WHERE entity_id = $1', [postId])).rows;

async function withWorker<T>(fn: (w: PublishWorker) => Promise<T>, s: Partial<WorkerSettings> = {}): Promise<T> {
  // The test's webhook receiver is on 127.0.0.1: allowed, as OUTBOUND_ALLOW would.
  const registry = new ConnectorRegistry([probe, new WebhookConnector({ fetch: createOutbound({ allow: ['127.0.0.1'] }).fetch })]);
  const w = new PublishWorker({ boss, pool: db.pool, queue, registry, settings: { ...workerSettings, ...s }, log: quiet });
  w.start();
  try {
    return await fn(w);
  } finally {
    await w.stop();
  }
}

describe('claim', () => {
  it('is exclusive: two workers racing for the same variants send each exactly once', async () => {
    const other = createPool(db.url, 5);
    try {
      const rival = new PublishProcessor({ pool: other, registry: new ConnectorRegistry([probe]), queue, settings, log: quiet });
      const vs = await due(-100)(20);
      const results = await Promise.all(vs.flatMap((v) => [processor.process(job(v)), rival.process(job(v))]));
      expect(results.filter((r) => r.kind === 'published')).toHaveLength(20);
      expect(results.filter((r) => r.kind === 'skipped')).toHaveLength(20);
      for (const v of vs) {
        expect(probe.sent(v.variantId)).toBe(1);
        expect(await receipts(v.idempotencyKey)).toHaveLength(1);
        expect(await variantRow(db.pool, v.variantId)).toMatchObject({ state: 'published', attempts: 1, post_state: 'published' });
      }
    } finally {
      await other.end();
    }
  });

  it('sends the idempotency key of the variant and records the remote id, time and audit trail', async () => {
    const [v] = await due(-50)();
    expect(await processor.process(job(v!))).toMatchObject({ kind: 'published' });
    expect(probe.publishes.find((p) => p.variantId === v!.variantId)?.key).toBe(v!.idempotencyKey);
    const row = await variantRow(db.pool, v!.variantId);
    const [receipt] = await receipts(v!.idempotencyKey);
    expect(row.remote_id).toBe(`sandbox-${receipt.id}`);
    expect(row.published_at!.getTime()).toBeGreaterThanOrEqual(v!.dueAt.getTime());
    expect((await audit(v!.postId)).map((a) => a.action)).toEqual(['post.claim', 'post.variant_published', 'post.publish']);
  });

  it('sends nothing for a stale token (rescheduled), a post edited back to review, or a deleted post', async () => {
    const [rescheduled, edited, deleted, inconsistent] = await due(-50)(4);
    await db.pool.query(`UPDATE post_variants SET schedule_token = gen_random_uuid(), due_at = now() + interval '1 hour' WHERE id = $1`, [
      rescheduled!.variantId,
    ]);
    // As the post services do it: the post back in review, its variants pending with a new token.
    await db.pool.query(`UPDATE posts SET state = 'in_review' WHERE id = $1`, [edited!.postId]);
    await db.pool.query(`UPDATE post_variants SET state = 'pending', schedule_token = gen_random_uuid() WHERE id = $1`, [
      edited!.variantId,
    ]);
    await db.pool.query(`UPDATE posts SET deleted_at = now() WHERE id = $1`, [deleted!.postId]);
    // Even if a service forgot the variant: a post that is not scheduled is never published.
    await db.pool.query(`UPDATE posts SET state = 'in_review' WHERE id = $1`, [inconsistent!.postId]);
    for (const v of [rescheduled!, edited!, deleted!, inconsistent!]) {
      expect(await processor.process(job(v))).toMatchObject({ kind: 'skipped' });
      expect(probe.sent(v.variantId)).toBe(0);
    }
    expect((await variantRow(db.pool, rescheduled!.variantId)).state).toBe('scheduled');
  });

  it('never sends early: a job run before its time is deferred to it', async () => {
    const [v] = await due(60_000)();
    const outcome = await processor.process(job(v!));
    expect(outcome).toMatchObject({ kind: 'deferred', why: 'early' });
    expect(probe.sent(v!.variantId)).toBe(0);
  });
});

describe('reconciliation of a claim whose worker died', () => {
  const crashAfterClaim = async (v: ScheduledVariant) =>
    db.pool.query(`UPDATE post_variants SET state = 'publishing', attempts = 1, claimed_at = now() - interval '1 hour' WHERE id = $1`, [
      v.variantId,
    ]);

  it('finds the post on the network and records it, without sending again', async () => {
    const [v] = await due(-50)();
    await crashAfterClaim(v!);
    // The network did receive it before the worker died.
    const { rows } = await db.pool.query(`INSERT INTO sandbox_receipts (idempotency_key, payload) VALUES ($1, '{}') RETURNING id`, [
      v!.idempotencyKey,
    ]);
    expect(await processor.process(job(v!))).toMatchObject({ kind: 'published', reconciled: 'found' });
    expect(probe.sent(v!.variantId)).toBe(0);
    expect(probe.lookups).toContain(v!.idempotencyKey);
    expect(await variantRow(db.pool, v!.variantId)).toMatchObject({ state: 'published', remote_id: `sandbox-${rows[0].id}`, attempts: 2 });
    expect((await audit(v!.postId)).find((a) => a.action === 'post.variant_published')?.after.reconciled).toBe('found');
  });

  it('sends again, with the same idempotency key, when the network has nothing', async () => {
    const [v] = await due(-50)();
    await crashAfterClaim(v!);
    expect(await processor.process(job(v!))).toMatchObject({ kind: 'published', reconciled: 'resent' });
    expect(probe.publishes.filter((p) => p.variantId === v!.variantId).map((p) => p.key)).toEqual([v!.idempotencyKey]);
    expect(await receipts(v!.idempotencyKey)).toHaveLength(1);
  });

  it('leaves a live claim alone', async () => {
    const [v] = await due(-50)();
    await db.pool.query(`UPDATE post_variants SET state = 'publishing', attempts = 1, claimed_at = now() WHERE id = $1`, [v!.variantId]);
    expect(await processor.process(job(v!))).toMatchObject({ kind: 'skipped', why: 'being published by another worker' });
    expect(probe.lookups).not.toContain(v!.idempotencyKey);
  });

  it('the sweeper finds dead claims and jobless due variants, and the worker settles them', async () => {
    const [dead, jobless] = await due(-50)(2);
    await crashAfterClaim(dead!);
    await withWorker(async (w) => {
      await w.sweepNow();
      await until(
        async () =>
          (await variantRow(db.pool, dead!.variantId)).state === 'published' &&
          (await variantRow(db.pool, jobless!.variantId)).state === 'published',
      );
    });
    expect(probe.sent(dead!.variantId)).toBe(1);
    expect(probe.sent(jobless!.variantId)).toBe(1);
  });
});

describe('errors', () => {
  it('transient: back to scheduled with backoff and Retry-After honoured, then published on retry', async () => {
    const [v] = await due(-50)();
    probe.fail = (x) => (x.id === v!.variantId && x.attempt === 1 ? new TransientError('503 try later', { retryAfterMs: 400 }) : undefined);
    const t0 = Date.now();
    const outcome = await processor.process(job(v!));
    expect(outcome).toMatchObject({ kind: 'retry', message: '503 try later' });
    const waiting = await variantRow(db.pool, v!.variantId);
    expect(waiting).toMatchObject({ state: 'scheduled', transient_failures: 1, last_error: '503 try later', post_state: 'scheduled' });
    expect(waiting.retry_at!.getTime() - t0).toBeGreaterThanOrEqual(380);
    await withWorker(() => until(async () => (await variantRow(db.pool, v!.variantId)).state === 'published'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect(await variantRow(db.pool, v!.variantId)).toMatchObject({ attempts: 2, post_state: 'published' });
    // The second attempt asked the network first (the first one's outcome could have been unknown).
    expect(probe.lookups).toContain(v!.idempotencyKey);
    expect((await audit(v!.postId)).map((a) => a.action)).toEqual([
      'post.claim',
      'post.variant_retry',
      'post.retry',
      'post.claim',
      'post.variant_published',
      'post.publish',
    ]);
  });

  it('transient every time: fails after the attempt limit, with the last message', async () => {
    const [v] = await due(-50)();
    probe.fail = (x) => (x.id === v!.variantId ? new Error('socket hang up') : undefined);
    await withWorker(async (w) => {
      await w.sweepNow();
      await until(async () => (await variantRow(db.pool, v!.variantId)).state === 'failed');
    });
    expect(probe.sent(v!.variantId)).toBe(3);
    expect((await variantRow(db.pool, v!.variantId)).last_error).toBe('Gave up after 3 attempts: socket hang up');
  });

  it('permanent: failed with the network message, audited, the owner notified', async () => {
    const [v] = await due(-50)(1, ['main'], () => 'Buy now #sandbox-reject');
    expect(await processor.process(job(v!))).toMatchObject({ kind: 'failed' });
    const row = await variantRow(db.pool, v!.variantId);
    expect(row).toMatchObject({ state: 'failed', post_state: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/Sandbox rejected the post/);
    expect(probe.sent(v!.variantId)).toBe(1);
    expect((await audit(v!.postId)).map((a) => a.action)).toEqual(['post.claim', 'post.variant_failed', 'post.fail']);
    expect(await notifications(v!.postId)).toEqual([
      { kind: 'publish_failed', user_id: f.userId, message: `Publishing to main failed: ${row.last_error}` },
    ]);
  });

  it('a channel without a connected account fails the variant (and only it); the post is failed when all are done', async () => {
    const [main, unconnected] = await due(-50)(1, ['main', 'nowhere']);
    expect(await processor.process(job(unconnected!))).toMatchObject({
      kind: 'failed',
      message: 'No account is connected to channel "nowhere".',
    });
    expect((await variantRow(db.pool, unconnected!.variantId)).post_state).toBe('publishing');
    expect(await processor.process(job(main!))).toMatchObject({ kind: 'published' });
    expect((await variantRow(db.pool, main!.variantId)).post_state).toBe('failed');
  });

  it('PermanentError from a connector keeps its message', async () => {
    const [v] = await due(-50)();
    probe.fail = (x) => (x.id === v!.variantId ? new PermanentError('Token revoked by the user', { reason: 'auth' }) : undefined);
    expect(await processor.process(job(v!))).toEqual({ kind: 'failed', message: 'Token revoked by the user' });
  });
});

describe('grace period', () => {
  it('a post found 20 minutes late is marked missed (audited, owner notified), not published', async () => {
    const [v] = await due(-20 * 60_000)();
    await withWorker((w) => w.sweepNow());
    const row = await variantRow(db.pool, v!.variantId);
    expect(row).toMatchObject({ state: 'missed', post_state: 'failed' });
    expect(row.last_error).toMatch(/grace period/);
    expect(probe.sent(v!.variantId)).toBe(0);
    expect((await audit(v!.postId)).map((a) => a.action)).toEqual(['post.variant_missed', 'post.miss']);
    expect((await notifications(v!.postId))[0]).toMatchObject({ kind: 'publish_missed', user_id: f.userId });
  });

  it('a job that runs beyond the grace period marks the variant missed too', async () => {
    const [v] = await due(-16 * 60_000)();
    expect(await processor.process(job(v!))).toEqual({ kind: 'missed' });
    expect(probe.sent(v!.variantId)).toBe(0);
  });

  it('a post 5 minutes late (within the grace period) is published on start', async () => {
    const [v] = await due(-5 * 60_000)();
    await queue.enqueue([{ ...v!, dueAt: v!.dueAt }]);
    await withWorker(() => until(async () => (await variantRow(db.pool, v!.variantId)).state === 'published'));
    const row = await variantRow(db.pool, v!.variantId);
    expect(row.published_at!.getTime() - v!.dueAt.getTime()).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
  });
});

describe('the worker', () => {
  it('publishes posts queued for the near future on time, each once', async () => {
    const vs = await due(400)(30, ['main', 'second']);
    await queue.enqueue(vs);
    await withWorker(() =>
      until(async () => {
        const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM post_variants WHERE id = ANY($1) AND state = 'published'`, [
          vs.map((v) => v.variantId),
        ]);
        return rows[0].n === vs.length;
      }),
    );
    const { rows } = await db.pool.query<{ late: number }>(
      `SELECT extract(epoch FROM published_at - due_at) * 1000 AS late FROM post_variants WHERE id = ANY($1)`,
      [vs.map((v) => v.variantId)],
    );
    expect(Math.min(...rows.map((r) => r.late))).toBeGreaterThanOrEqual(0);
    // On time means by the queue's own start time, not a later sweep (a minute away): the bound is
    // loose because a loaded machine delays a job by seconds. How late, in figures, is bench:publish's.
    expect(Math.max(...rows.map((r) => r.late))).toBeLessThan(10_000);
    for (const v of vs) expect(probe.sent(v.variantId)).toBe(1);
    const posts = await db.pool.query(`SELECT DISTINCT state FROM posts WHERE id = ANY($1)`, [vs.map((v) => v.postId)]);
    expect(posts.rows).toEqual([{ state: 'published' }]);
  });

  it('defers posts of a connection the network rate-limited until its Retry-After', async () => {
    const vs = await due(-50)(3);
    let limited = false;
    probe.fail = (x) => {
      if (!limited && vs.some((v) => v.variantId === x.id)) {
        limited = true;
        return new TransientError('429 Too Many Requests', { retryAfterMs: 700 });
      }
      return undefined;
    };
    const t0 = Date.now();
    await queue.enqueue(vs);
    await withWorker(
      async (w) => {
        await until(async () => {
          const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM post_variants WHERE id = ANY($1) AND state = 'published'`, [
            vs.map((v) => v.variantId),
          ]);
          return rows[0].n === 3;
        });
        expect(w.stats.retry + w.stats.deferred).toBeGreaterThanOrEqual(1);
      },
      { concurrency: 1 },
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(650);
  });

  it('publishes a scheduled post to a webhook: signed, with its idempotency key, once', async () => {
    const secret = 'whsec_scheduler_test_secret';
    const got: { key: string; ok: boolean; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push({
          key: String(req.headers['idempotency-key']),
          ok: verifySignature(secret, req.headers['x-groundwork-signature'] as string, body),
          body,
        });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `hook-${got.length}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/groundwork`;
      await connectChannel(db.pool, f, 'automation', 'webhook', { url }, { secret });
      const [v] = await due(200)(1, ['automation'], () => 'To the automation');
      await queue.enqueue([v!]);
      await withWorker(() => until(async () => (await variantRow(db.pool, v!.variantId)).state === 'published'));
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ key: v!.idempotencyKey, ok: true });
      expect(JSON.parse(got[0]!.body).data).toMatchObject({ variantId: v!.variantId, content: { text: 'To the automation' } });
      expect((await variantRow(db.pool, v!.variantId)).remote_id).toBe('hook-1');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
