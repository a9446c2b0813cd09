/**
 * Network metrics in a worker process (SERVICES=worker, beside publishing): the queues (queues.ts),
 * their handlers, and the daily follower cron. A handler takes a batch of due jobs, collects once per
 * variant or connection, and settles each job on its own: read (or nothing to read) → completed; the
 * network did not answer → failed, retried by pg-boss with backoff; refused for good (the account was
 * disconnected) → failed without retries. Returns the hook the publish worker runs when a variant is
 * published (record-published.ts).
 */
import type { JobResult, PgBoss } from 'pg-boss';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { Pool, Queryable } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { collectFollowers, type FollowersOutcome } from './collect-followers.ts';
import { collectPostMetrics, type PostMetricsOutcome } from './collect-post-metrics.ts';
import { queueFollowerReadings } from './queue-follower-readings.ts';
import {
  ensureMetricsQueues,
  FOLLOWERS_DAILY_QUEUE,
  FOLLOWERS_QUEUE,
  POST_METRICS_QUEUE,
  type FollowersJobData,
  type PostMetricsJobData,
} from './queues.ts';
import { recordPublished, type PublishedVariant } from './record-published.ts';

/** The daily follower reading, in UTC: late enough to be the day's count, early enough for retries to land the same day. */
export const FOLLOWERS_CRON = '0 20 * * *';

export interface MetricsCollectionOptions {
  boss: PgBoss;
  pool: Pool;
  registry: ConnectorRegistry;
  log: Pick<Logger, 'info' | 'warn'>;
  /** The clock readings are stamped with (tests fix it). */
  now?: () => Date;
  /** How often idle handlers look for due jobs. Default 2 s. */
  pollingIntervalSeconds?: number;
}

export interface MetricsCollection {
  /** For the publish worker: runs inside the transaction that records these publishes. */
  afterPublish(tx: Queryable, published: readonly PublishedVariant[]): Promise<void>;
}

const BATCH = 50;

function settle(id: string, outcome: PostMetricsOutcome | FollowersOutcome | undefined): JobResult {
  if (!outcome) return { id, status: 'failed', output: { message: 'no outcome' } };
  if (outcome.kind === 'retry') return { id, status: 'failed', output: { message: outcome.message } };
  if (outcome.kind === 'failed') return { id, status: 'deadletter', output: { message: outcome.message } };
  return { id, status: 'completed', output: outcome };
}

export async function startMetricsCollection(o: MetricsCollectionOptions): Promise<MetricsCollection> {
  const now = o.now ?? (() => new Date());
  const deps = { pool: o.pool, registry: o.registry };
  const polling = { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2 };
  const report = (what: string, outcomes: Map<string, PostMetricsOutcome | FollowersOutcome>) => {
    for (const [id, outcome] of outcomes) {
      if (outcome.kind === 'retry') o.log.warn(`${what} ${id}: the network did not answer, trying again later: ${outcome.message}`);
      if (outcome.kind === 'failed') o.log.warn(`${what} ${id}: not collected: ${outcome.message}`);
    }
  };
  await ensureMetricsQueues(o.boss);

  await o.boss.work<PostMetricsJobData>(POST_METRICS_QUEUE, { batchSize: BATCH, perJobResults: true, ...polling }, async (jobs) => {
    const outcomes = await collectPostMetrics(
      deps,
      jobs.map((j) => j.data.variantId),
      now(),
    );
    report('metrics of variant', outcomes);
    return jobs.map((j) => settle(j.id, outcomes.get(j.data.variantId)));
  });
  await o.boss.work<FollowersJobData>(FOLLOWERS_QUEUE, { batchSize: BATCH, perJobResults: true, ...polling }, async (jobs) => {
    const outcomes = await collectFollowers(
      deps,
      jobs.map((j) => j.data.connectionId),
      now(),
    );
    report('followers of connection', outcomes);
    return jobs.map((j) => settle(j.id, outcomes.get(j.data.connectionId)));
  });
  await o.boss.work(FOLLOWERS_DAILY_QUEUE, polling, async () => {
    const n = await queueFollowerReadings(o.pool, o.boss, o.registry, now());
    o.log.info(`follower readings queued for ${n} channels`);
    return { channels: n };
  });
  // One schedule whatever the number of workers; a day missed while no worker ran is read once when one is back.
  await o.boss.schedule(FOLLOWERS_DAILY_QUEUE, FOLLOWERS_CRON, null, { tz: 'UTC', singletonKey: 'daily', missed: 'once' });

  return { afterPublish: (tx, published) => recordPublished(tx, { boss: o.boss, registry: o.registry, log: o.log }, published) };
}
