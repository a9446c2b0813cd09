/**
 * Listening in the worker role: a pg-boss job per polling source (RSS/Atom feeds, Mastodon
 * timelines), sent by a cron every minute for each source whose interval has passed — one job per
 * source at a time (singletonKey on a `short` queue) —, and the Bluesky streams kept open in this
 * process (./bluesky-streams.ts). Started and stopped with the worker.
 */
import type { PgBoss } from 'pg-boss';
import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { createOutbound } from '../../outbound/client.ts';
import { BlueskyStreams } from './bluesky-streams.ts';
import { pollSource } from './poll-source.ts';

const DUE_QUEUE = 'listening-due';
const POLL_QUEUE = 'listening-poll';
/** Minutes between two polls: feeds change slowly; a hashtag can be busy. */
const INTERVAL_MINUTES = { rss: 15, mastodon: 2 } as const;

export interface ListeningJobsOptions {
  boss: PgBoss;
  pool: Pool;
  outboundAllow?: readonly string[] | undefined;
  /** The PLC directory Bluesky DIDs are resolved with (config BLUESKY_PLC_URL). */
  plcUrl?: string;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The polls to run now: enabled feed and timeline sources not polled within their interval. */
async function sendDuePolls(boss: PgBoss, pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM listening_sources
      WHERE enabled AND ((kind = 'rss' AND (last_run_at IS NULL OR last_run_at < now() - make_interval(mins => $1)))
                      OR (kind = 'mastodon' AND (last_run_at IS NULL OR last_run_at < now() - make_interval(mins => $2))))`,
    [INTERVAL_MINUTES.rss, INTERVAL_MINUTES.mastodon],
  );
  for (const { id } of rows) await boss.send(POLL_QUEUE, { sourceId: id }, { singletonKey: id });
  return rows.length;
}

export async function startListeningJobs(options: ListeningJobsOptions): Promise<{ stop(): Promise<void> }> {
  const { boss, pool, log } = options;
  // A feed of a few MB at most; a slow server does not hold a poll slot for long.
  const outbound = createOutbound({ allow: options.outboundAllow ?? [], timeoutMs: 30_000, maxBytes: 5_000_000 });
  for (const name of [DUE_QUEUE, POLL_QUEUE])
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { policy: 'short', retryLimit: 0, expireInSeconds: 300 });
  await boss.schedule(DUE_QUEUE, '* * * * *', null, { tz: 'UTC', singletonKey: 'listening' });
  await boss.work(DUE_QUEUE, async () => sendDuePolls(boss, pool));
  await boss.work<{ sourceId: string }>(POLL_QUEUE, { batchSize: 4 }, async (jobs) => {
    for (const job of jobs) {
      const result = await pollSource(pool, outbound, job.data.sourceId);
      if (result && result.stored.length > 0) log.info(`listening source ${job.data.sourceId}: ${result.stored.length} new mentions`);
    }
  });
  const streams = new BlueskyStreams({ pool, log, outboundAllow: options.outboundAllow, plcUrl: options.plcUrl });
  streams.start();
  return { stop: () => streams.stop() };
}
