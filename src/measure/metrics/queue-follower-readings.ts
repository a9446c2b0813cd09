/**
 * The daily fan-out: one follower job per connected channel whose network reports followers, keyed
 * `<connectionId>:<UTC day>` so a second run the same day (a retried cron job) adds nothing. Each job
 * then succeeds or is retried on its own: one network's outage delays only its channels.
 */
import type { PgBoss } from 'pg-boss';
import type { ConnectorKind } from '../../connectors/connector.ts';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { Queryable } from '../../db/pool.ts';
import { FOLLOWERS_QUEUE, type FollowersJobData } from './queues.ts';

/** Queues today's readings; answers how many channels were due. */
export async function queueFollowerReadings(db: Queryable, boss: PgBoss, registry: ConnectorRegistry, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: string; connector: ConnectorKind }>(
    `SELECT id, connector FROM channel_connections WHERE status = 'connected' ORDER BY id`,
  );
  const due = rows.filter((r) => registry.get(r.connector)?.fetchFollowers);
  const day = now.toISOString().slice(0, 10);
  if (due.length > 0) {
    await boss.insert(
      FOLLOWERS_QUEUE,
      due.map((r) => ({ data: { connectionId: r.id } satisfies FollowersJobData, singletonKey: `${r.id}:${day}` })),
    );
  }
  return due.length;
}
