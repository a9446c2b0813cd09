/**
 * One collection run over published variants: ask each connection's network for its posts' counts
 * (one `fetchMetrics` per connection and 25 posts), then for each variant, in one transaction, append
 * the reading to `post_metric_snapshots` and the difference from the previous reading to
 * `metric_events` (likes, reposts, replies, quotes, impressions when reported, and engagements = the
 * sum of the four), tagged with the variant's strategy, campaign, channel and post.
 *
 * Sums stay right whatever happens: the previous reading is the last one stored (readings of a variant
 * are serialised by an advisory lock), so the events of a variant always add up to its latest
 * snapshot; a count that went down (an unlike) is a negative difference; a reading identical to the
 * last adds no events; a second run at the same instant stores nothing (UNIQUE(variant, taken_at)).
 * Snapshots are append-only: nothing taken is ever rewritten, and a failed read stores nothing.
 */
import { classifyError, PermanentError, type Connection, type PostMetrics } from '../../connectors/connector.ts';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { recordEvents, type MetricEvent } from '../events.ts';
import { connectionOf, type ConnectionRow } from './connection.ts';

/** What became of one variant: `retry` (the network did not answer) is worth another try, nothing else is. */
export type PostMetricsOutcome =
  | { kind: 'collected'; snapshot: PostMetrics; events: number }
  | { kind: 'duplicate' }
  | { kind: 'skipped'; why: string }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string };

export interface CollectDeps {
  pool: Pool;
  registry: ConnectorRegistry;
}

interface VariantRow extends ConnectionRow {
  id: string;
  post_id: string;
  remote_id: string | null;
  state: string;
  strategy_id: string;
  campaign_id: string | null;
  variant_channel: string;
  variant_workspace: string;
}

const BATCH = 25;
const COUNTS = ['likes', 'reposts', 'replies', 'quotes'] as const;

export async function collectPostMetrics(
  deps: CollectDeps,
  variantIds: readonly string[],
  now: Date,
): Promise<Map<string, PostMetricsOutcome>> {
  const outcomes = new Map<string, PostMetricsOutcome>();
  const { rows } = await deps.pool.query<VariantRow>(
    `SELECT v.id, v.post_id, v.remote_id, v.state, v.workspace_id AS variant_workspace, v.channel_id AS variant_channel,
            p.strategy_id, p.campaign_id,
            cc.id AS connection_id, cc.workspace_id, cc.channel_id, cc.connector, cc.config, cc.credentials_enc
       FROM post_variants v JOIN posts p ON p.id = v.post_id
       LEFT JOIN channel_connections cc
         ON cc.workspace_id = p.workspace_id AND cc.strategy_id = p.strategy_id AND cc.channel_id = v.channel_id
      WHERE v.id = ANY($1::uuid[])`,
    [[...new Set(variantIds)]],
  );
  for (const id of variantIds) if (!rows.some((r) => r.id === id)) outcomes.set(id, { kind: 'skipped', why: 'variant deleted' });

  // Readable variants, by connection.
  const byConnection = new Map<string, VariantRow[]>();
  for (const r of rows) {
    const connector = r.connector ? deps.registry.get(r.connector) : undefined;
    const why =
      r.state !== 'published' || !r.remote_id
        ? `variant is ${r.state}`
        : !r.connection_id
          ? 'no account is connected to the channel any more'
          : !connector?.fetchMetrics
            ? `the ${r.connector} connector reports no metrics`
            : null;
    if (why) {
      outcomes.set(r.id, { kind: 'skipped', why });
      continue;
    }
    const group = byConnection.get(r.connection_id) ?? [];
    group.push(r);
    byConnection.set(r.connection_id, group);
  }

  for (const group of byConnection.values()) {
    const connector = deps.registry.get(group[0]!.connector)!;
    let connection: Connection;
    try {
      connection = connectionOf(group[0]!);
    } catch (e) {
      for (const r of group) outcomes.set(r.id, { kind: 'failed', message: (e as Error).message });
      continue;
    }
    for (let i = 0; i < group.length; i += BATCH) {
      const batch = group.slice(i, i + BATCH);
      let read: Map<string, PostMetrics>;
      try {
        read = await connector.fetchMetrics!(
          batch.map((r) => r.remote_id!),
          { connection, signal: AbortSignal.timeout(connector.limits.timeoutMs) },
        );
      } catch (e) {
        const err = classifyError(e);
        const outcome: PostMetricsOutcome =
          err instanceof PermanentError ? { kind: 'failed', message: err.message } : { kind: 'retry', message: err.message };
        for (const r of batch) outcomes.set(r.id, outcome);
        continue;
      }
      for (const r of batch) {
        const metrics = read.get(r.remote_id!);
        outcomes.set(
          r.id,
          metrics ? await storeReading(deps.pool, r, metrics, now) : { kind: 'skipped', why: 'the network no longer has the post' },
        );
      }
    }
  }
  return outcomes;
}

/** Appends one reading and its differences from the last one, in one transaction. */
async function storeReading(pool: Pool, r: VariantRow, m: PostMetrics, takenAt: Date): Promise<PostMetricsOutcome> {
  return withTransaction(pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('post_metric_snapshots:' || $1::text, 0))`, [r.id]);
    const { rows: last } = await tx.query<PostMetrics>(
      `SELECT likes, reposts, replies, quotes,
              (SELECT impressions FROM post_metric_snapshots
                WHERE variant_id = $1 AND impressions IS NOT NULL ORDER BY id DESC LIMIT 1) AS impressions
         FROM post_metric_snapshots WHERE variant_id = $1 ORDER BY id DESC LIMIT 1`,
      [r.id],
    );
    const inserted = await tx.query(
      `INSERT INTO post_metric_snapshots (workspace_id, variant_id, taken_at, likes, reposts, replies, quotes, impressions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (variant_id, taken_at) DO NOTHING`,
      [r.variant_workspace, r.id, takenAt, m.likes, m.reposts, m.replies, m.quotes, m.impressions],
    );
    if (!inserted.rowCount) return { kind: 'duplicate' };
    const before: PostMetrics = last[0] ?? { likes: 0, reposts: 0, replies: 0, quotes: 0, impressions: null };
    const deltas: [MetricEvent['metric'], number][] = COUNTS.map((k) => [k, m[k] - before[k]]);
    deltas.push(['engagements', COUNTS.reduce((sum, k) => sum + m[k] - before[k], 0)]);
    // A network that stops reporting impressions says nothing about them: no difference is made up.
    if (m.impressions !== null) deltas.push(['impressions', m.impressions - (before.impressions ?? 0)]);
    const events: MetricEvent[] = deltas
      .filter(([, value]) => value !== 0)
      .map(([metric, value]) => ({
        workspaceId: r.variant_workspace,
        occurredAt: takenAt,
        metric,
        value,
        source: 'network',
        strategyId: r.strategy_id,
        campaignId: r.campaign_id,
        channelId: r.variant_channel,
        postId: r.post_id,
        variantId: r.id,
      }));
    await recordEvents(tx, events);
    return { kind: 'collected', snapshot: m, events: events.length };
  });
}
