/**
 * Writes the demo strategy's year of history (./generate-history.ts) into the new demo workspace, in
 * one transaction: published posts with their sandbox receipts, follower readings, post metric
 * snapshots, tracked links and referrers, conversions, campaign costs, entered KPI values, and the
 * events of all of it through `recordEvents` (the rollups follow by their trigger); each sandbox
 * account is set to go on from its last follower reading, so the worker's daily readings continue the
 * history instead of jumping to the sandbox's own numbers. Rows go in as
 * arrays (`INSERT … SELECT FROM unnest(…)`), thousands per statement: the demo's first start should
 * cost seconds, not minutes. One audit entry says what was generated.
 */
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { SandboxAudience } from '../connectors/sandbox/metrics.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { recordEvents } from '../measure/events.ts';
import { getStrategy, listCampaignsOf } from '../plan-store/store.ts';
import { generateHistory, type DemoHistory } from './generate-history.ts';

/** Rows per INSERT. */
const BATCH = 5000;

type Column<T> = readonly [name: string, type: string, value: (row: T) => unknown];

/** Inserts `rows` in batches of arrays, one per column; returns what `returning` names, in no promised order. */
export async function insertRows<T, R = never>(
  q: Queryable,
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  returning?: string,
): Promise<R[]> {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const result = await q.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})${returning ? ` RETURNING ${returning}` : ''}`,
      columns.map(([, , value]) => batch.map(value)),
    );
    out.push(...(result.rows as R[]));
  }
  return out;
}

/** Each channel's last reading and its growth a day over the 30 days before: the sandbox account's audience. */
function audiencesOf(history: DemoHistory): Map<string, SandboxAudience> {
  const byChannel = new Map<string, DemoHistory['followers']>();
  for (const f of history.followers) {
    const list = byChannel.get(f.channelId) ?? [];
    list.push(f);
    byChannel.set(f.channelId, list);
  }
  const out = new Map<string, SandboxAudience>();
  for (const [channel, readings] of byChannel) {
    const last = readings.at(-1)!;
    const before = readings.at(-31) ?? readings[0]!;
    const days = Math.max(1, readings.length - 1 - readings.indexOf(before));
    out.set(channel, {
      count: last.followers,
      on: last.day,
      perDay: Number(Math.max(0, (last.followers - before.followers) / days).toFixed(2)),
    });
  }
  return out;
}

export type HistoryCounts = { [K in keyof DemoHistory]: number };

export async function seedHistory(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor; strategyId: string; site: string; now: Date },
): Promise<HistoryCounts> {
  const { workspaceId, strategyId } = ctx;
  const [{ doc: strategy }, campaigns, connections, workspace] = await Promise.all([
    getStrategy(pool, workspaceId, strategyId),
    listCampaignsOf(pool, workspaceId, strategyId),
    pool.query<{ channel_id: string; id: string }>(
      'SELECT channel_id, id FROM channel_connections WHERE workspace_id = $1 AND strategy_id = $2',
      [workspaceId, strategyId],
    ),
    pool.query<{ timezone: string; posting_times: string[] }>('SELECT timezone, posting_times FROM workspaces WHERE id = $1', [
      workspaceId,
    ]),
  ]);
  const history = generateHistory({
    workspaceId,
    strategy,
    campaigns: campaigns.map((c) => c.doc),
    connections: new Map(connections.rows.map((r) => [r.channel_id, r.id])),
    timezone: workspace.rows[0]!.timezone,
    postingTimes: workspace.rows[0]!.posting_times,
    site: ctx.site,
    now: ctx.now,
  });
  const userId = ctx.actor.userId;
  const ws = () => workspaceId;
  const strategyOf = () => strategyId;
  const counts = Object.fromEntries(Object.entries(history).map(([k, v]) => [k, (v as unknown[]).length])) as HistoryCounts;

  await withTransaction(pool, async (tx) => {
    const { posts } = history;
    await insertRows(
      tx,
      'posts',
      [
        ['id', 'uuid', (p) => p.id],
        ['workspace_id', 'uuid', ws],
        ['strategy_id', 'text', strategyOf],
        ['campaign_id', 'text', (p) => p.campaignId],
        ['pillar_id', 'text', (p) => p.pillarId],
        ['state', 'text', () => 'published'],
        ['scheduled_at', 'timestamptz', (p) => p.scheduledAt],
        ['timezone', 'text', () => workspace.rows[0]!.timezone],
        ['created_by', 'uuid', () => userId],
        ['content_updated_by', 'uuid', () => userId],
        ['created_at', 'timestamptz', (p) => p.createdAt],
        ['updated_at', 'timestamptz', (p) => p.publishedAt],
      ],
      posts,
    );
    // What the sandbox network received: its receipt numbers are the posts' remote ids.
    const receipts = await insertRows<(typeof posts)[number], { id: string; idempotency_key: string }>(
      tx,
      'sandbox_receipts',
      [
        ['connection_id', 'uuid', (p) => p.connectionId],
        ['idempotency_key', 'text', (p) => p.idempotencyKey],
        [
          'payload',
          'jsonb',
          (p) =>
            JSON.stringify({ variantId: p.variantId, postId: p.id, channelId: p.channelId, content: p.content, media: p.content.media }),
        ],
        ['received_at', 'timestamptz', (p) => p.publishedAt],
      ],
      posts,
      'id, idempotency_key',
    );
    const receiptOf = new Map(receipts.map((r) => [r.idempotency_key, r.id]));
    await insertRows(
      tx,
      'post_variants',
      [
        ['id', 'uuid', (p) => p.variantId],
        ['post_id', 'uuid', (p) => p.id],
        ['workspace_id', 'uuid', ws],
        ['channel_id', 'text', (p) => p.channelId],
        ['content', 'jsonb', (p) => JSON.stringify(p.content)],
        ['state', 'text', () => 'published'],
        ['due_at', 'timestamptz', (p) => p.scheduledAt],
        ['schedule_token', 'uuid', (p) => p.scheduleToken],
        ['idempotency_key', 'text', (p) => p.idempotencyKey],
        ['attempts', 'int', () => 1],
        ['claimed_at', 'timestamptz', (p) => p.scheduledAt],
        ['remote_id', 'text', (p) => `sandbox-${receiptOf.get(p.idempotencyKey)}`],
        ['remote_url', 'text', (p) => `sandbox://receipts/${receiptOf.get(p.idempotencyKey)}`],
        ['published_at', 'timestamptz', (p) => p.publishedAt],
      ],
      posts,
    );
    await insertRows(
      tx,
      'post_metric_snapshots',
      [
        ['workspace_id', 'uuid', ws],
        ['variant_id', 'uuid', (s) => s.variantId],
        ['taken_at', 'timestamptz', (s) => s.takenAt],
        ['likes', 'int', (s) => s.likes],
        ['reposts', 'int', (s) => s.reposts],
        ['replies', 'int', (s) => s.replies],
        ['quotes', 'int', (s) => s.quotes],
        ['impressions', 'int', (s) => s.impressions],
      ],
      history.snapshots,
    );
    await insertRows(
      tx,
      'follower_snapshots',
      [
        ['workspace_id', 'uuid', ws],
        ['strategy_id', 'text', strategyOf],
        ['channel_id', 'text', (f) => f.channelId],
        ['day', 'date', (f) => f.day],
        ['followers', 'int', (f) => f.followers],
        ['connection_id', 'uuid', (f) => f.connectionId],
        ['taken_at', 'timestamptz', (f) => f.takenAt],
      ],
      history.followers,
    );
    await insertRows(
      tx,
      'tracked_links',
      [
        ['id', 'uuid', (l) => l.id],
        ['workspace_id', 'uuid', ws],
        ['code', 'text', (l) => l.code],
        ['target_url', 'text', (l) => l.targetUrl],
        ['strategy_id', 'text', strategyOf],
        ['campaign_id', 'text', (l) => l.campaignId],
        ['channel_id', 'text', (l) => l.channelId],
        ['post_id', 'uuid', (l) => l.postId],
        ['variant_id', 'uuid', (l) => l.variantId],
        ['created_at', 'timestamptz', (l) => l.createdAt],
      ],
      history.links,
    );
    await insertRows(
      tx,
      'link_referrers',
      [
        ['link_id', 'uuid', (r) => r.linkId],
        ['day', 'date', (r) => r.day],
        ['domain', 'text', (r) => r.domain],
        ['clicks', 'int', (r) => r.clicks],
      ],
      history.referrers,
    );
    await insertRows(
      tx,
      'conversions',
      [
        ['workspace_id', 'uuid', ws],
        ['external_id', 'text', (c) => c.externalId],
        ['strategy_id', 'text', strategyOf],
        ['campaign_id', 'text', (c) => c.campaignId],
        ['link_id', 'uuid', (c) => c.linkId],
        ['value', 'numeric', (c) => c.value],
        ['currency', 'text', (c) => c.currency],
        ['occurred_at', 'timestamptz', (c) => c.occurredAt],
        ['source', 'text', () => 'demo'],
      ],
      history.conversions,
    );
    await insertRows(
      tx,
      'campaign_costs',
      [
        ['workspace_id', 'uuid', ws],
        ['campaign_id', 'text', (c) => c.campaignId],
        ['amount', 'numeric', (c) => c.amount],
        ['currency', 'text', (c) => c.currency],
        ['category', 'text', (c) => c.category],
        ['spent_on', 'date', (c) => c.spentOn],
        ['note', 'text', (c) => c.note],
        ['created_by', 'uuid', () => userId],
      ],
      history.costs,
    );
    await insertRows(
      tx,
      'kpi_values',
      [
        ['workspace_id', 'uuid', ws],
        ['strategy_id', 'text', strategyOf],
        ['kpi_id', 'text', (v) => v.kpiId],
        ['day', 'date', (v) => v.day],
        ['value', 'float8', (v) => v.value],
        ['source', 'text', () => 'demo'],
        ['entered_by', 'uuid', () => userId],
      ],
      history.kpiValues,
    );
    for (let i = 0; i < history.events.length; i += BATCH) await recordEvents(tx, history.events.slice(i, i + BATCH));
    // The sandbox accounts go on from where the history ends: the daily follower readings continue it.
    const audiences = audiencesOf(history);
    for (const row of connections.rows) {
      const followers = audiences.get(row.channel_id);
      if (!followers) continue;
      await tx.query(
        `UPDATE channel_connections SET config = config || jsonb_build_object('followers', $2::jsonb), updated_at = now() WHERE id = $1`,
        [row.id, JSON.stringify(followers)],
      );
    }
    await recordAudit(tx, {
      workspaceId,
      actor: ctx.actor,
      action: 'demo.history_generate',
      entityType: 'strategy',
      entityId: strategyId,
      after: { ...counts, audiences: Object.fromEntries(audiences) },
    });
  });
  return counts;
}
