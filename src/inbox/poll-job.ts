/**
 * The inbox's polling in a worker process: every minute a cron job queues one poll per connected
 * account whose connector reads notifications, on a queue that holds at most one waiting poll per
 * account (singletonKey; pg-boss's `short` policy), so a slow network never piles polls up.
 */
import type { JobResult, PgBoss } from 'pg-boss';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logger.ts';
import { pollInboxConnection } from './poll-notifications.ts';

const POLL_QUEUE = 'inbox-poll';
/** The every-minute job that queues the polls (a test or an operator may send it to poll now). */
export const INBOX_POLL_TICK_QUEUE = 'inbox-poll-tick';
const POLL_CRON = '* * * * *';

export async function scheduleInboxPolling(
  boss: PgBoss,
  pool: Pool,
  registry: ConnectorRegistry,
  options: { log: Pick<Logger, 'info' | 'warn'> },
): Promise<void> {
  for (const name of [POLL_QUEUE, INBOX_POLL_TICK_QUEUE])
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { policy: 'short', retryLimit: 1, expireInSeconds: 300 });
  await boss.work<{ connectionId: string }>(POLL_QUEUE, { batchSize: 10, perJobResults: true, pollingIntervalSeconds: 2 }, async (jobs) => {
    const results: JobResult[] = [];
    for (const job of jobs) {
      const outcome = await pollInboxConnection({ pool, registry }, String(job.data?.connectionId));
      if (outcome.kind === 'failed') options.log.warn(`inbox poll of connection ${job.data?.connectionId}: ${outcome.message}`);
      // A failure is retried by the next minute's poll, not by pg-boss.
      results.push({ id: job.id, status: 'completed', output: outcome });
    }
    return results;
  });
  await boss.work(INBOX_POLL_TICK_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    const kinds = registry.kinds().filter((k) => registry.get(k)?.listNotifications !== undefined);
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM channel_connections WHERE status = 'connected' AND connector = ANY($1) ORDER BY id`,
      [kinds],
    );
    for (const r of rows) await boss.send(POLL_QUEUE, { connectionId: r.id }, { singletonKey: r.id });
    return { accounts: rows.length };
  });
  await boss.schedule(INBOX_POLL_TICK_QUEUE, POLL_CRON, null, { tz: 'UTC', singletonKey: 'every-minute' });
}
