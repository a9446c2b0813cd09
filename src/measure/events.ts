/**
 * The measurement log: counted facts appended to `metric_events`, and the hourly and daily sums that
 * a trigger keeps beside them in `metric_rollups` (migration 20261202000000_measure_core.sql).
 * Everything that measures (the redirector, the network collector, conversions, the demo's history)
 * writes through `recordEvents`; dashboards, KPI progress and reports read the rollups.
 */
import type { Queryable } from '../db/pool.ts';

/** What an event can count. Each row is an increment of one of these. */
export const EVENT_METRICS = [
  'link_clicks',
  'unique_visitors',
  'impressions',
  'engagements',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'posts_published',
  'conversions',
  'revenue',
] as const;
export type EventMetric = (typeof EVENT_METRICS)[number];

export const EVENT_SOURCES = ['link', 'network', 'conversion', 'import', 'demo'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface MetricEvent {
  workspaceId: string;
  occurredAt: Date;
  metric: EventMetric;
  value: number;
  source: EventSource;
  strategyId?: string | null;
  campaignId?: string | null;
  channelId?: string | null;
  postId?: string | null;
  variantId?: string | null;
  linkId?: string | null;
}

/**
 * Appends `events` in one INSERT (one rollup update for the whole batch). Call it inside the
 * transaction that records what they count, so a fact and its numbers commit together.
 */
export async function recordEvents(q: Queryable, events: readonly MetricEvent[]): Promise<void> {
  await insertEvents(q, 'metric_events', events);
}

/**
 * recordEvents' one statement, into `table` (a fixed name in code, never input): the benchmark's
 * baseline writes the same rows into a copy without the rollup trigger.
 */
export async function insertEvents(q: Queryable, table: string, events: readonly MetricEvent[]): Promise<void> {
  if (events.length === 0) return;
  const column = <T>(pick: (e: MetricEvent) => T) => events.map(pick);
  await q.query(
    `INSERT INTO ${table}
       (workspace_id, occurred_at, metric, value, source, strategy_id, campaign_id, channel_id, post_id, variant_id, link_id)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::uuid[], $10::uuid[], $11::uuid[])`,
    [
      column((e) => e.workspaceId),
      column((e) => e.occurredAt),
      column((e) => e.metric),
      column((e) => e.value),
      column((e) => e.source),
      column((e) => e.strategyId ?? null),
      column((e) => e.campaignId ?? null),
      column((e) => e.channelId ?? null),
      column((e) => e.postId ?? null),
      column((e) => e.variantId ?? null),
      column((e) => e.linkId ?? null),
    ],
  );
}

export type Grain = 'hour' | 'day';

/** Which rollups to read: a workspace, one metric, a half-open time range, and optional dimensions. */
export interface RollupQuery {
  workspaceId: string;
  metric: EventMetric;
  grain: Grain;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  strategyId?: string;
  campaignId?: string;
  channelId?: string;
}

export interface RollupPoint {
  /** Start of the hour or day (UTC). */
  bucket: Date;
  value: number;
}

function where(query: RollupQuery | (DailySumsQuery & { grain: Grain })): { sql: string; params: unknown[] } {
  const many = 'metrics' in query;
  const params: unknown[] = [query.workspaceId, query.grain, many ? query.metrics : query.metric, query.from, query.to];
  let sql = `workspace_id = $1 AND grain = $2 AND metric ${many ? '= ANY($3)' : '= $3'} AND bucket >= $4 AND bucket < $5`;
  for (const [column, value] of [
    ['strategy_id', query.strategyId],
    ['campaign_id', query.campaignId],
    ['channel_id', query.channelId],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    sql += ` AND ${column} = $${params.length}`;
  }
  return { sql, params };
}

/** The metric's sum per bucket over the range, summed over the dimensions not given; empty buckets are absent. */
export async function readRollupSeries(q: Queryable, query: RollupQuery): Promise<RollupPoint[]> {
  const { sql, params } = where(query);
  const { rows } = await q.query<{ bucket: Date; value: number }>(
    `SELECT bucket, sum(value) AS value FROM metric_rollups WHERE ${sql} GROUP BY bucket ORDER BY bucket`,
    params,
  );
  return rows.map((r) => ({ bucket: r.bucket, value: Number(r.value) }));
}

/** The metric's total over the range, by the dimension named (or in all), from the rollups. */
export async function readRollupTotals(
  q: Queryable,
  query: RollupQuery,
  by?: 'strategy_id' | 'campaign_id' | 'channel_id',
): Promise<Map<string, number>> {
  const { sql, params } = where(query);
  const key = by ?? "''";
  const { rows } = await q.query<{ key: string; value: number }>(
    `SELECT ${key} AS key, sum(value) AS value FROM metric_rollups WHERE ${sql} GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.key, Number(r.value)]));
}

/** Several metrics at once, from the daily rollups, for a screen that shows them side by side. */
export interface DailySumsQuery extends Omit<RollupQuery, 'metric' | 'grain'> {
  metrics: readonly EventMetric[];
}

export interface DailySum {
  metric: EventMetric;
  /** The value of the dimension summed by ('' for none); null on a row of one day. */
  key: string | null;
  /** The UTC day (YYYY-MM-DD) of a row of one day; null on a row of one dimension value. */
  day: string | null;
  value: number;
}

/**
 * Sums of several metrics over the range in one read of the daily rollups: per metric and value of
 * the dimension `by`, and with `perDay` also per metric and day (GROUPING SETS: a year comes back as
 * a few thousand rows, not one per metric, dimension and day).
 */
export async function readDailySums(
  q: Queryable,
  query: DailySumsQuery,
  by: 'strategy_id' | 'campaign_id' | 'channel_id',
  perDay: boolean,
): Promise<DailySum[]> {
  const { sql, params } = where({ ...query, grain: 'day' });
  const [day, sets] = perDay
    ? ["to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD')", `GROUPING SETS ((metric, ${by}), (metric, bucket))`]
    : ['NULL::text', `metric, ${by}`];
  const { rows } = await q.query<{ metric: EventMetric; key: string | null; day: string | null; value: number }>(
    `SELECT metric, ${by} AS key, ${day} AS day, sum(value) AS value FROM metric_rollups WHERE ${sql} GROUP BY ${sets}`,
    params,
  );
  return rows.map((r) => ({ metric: r.metric, key: r.key, day: r.day, value: Number(r.value) }));
}
