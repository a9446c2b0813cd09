/**
 * The pg-boss queues of network metrics (in the app's database, beside the publish queue):
 * - `metrics-post`: one job per published variant and step (schedule.ts), key `<variantId>:<step>`;
 * - `metrics-followers-daily`: the daily cron that fans out one job per connected channel;
 * - `metrics-followers`: one job per connection and day, key `<connectionId>:<day>`.
 * All use the `short` policy, under which a second job with a queued job's key is refused (pg-boss
 * 10+ de-duplicates keys only on a non-standard policy: STACK-NOTES), so a repeat adds nothing.
 * A failed job (the network did not answer) is retried with exponential backoff; a permanent failure
 * (the account was disconnected) ends the job without retries.
 */
import type { PgBoss, Queue } from 'pg-boss';

export const POST_METRICS_QUEUE = 'metrics-post';
export const FOLLOWERS_DAILY_QUEUE = 'metrics-followers-daily';
export const FOLLOWERS_QUEUE = 'metrics-followers';

export interface PostMetricsJobData {
  variantId: string;
  step: string;
}

export interface FollowersJobData {
  connectionId: string;
}

export const postMetricsKey = (variantId: string, step: string): string => `${variantId}:${step}`;

const RETRYING: Omit<Queue, 'name'> = {
  policy: 'short',
  // 1 min, 2, 4 … capped at an hour: a network down for most of a day is still read when it is back.
  retryLimit: 12,
  retryDelay: 60,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 15 * 60,
  deleteAfterSeconds: 7 * 24 * 3600,
};

const QUEUES: Record<string, Omit<Queue, 'name'>> = {
  [POST_METRICS_QUEUE]: RETRYING,
  [FOLLOWERS_QUEUE]: RETRYING,
  [FOLLOWERS_DAILY_QUEUE]: { policy: 'short', retryLimit: 2, expireInSeconds: 3600 },
};

/** Creates the queues that do not exist yet (before any job is inserted into them). */
export async function ensureMetricsQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, options);
  }
}
