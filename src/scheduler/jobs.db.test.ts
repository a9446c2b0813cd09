/**
 * pg-boss 12 de-duplication, measured rather than assumed (STACK-NOTES: singletonKey only
 * de-duplicates under some queue policies).
 */
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { BOSS_SCHEMA, jobKey, PgBossPublishQueue, pgBossProbes, PUBLISH_QUEUE, startBoss } from './jobs.ts';

let db: TestDatabase;
let boss: PgBoss;
let queue: PgBossPublishQueue;

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url);
  queue = new PgBossPublishQueue(boss);
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await db.drop();
});

const jobs = async (key: string) =>
  (await db.pool.query(`SELECT state, start_after FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2`, [PUBLISH_QUEUE, key]))
    .rows;

const later = (s: number) => new Date(Date.now() + s * 1000);
const uuid = () => crypto.randomUUID();

describe('pg-boss de-duplication', () => {
  it('the default `standard` policy does NOT de-duplicate on singletonKey (so the queue must not use it)', async () => {
    await boss.createQueue('dedup-standard');
    const a = await boss.send('dedup-standard', {}, { singletonKey: 'k', startAfter: later(60) });
    const b = await boss.send('dedup-standard', {}, { singletonKey: 'k', startAfter: later(60) });
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
  });

  it('the publish queue is created with the `short` policy', async () => {
    expect((await boss.getQueue(PUBLISH_QUEUE))?.policy).toBe('short');
  });

  it('the same schedule enqueued twice (send or batch insert) is queued once; a new token is a new job', async () => {
    const variantId = uuid();
    const token = uuid();
    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: later(60) }]);
    await queue.enqueue([
      { variantId, scheduleToken: token, dueAt: later(60) },
      { variantId, scheduleToken: token, dueAt: later(90) },
    ]);
    expect(await jobs(`${variantId}:${token}`)).toHaveLength(1);
    const rescheduled = uuid();
    await queue.enqueue([{ variantId, scheduleToken: rescheduled, dueAt: later(120) }]);
    expect(await jobs(`${variantId}:${rescheduled}`)).toHaveLength(1);
  });

  it('a job is not runnable before its due time, and is after', async () => {
    const variantId = uuid();
    const token = uuid();
    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: later(0.4) }]);
    // Fetch only this job's queue state: other tests' jobs are due later.
    const early = await boss.fetch(PUBLISH_QUEUE, { batchSize: 100 });
    expect(early.map((j) => (j.data as { variantId: string }).variantId)).not.toContain(variantId);
    await new Promise((r) => setTimeout(r, 600));
    const due = await boss.fetch(PUBLISH_QUEUE, { batchSize: 100 });
    expect(due.map((j) => (j.data as { variantId: string }).variantId)).toContain(variantId);
    // While that job is active, the same schedule may be queued again (a retry or a re-sweep) — once.
    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: later(5) }]);
    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: later(5) }]);
    const rows = await jobs(`${variantId}:${token}`);
    expect(rows.map((r) => r.state).sort()).toEqual(['active', 'created']);
  });

  it('keeps a job for a post scheduled months ahead (retention counts from the due time)', async () => {
    const variantId = uuid();
    const token = uuid();
    const due = new Date(Date.now() + 120 * 24 * 3600 * 1000);
    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: due }]);
    const { rows } = await db.pool.query(`SELECT keep_until FROM ${BOSS_SCHEMA}.job WHERE singleton_key = $1`, [`${variantId}:${token}`]);
    expect(rows[0].keep_until.getTime()).toBeGreaterThan(due.getTime());
  });

  it('cancel drops the queued job of a schedule', async () => {
    const variantId = uuid();
    const token = uuid();
    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: later(60) }]);
    expect(await queue.cancel([{ variantId, scheduleToken: token }])).toBe(1);
    expect(await jobs(`${variantId}:${token}`)).toHaveLength(0);
  });
});

describe("the sweeper's probes of pg-boss's tables", () => {
  // If a pg-boss upgrade renames the table, its columns or states, or changes what they mean, this fails.
  const probe = async (key: string) => {
    const { rows } = await db.pool.query<{ queued: boolean; active: boolean }>(
      `SELECT EXISTS (${pgBossProbes.queued('$1::text')}) AS queued,
              $1::text IN (${pgBossProbes.activeKeys("interval '1 minute'")}) AS active`,
      [key],
    );
    return rows[0]!;
  };
  const publicView = async (key: string) => (await boss.findJobs(PUBLISH_QUEUE, { key })).map((j) => j.state).sort();

  it("agree with pg-boss's public findJobs through a job's life: queued, active, completed", async () => {
    const variantId = uuid();
    const token = uuid();
    const key = jobKey(variantId, token);
    expect([await probe(key), await publicView(key)]).toEqual([{ queued: false, active: false }, []]);

    await queue.enqueue([{ variantId, scheduleToken: token, dueAt: new Date(Date.now() - 1000) }]);
    expect([await probe(key), await publicView(key)]).toEqual([{ queued: true, active: false }, ['created']]);

    // Fetch until this job is among the fetched (other tests' jobs may be due too).
    let fetched: { id: string }[] = [];
    for (let i = 0; i < 20 && !fetched.length; i++) {
      fetched = (await boss.fetch(PUBLISH_QUEUE, { batchSize: 100 })).filter(
        (j) => (j.data as { variantId: string }).variantId === variantId,
      );
    }
    expect(fetched).toHaveLength(1);
    expect([await probe(key), await publicView(key)]).toEqual([{ queued: false, active: true }, ['active']]);

    await boss.complete(PUBLISH_QUEUE, fetched[0]!.id);
    expect([await probe(key), await publicView(key)]).toEqual([{ queued: false, active: false }, ['completed']]);
  });
});
