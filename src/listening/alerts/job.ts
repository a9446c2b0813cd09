/**
 * Registers the hourly spike check on pg-boss (worker role): a cron at 5 past each hour — pg-boss
 * keeps one schedule across processes, and the alerts' UNIQUE (query_id, hour) makes a repeated run
 * harmless — whose handler runs ./run-spike-alerts.ts on the hour just ended.
 */
import type { PgBoss } from 'pg-boss';
import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { createOutbound } from '../../outbound/client.ts';
import { runSpikeAlerts } from './run-spike-alerts.ts';

const SPIKES_QUEUE = 'listening-spikes';
// A few minutes past the hour: mentions posted just before it have time to arrive.
const CRON = '5 * * * *';

export async function scheduleSpikeJob(
  boss: PgBoss,
  pool: Pool,
  options: { outboundAllow?: readonly string[] | undefined; log: Pick<Logger, 'info' | 'warn'> },
): Promise<void> {
  const outbound = createOutbound({ allow: options.outboundAllow ?? [], timeoutMs: 10_000, maxBytes: 64_000 });
  if (!(await boss.getQueue(SPIKES_QUEUE))) await boss.createQueue(SPIKES_QUEUE, { policy: 'short', retryLimit: 2, expireInSeconds: 900 });
  await boss.schedule(SPIKES_QUEUE, CRON, null, { tz: 'UTC', singletonKey: 'listening-spikes' });
  await boss.work(SPIKES_QUEUE, async () => {
    const r = await runSpikeAlerts(pool, { now: new Date(), fetch: outbound.fetch, log: options.log });
    if (r.alerts || r.delivered || r.failed)
      options.log.info(`listening spikes for ${r.hour}: ${r.alerts} alerts, ${r.delivered} webhooks delivered, ${r.failed} failed`);
    return r;
  });
}
