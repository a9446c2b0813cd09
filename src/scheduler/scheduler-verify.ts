/**
 * The token check: a daily pg-boss cron job verifies every connected account, so an expired or
 * revoked token shows up as "reconnect needed" days before a scheduled post would fail on it.
 *
 * Each account goes through `checkConnection` (the connections service: status, message, audit entry
 * `connection.verify` by `system`). When an account turns `reconnect_needed`, the authors of posts
 * scheduled on that channel in the next `horizonDays` are notified (or the workspace's owners, user
 * NULL, when none is scheduled) — once per change, not every day.
 */
import type { PgBoss } from 'pg-boss';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { checkConnection } from '../connections/check-connection.ts';
import type { Pool } from '../db/pool.ts';
import type { Logger } from './worker-publish.ts';

export const VERIFY_QUEUE = 'verify-connections';

export interface VerifyRunResult {
  checked: number;
  reconnectNeeded: number;
  notified: number;
  errors: number;
}

export async function verifyAllConnections(
  pool: Pool,
  registry: ConnectorRegistry,
  options: { horizonDays?: number; concurrency?: number; log?: Logger } = {},
): Promise<VerifyRunResult> {
  const horizonDays = options.horizonDays ?? 14;
  const result: VerifyRunResult = { checked: 0, reconnectNeeded: 0, notified: 0, errors: 0 };
  const { rows } = await pool.query<{
    id: string;
    workspace_id: string;
    channel_id: string;
    strategy_id: string;
    connector: string;
    status: string;
  }>(`SELECT id, workspace_id, channel_id, strategy_id, connector, status FROM channel_connections ORDER BY workspace_id, id`);
  const queue = [...rows];
  const one = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        const { connection } = await checkConnection(pool, { workspaceId: c.workspace_id, actor: null, registry }, c.id);
        result.checked++;
        if (connection.status !== 'reconnect_needed') continue;
        result.reconnectNeeded++;
        if (c.status === 'reconnect_needed') continue; // already known and notified
        const message = connection.statusMessage ?? 'The network refused the account.';
        const { rowCount } = await pool.query(
          `WITH due AS (
             SELECT p.created_by AS user_id
               FROM post_variants v JOIN posts p ON p.id = v.post_id
              WHERE v.workspace_id = $1 AND v.channel_id = $2 AND p.strategy_id = $3
                AND v.state = 'scheduled' AND v.due_at < now() + $4::int * interval '1 day'
           ), recipients AS (
             SELECT DISTINCT user_id FROM due
             UNION ALL SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM due)
           )
           INSERT INTO notifications (workspace_id, user_id, kind, entity_type, entity_id, message)
           SELECT $1, user_id, 'reconnect_needed', 'connection', $5,
                  'Reconnect the ' || $6::text || ' account of channel ' || $2::text || ': ' || $7::text ||
                  CASE WHEN (SELECT count(*) FROM due) > 0
                       THEN ' ' || (SELECT count(*) FROM due) || ' scheduled post(s) in the next ' || $4::int || ' days would fail.'
                       ELSE '' END
             FROM recipients`,
          [c.workspace_id, c.channel_id, c.strategy_id, horizonDays, c.id, c.connector, message],
        );
        result.notified += rowCount ?? 0;
      } catch (e) {
        result.errors++;
        options.log?.warn(`verifying connection ${c.id} failed: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, one));
  return result;
}

/** Registers the daily cron job (pg-boss de-duplicates the schedule across processes) and its handler. */
export async function scheduleVerification(
  boss: PgBoss,
  pool: Pool,
  registry: ConnectorRegistry,
  options: { cron: string; log: Logger },
): Promise<void> {
  if (!(await boss.getQueue(VERIFY_QUEUE))) await boss.createQueue(VERIFY_QUEUE, { policy: 'short', retryLimit: 2, expireInSeconds: 3600 });
  await boss.schedule(VERIFY_QUEUE, options.cron, null, { tz: 'UTC', singletonKey: 'daily' });
  await boss.work(VERIFY_QUEUE, async () => {
    const r = await verifyAllConnections(pool, registry, { log: options.log });
    options.log.info(
      `token check: ${r.checked} accounts verified, ${r.reconnectNeeded} need reconnecting, ${r.notified} notifications, ${r.errors} errors`,
    );
    return r;
  });
}
