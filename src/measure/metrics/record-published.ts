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

export interface PublishedVariant {
  variantId: string;
  connector: ConnectorKind | null;
}

export interface RecordPublishedDeps {
  boss: PgBoss;
  registry: ConnectorRegistry;
  log: Pick<Logger, 'warn'>;
}

/**
 * The hook the publish worker calls with its transaction (`tx` must be inside one), for the variants
 * that transaction records: one read, one insert of their counts (one rollup update) and one insert
 * of their collection jobs, whatever their number.
 */
export async function recordPublished(tx: Queryable, deps: RecordPublishedDeps, published: readonly PublishedVariant[]): Promise<void> {
  if (published.length === 0) return;
  await tx.query('SAVEPOINT measure_published');
  try {
    const { rows } = await tx.query<{
      id: string;
      workspace_id: string;
      post_id: string;
      channel_id: string;
      published_at: Date;
      strategy_id: string;
      campaign_id: string | null;
    }>(
      `SELECT v.id, v.workspace_id, v.post_id, v.channel_id, v.published_at, p.strategy_id, p.campaign_id
         FROM post_variants v JOIN posts p ON p.id = v.post_id
        WHERE v.id = ANY($1::uuid[]) AND v.state = 'published'`,
      [published.map((v) => v.variantId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const recorded = published.flatMap((v) => {
      const row = byId.get(v.variantId);
      return row ? [{ v, row }] : [];
    });
    await recordEvents(
      tx,
      recorded.map(({ v, row }) => ({
        workspaceId: row.workspace_id,
        occurredAt: row.published_at,
        metric: 'posts_published',
        value: 1,
        source: 'network',
        strategyId: row.strategy_id,
        campaignId: row.campaign_id,
        channelId: row.channel_id,
        postId: row.post_id,
        variantId: v.variantId,
      })),
    );
    const jobs = recorded.flatMap(({ v, row }) => {
      const connector = v.connector ? deps.registry.get(v.connector) : undefined;
      if (!connector?.fetchMetrics) return [];
      return collectionSchedule(row.published_at).map(({ step, at }) => ({
        data: { variantId: v.variantId, step } satisfies PostMetricsJobData,
        singletonKey: postMetricsKey(v.variantId, step),
        startAfter: at,
      }));
    });
    if (jobs.length) {
      await deps.boss.insert(POST_METRICS_QUEUE, jobs, { db: { executeSql: (text, values) => tx.query(text, values) } });
    }
    await tx.query('RELEASE SAVEPOINT measure_published');
  } catch (e) {
    await tx.query('ROLLBACK TO SAVEPOINT measure_published');
    const ids = published.map((v) => v.variantId).join(', ');
    deps.log.warn(
      `${published.length === 1 ? 'variant' : 'variants'} ${ids}: published, but the count and metrics schedule were not recorded: ${(e as Error).message}`,
    );
  }
}
