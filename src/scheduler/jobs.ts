/**
 * The publish queue on pg-boss (Postgres-backed, in the app's own database, schema `pgboss`).
 *
 * One job per schedule: queue `publish-variant`, `singletonKey` = `<variantId>:<scheduleToken>`,
 * `startAfter` = due time. The queue uses pg-boss's `short` policy, under which a second job with the
 * same key is refused while one is queued (`created`) — measured in jobs.db.test.ts: on the default
 * `standard` policy pg-boss 12 accepts both. A rescheduled post has a new token, hence a new key.
 *
 * A job is only a wake-up call. The worker decides from the variant row (state, token, due time),
 * so a stale job sends nothing and a lost job is found again by the sweeper; the database row, not
 * the queue, is the source of truth. pg-boss's own retries (with exponential backoff) cover
 * unexpected handler failures; transient network errors are retried by the worker itself, which
 * knows the connector's Retry-After.
 */
import { PgBoss, type ConstructorOptions } from 'pg-boss';
import type { PublishJob, PublishQueue } from './queue.ts';

export const PUBLISH_QUEUE = 'publish-variant';
export const BOSS_SCHEMA = 'pgboss';

export interface PublishJobData {
  variantId: string;
  scheduleToken: string;
}

export const jobKey = (variantId: string, scheduleToken: string): string => `${variantId}:${scheduleToken}`;

/**
 * The only SQL in Groundwork that reads pg-boss's tables. The sweeper asks "is there a live job for
 * this key?" for up to thousands of variants every few seconds; pg-boss's public `findJobs` answers
 * one key per round trip, so the sweeper probes pg-boss's key index in one query instead. These two
 * fragments are that probe; jobs.db.test.ts checks them against `findJobs` and fails when a pg-boss
 * upgrade changes the tables or states they read.
 */
export const pgBossProbes = {
  /** Keys of publish jobs a worker started less than `claimTimeout` (an SQL interval) ago. */
  activeKeys: (claimTimeout: string): string =>
    `SELECT j.singleton_key FROM ${BOSS_SCHEMA}.job j
      WHERE j.name = '${PUBLISH_QUEUE}' AND j.state = 'active' AND j.started_on > now() - ${claimTimeout}
        AND j.singleton_key IS NOT NULL`,
  /** A publish job for `key` (an SQL text expression) still waiting to run: created or retry. */
  queued: (key: string): string =>
    `SELECT 1 FROM ${BOSS_SCHEMA}.job j
      WHERE j.name = '${PUBLISH_QUEUE}' AND j.singleton_key = ${key} AND j.state < 'active'::${BOSS_SCHEMA}.job_state`,
};

/** Retries of a job whose handler failed unexpectedly (database down…): pg-boss's exponential backoff. */
const QUEUE_OPTIONS = {
  policy: 'short',
  retryLimit: 8,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  // A job held longer by a worker that died is retried by pg-boss too; the sweeper is quicker.
  expireInSeconds: 15 * 60,
  // Completed jobs are kept a day for inspection.
  deleteAfterSeconds: 24 * 3600,
} as const;

export interface BossOptions {
  /** Run pg-boss maintenance (expiry, retention) in this process: on for workers. */
  supervise?: boolean;
  /** Connections of pg-boss's own pool. */
  max?: number;
  onError?: (e: Error) => void;
}

/** Starts pg-boss on the app's database (installing or migrating its schema) and ensures the queue. */
export async function startBoss(url: string, options: BossOptions = {}): Promise<PgBoss> {
  const config: ConstructorOptions = {
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: options.max ?? 4,
    application_name: 'groundwork-pgboss',
    supervise: options.supervise ?? false,
    // Cron (the daily token check) runs where maintenance does: in worker processes.
    schedule: options.supervise ?? false,
    registerInstance: false,
  };
  const boss = new PgBoss(config);
  // Without a listener an 'error' event would crash the process; the worker logs it (tests need not).
  boss.on('error', options.onError ?? (() => {}));
  await boss.start();
  await ensurePublishQueue(boss);
  return boss;
}

export async function ensurePublishQueue(boss: PgBoss): Promise<void> {
  const existing = await boss.getQueue(PUBLISH_QUEUE);
  if (!existing) await boss.createQueue(PUBLISH_QUEUE, { ...QUEUE_OPTIONS });
  const queue = existing ?? (await boss.getQueue(PUBLISH_QUEUE));
  // De-duplication rests on the policy, which pg-boss cannot change after creation: refuse to run without it.
  if (queue?.policy !== 'short') {
    throw new Error(`pg-boss queue "${PUBLISH_QUEUE}" has policy "${queue?.policy}", expected "short": drop the queue so it is recreated.`);
  }
}

export type EnqueueListener = (jobs: readonly PublishJob[]) => void;

const CHUNK = 1000;

/** The PublishQueue the post services call after they commit scheduled variants. */
export class PgBossPublishQueue implements PublishQueue {
  readonly boss: PgBoss;
  readonly #listeners = new Set<EnqueueListener>();

  constructor(boss: PgBoss) {
    this.boss = boss;
  }

  async enqueue(jobs: readonly PublishJob[]): Promise<void> {
    // Every caller inserts in key order: two overlapping batches (the services' enqueue after commit
    // and the sweeper's) then wait for each other instead of deadlocking on the unique index.
    const sorted = [...jobs].sort((a, b) => {
      const ka = jobKey(a.variantId, a.scheduleToken);
      const kb = jobKey(b.variantId, b.scheduleToken);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    for (let i = 0; i < sorted.length; i += CHUNK) {
      const chunk = sorted.slice(i, i + CHUNK);
      // A key already queued is skipped by the database (ON CONFLICT DO NOTHING under the `short` policy).
      await this.boss.insert(
        PUBLISH_QUEUE,
        chunk.map((j) => ({
          data: { variantId: j.variantId, scheduleToken: j.scheduleToken } satisfies PublishJobData,
          singletonKey: jobKey(j.variantId, j.scheduleToken),
          startAfter: j.dueAt,
        })),
      );
    }
    for (const l of this.#listeners) l(jobs);
  }

  /**
   * Drops the queued jobs of these schedules (optional tidiness: a job whose token is no longer
   * current sends nothing anyway).
   */
  async cancel(jobs: readonly Pick<PublishJob, 'variantId' | 'scheduleToken'>[]): Promise<number> {
    let n = 0;
    for (const j of jobs) {
      const found = await this.boss.findJobs(PUBLISH_QUEUE, { key: jobKey(j.variantId, j.scheduleToken), queued: true });
      if (found.length) {
        await this.boss.deleteJob(
          PUBLISH_QUEUE,
          found.map((f) => f.id),
        );
        n += found.length;
      }
    }
    return n;
  }

  /** Called after every successful enqueue in this process (the worker sets a wake-up timer). */
  onEnqueue(listener: EnqueueListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
