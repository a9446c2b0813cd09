/**
 * Registers the scheduled-reports job on pg-boss (worker role): a cron every 15 minutes — pg-boss
 * keeps one schedule across processes — whose handler runs ./run-report-schedules.ts.
 */
import type { PgBoss } from 'pg-boss';
import type { Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { createOutbound } from '../../outbound/client.ts';
import { createRenderPool } from './render-pool.ts';
import { runReportSchedules } from './run-report-schedules.ts';

export const REPORTS_QUEUE = 'report-schedules';
const CRON = '*/15 * * * *';

export async function scheduleReportJob(
  boss: PgBoss,
  pool: Pool,
  options: { outboundAllow?: readonly string[] | undefined; log: Pick<Logger, 'info' | 'warn' | 'error'> },
): Promise<void> {
  // A report of a few MB goes out in one request; the receiver's answer is not read.
  const outbound = createOutbound({ allow: options.outboundAllow ?? [], timeoutMs: 30_000, maxBytes: 64_000 });
  // The worker thread starts on the first report and ends when idle; it lives as long as the process.
  const renderer = createRenderPool();
  if (!(await boss.getQueue(REPORTS_QUEUE)))
    await boss.createQueue(REPORTS_QUEUE, { policy: 'short', retryLimit: 2, expireInSeconds: 1800 });
  await boss.schedule(REPORTS_QUEUE, CRON, null, { tz: 'UTC', singletonKey: 'reports' });
  await boss.work(REPORTS_QUEUE, async () => {
    const r = await runReportSchedules(pool, { fetch: outbound.fetch, renderer, log: options.log });
    if (r.generated || r.delivered || r.retrying || r.failed || r.errors) {
      options.log.info(
        `scheduled reports: ${r.generated} made, ${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} given up, ${r.errors} errors`,
      );
    }
    return r;
  });
}
