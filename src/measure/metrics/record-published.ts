/**
 * What measurement does when a variant is published, inside the worker's transaction that records it:
 * counts `posts_published` +1 (metric_events) and queues the variant's collection jobs (schedule.ts)
 * through pg-boss on the same transaction, so the publish, its count and its schedule commit together
 * — or not at all. A double publish cannot happen (the worker's write is fenced) and a repeated key is
 * refused by the queue, so nothing is counted or scheduled twice.
 *
 * Measuring must never cost a publish: the work runs in a savepoint, and a failure (the queue not
 * there yet…) is rolled back to it and logged, leaving the publish itself to commit.
 */
import type { PgBoss } from 'pg-boss';
import type { ConnectorKind } from '../../connectors/connector.ts';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { Queryable } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { recordEvents } from '../events.ts';
import { POST_METRICS_QUEUE, postMetricsKey, type PostMetricsJobData } from './queues.ts';
import { collectionSchedule } from './schedule.ts';

/** A variant the worker's transaction records as published, with what its count is filed under. */
export interface PublishedVariant {
  variantId: string;
  connector: ConnectorKind | null;
  workspaceId: string;
  postId: string;
  channelId: string;
  publishedAt: Date;
  strategyId: string;
  campaignId: string | null;
}

export interface RecordPublishedDeps {
  boss: PgBoss;
  registry: ConnectorRegistry;
  log: Pick<Logger, 'warn'>;
}

/**
 * The hook the publish worker calls with its transaction (`tx` must be inside one), for the variants
 * that transaction records: one insert of their counts (one rollup update) and one insert of their
 * collection jobs, whatever their number.
 */
export async function recordPublished(tx: Queryable, deps: RecordPublishedDeps, published: readonly PublishedVariant[]): Promise<void> {
  if (published.length === 0) return;
  // Not released: the worker's COMMIT, which follows, ends it with the transaction (one round trip fewer).
  await tx.query('SAVEPOINT measure_published');
  try {
    const jobs = published.flatMap((v) => {
      const connector = v.connector ? deps.registry.get(v.connector) : undefined;
      if (!connector?.fetchMetrics) return [];
      return collectionSchedule(v.publishedAt).map(({ step, at }) => ({
        data: { variantId: v.variantId, step } satisfies PostMetricsJobData,
        singletonKey: postMetricsKey(v.variantId, step),
        startAfter: at,
      }));
    });
    if (jobs.length) {
      await deps.boss.insert(POST_METRICS_QUEUE, jobs, { db: { executeSql: (text, values) => tx.query(text, values) } });
    }
    // Last: the rollup row this updates is shared by every publish of the hour, so its lock is held
    // only from here to the commit.
    await recordEvents(
      tx,
      published.map((v) => ({
        workspaceId: v.workspaceId,
        occurredAt: v.publishedAt,
        metric: 'posts_published',
        value: 1,
        source: 'network',
        strategyId: v.strategyId,
        campaignId: v.campaignId,
        channelId: v.channelId,
        postId: v.postId,
        variantId: v.variantId,
      })),
    );
  } catch (e) {
    await tx.query('ROLLBACK TO SAVEPOINT measure_published');
    const ids = published.map((v) => v.variantId).join(', ');
    deps.log.warn(
      `${published.length === 1 ? 'variant' : 'variants'} ${ids}: published, but the count and metrics schedule were not recorded: ${(e as Error).message}`,
    );
  }
}
