/**
 * Measurement benchmark: `npm run bench:measure`.
 *
 * An embedded Postgres in a temp dir (durable: fsync and synchronous commit on; BENCH_EPHEMERAL=1
 * turns them off), migrated, with the demo workspace seeded (its strategy, campaigns, tracked links,
 * published posts and year of history: what a dashboard is about).
 *
 *  (a) Ingest: BENCH_EVENTS (default 10,000,000) generated events through `recordEvents`, in batches of
 *      BENCH_BATCH (10,000) on BENCH_CONCURRENCY connections (2: this machine kind has 2 cores), in
 *      time order over the past year as they arrive in life: three quarters link clicks and unique
 *      visitors (value 1, on the demo's tracked links), a quarter network metrics (likes, reposts,
 *      replies, impressions, engagements on its published posts). Target: ≥ 20,000 events/s.
 *      Baseline in the same run: the same statement and the same events into a table like
 *      metric_events (same columns, indexes and foreign key) without the rollup trigger — what the
 *      rollups cost. BENCH_BASELINE_EVENTS (default: as many) runs it on fewer.
 *  (b) The strategy dashboard (`getStrategyDashboard`) as it opens: the 90 days up to today compared
 *      with the 90 before, on a pool of 10; p50/p95 over BENCH_RUNS (100) after 3 warm-ups. Target:
 *      p95 < 100 ms. Its reads of the rollups also apart — each KPI's values (`loadKpiValues`), the
 *      range's sums and the campaigns' responses (`readDailySums`, GROUPING SETS) — and beside each the
 *      same questions answered from the raw metric_events (GROUP BY date_trunc), over BENCH_RAW_RUNS
 *      (10; each run scans millions of rows), with the ratio; the two answers are checked to be equal.
 *      Beside the whole dashboard: all its rollup reads answered from the raw events.
 * The tables are vacuumed and analysed between (a) and (b), as autovacuum would after such a load.
 * Exit code 1 when a target is missed or the answers differ.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPool, withDatabase, type Pool, type Queryable } from '../src/db/pool.ts';
import { DemoRandom } from '../src/demo/random.ts';
import { DEMO_STRATEGY, seedDemo } from '../src/demo/seed-demo.ts';
import { readCampaignResponses } from '../src/measure/dashboards/campaign-responses.ts';
import { getStrategyDashboard } from '../src/measure/dashboards/get-strategy-dashboard.ts';
import { type DashboardOptions, type DashboardRange, dashboardOptions, resolveRange } from '../src/measure/dashboards/range.ts';
import { readRangeSums } from '../src/measure/dashboards/range-sums.ts';
import { responseMeasure } from '../src/measure/dashboards/response-metric.ts';
import { TOTAL_METRICS } from '../src/measure/dashboards/schema.ts';
import { type DailySum, type EventMetric, type MetricEvent, insertEvents, recordEvents } from '../src/measure/events.ts';
import { KPI_WINDOW_DAYS, kpiDailyInputs, loadKpiValues, measuredKpiValues } from '../src/measure/kpi-values.ts';
import { addDays } from '../src/plan/dates.ts';
import type { KpiValue } from '../src/plan/kpi-progress.ts';
import type { Campaign, Strategy } from '../src/plan/schema.ts';
import { getStrategy, listCampaignsOf } from '../src/plan-store/store.ts';
import { generateKey, makeKeyring } from '../src/secrets/envelope.ts';
import { installKeyring } from '../src/secrets/keyring.ts';
import { cpuSeconds } from './cpu.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const BASELINE_EVENTS = Math.min(EVENTS, Number(process.env.BENCH_BASELINE_EVENTS ?? EVENTS));
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS ?? 10);
const TARGET_EVENTS_PER_S = 20_000;
const TARGET_P95_MS = 100;
const DAY_MS = 86_400_000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-bench-measure-'));
chmodSync(dir, 0o755); // Postgres runs as its own user and must enter it.
const pgDir = path.join(dir, 'pg');
const server = await startEmbeddedPostgres({ dataDir: pgDir, ephemeral: process.env.BENCH_EPHEMERAL === '1' });
let pool: Pool | undefined;
/** The raw queries' pool: as many connections, but no 5 s limit on waiting for one (a raw query takes seconds). */
let rawPool: pg.Pool | undefined;
let failed = false;

const rank = (n: number, p: number) => Math.min(n - 1, Math.ceil((p / 100) * n) - 1);
const pct = (sorted: readonly number[], p: number) => sorted[rank(sorted.length, p)]!;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

// ——— (a) the events ———

interface Dimensions {
  campaignId: string | null;
  channelId: string;
  postId: string | null;
  variantId: string | null;
  linkId: string | null;
}
const NETWORK_METRICS: readonly (readonly [EventMetric, number])[] = [
  ['impressions', 40],
  ['engagements', 5],
  ['likes', 4],
  ['reposts', 1],
  ['replies', 1],
];

/** Batch `index` of the generated stream: the same events for the same index, in time order over the year up to `end`. */
function batchOf(
  index: number,
  size: number,
  total: number,
  ctx: { workspaceId: string; end: number; links: Dimensions[]; posts: Dimensions[] },
) {
  const r = new DemoRandom(`bench/batch/${index}`);
  const events: MetricEvent[] = [];
  const start = ctx.end - 365 * DAY_MS;
  for (let i = 0; i < size; i++) {
    const n = index * size + i;
    const occurredAt = new Date(start + ((n + r.next()) / total) * 365 * DAY_MS);
    const base = { workspaceId: ctx.workspaceId, occurredAt, source: 'link' as const, strategyId: DEMO_STRATEGY };
    if (r.next() < 0.75) {
      events.push({ ...base, ...r.pick(ctx.links), metric: r.next() < 0.7 ? 'link_clicks' : 'unique_visitors', value: 1 });
    } else {
      const [metric, scale] = r.pick(NETWORK_METRICS);
      events.push({ ...base, ...r.pick(ctx.posts), source: 'network', metric, value: 1 + Math.floor(r.next() * scale) });
    }
  }
  return events;
}

interface Rate {
  perSecond: number;
  /** CPU ms per 1,000 events: this process (generating and sending), and Postgres. */
  cpu: { node: number; postgres: number };
}

/** Ingests `total` events with `write`, CONCURRENCY batches in flight: events per second (wall clock, generation included) and CPU. */
async function ingest(
  total: number,
  write: (events: MetricEvent[]) => Promise<void>,
  make: (index: number, size: number) => MetricEvent[],
  label: string,
): Promise<Rate> {
  const batches = Math.ceil(total / BATCH);
  let next = 0;
  let done = 0;
  const cpu0 = cpuSeconds(pgDir);
  const t0 = performance.now();
  let reported = t0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < batches; index = next++) {
        const size = Math.min(BATCH, total - index * BATCH);
        await write(make(index, size));
        done += size;
        if (performance.now() - reported > 30_000) {
          reported = performance.now();
          console.log(`  ${label}: ${int(done)} of ${int(total)}, ${int(done / ((reported - t0) / 1000))} events/s so far`);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(pgDir);
  const per1000 = (a: number, b: number) => ((b - a) * 1e6) / total;
  return { perSecond: total / seconds, cpu: { node: per1000(cpu0.node, cpu1.node), postgres: per1000(cpu0.postgres, cpu1.postgres) } };
}

/** What the CPU figures allow on this machine's cores when nothing else runs: both sides busy at once. */
const ceiling = (r: Rate) => (os.cpus().length * 1000) / ((r.cpu.node + r.cpu.postgres) / 1000);

// ——— (b) the dashboard ———

/** What a dashboard read returns, in one comparable shape: "question → number". */
type Answers = Map<string, number>;

interface Scope {
  workspaceId: string;
  strategy: Strategy;
  campaigns: Campaign[];
  options: DashboardOptions;
  range: DashboardRange;
}

/** The metrics readRangeSums reads (the dashboard's totals and posts), and the dimension it sums by. */
const RANGE_METRICS: readonly EventMetric[] = [...TOTAL_METRICS, 'posts_published'];

const sumAnswers = (out: Answers, label: string, rows: readonly DailySum[]) => {
  for (const r of rows) out.set(`${label} ${r.metric} ${r.key ?? ''} ${r.day ?? ''}`, r.value);
};

/** The dashboard's reads of the rollups, as it makes them: its range (and the previous period) and the campaigns' responses. */
async function sumsFromRollups(q: Queryable, s: Scope): Promise<Answers> {
  const [sums, responses] = await Promise.all([
    readRangeSums(q, { workspaceId: s.workspaceId, strategyId: s.strategy.id }, s.range),
    readCampaignResponses(q, s.workspaceId, s.strategy.id, s.campaigns, s.options.asOf),
  ]);
  const out: Answers = new Map();
  sumAnswers(out, 'current', sums.current);
  sumAnswers(out, 'previous', sums.previous ?? []);
  for (const r of responses) if (r.actual !== null) out.set(`response ${r.id}`, r.actual);
  return out;
}

/** The same questions from the raw events: the same GROUPING SETS over date_trunc of each event's time. */
async function sumsFromEvents(q: Queryable, s: Scope): Promise<Answers> {
  const period = async (p: { start: Date; end: Date }) =>
    (
      await q.query<DailySum>(
        `SELECT metric, coalesce(channel_id, '') AS key, to_char(date_trunc('day', occurred_at, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
                sum(value) AS value
           FROM metric_events
          WHERE workspace_id = $1 AND strategy_id = $2 AND metric = ANY($3) AND occurred_at >= $4 AND occurred_at < $5
          GROUP BY GROUPING SETS ((metric, coalesce(channel_id, '')), (metric, date_trunc('day', occurred_at, 'UTC')))`,
        [s.workspaceId, s.strategy.id, RANGE_METRICS, p.start, p.end],
      )
    ).rows.map((r) => ({ ...r, key: r.day === null ? r.key : null, value: Number(r.value) }));
  const measures = [...new Set(s.campaigns.map(responseMeasure).filter((m): m is EventMetric => m !== null))];
  const [current, previous, responses] = await Promise.all([
    period(s.range),
    s.range.previous ? period(s.range.previous) : [],
    q.query<{ metric: string; campaign_id: string; value: number }>(
      `SELECT metric, coalesce(campaign_id, '') AS campaign_id, sum(value) AS value FROM metric_events
        WHERE workspace_id = $1 AND strategy_id = $2 AND metric = ANY($3) AND occurred_at < ($4::date + 1)::timestamp AT TIME ZONE 'UTC'
        GROUP BY 1, 2`,
      [s.workspaceId, s.strategy.id, measures, s.options.asOf],
    ),
  ]);
  const out: Answers = new Map();
  sumAnswers(out, 'current', current);
  sumAnswers(out, 'previous', previous);
  for (const c of s.campaigns) {
    const measure = responseMeasure(c);
    if (measure === null) continue;
    const row = responses.rows.find((r) => r.metric === measure && r.campaign_id === c.id);
    out.set(`response ${c.id}`, Number(row?.value ?? 0));
  }
  return out;
}

const kpiAnswers = (values: Map<string, KpiValue[]>): Answers => {
  const out: Answers = new Map();
  for (const [kpi, list] of values) for (const v of list) out.set(`kpi ${kpi} ${v.date}`, v.value);
  return out;
};

/** loadKpiValues with its daily sums taken from the raw events instead of the rollups (its other reads as they are). */
async function rawKpiValues(q: Queryable, s: Scope): Promise<Map<string, KpiValue[]>> {
  const { strategy, workspaceId } = s;
  const asOf = s.options.asOf;
  const from = addDays(strategy.period.start, -KPI_WINDOW_DAYS);
  const needed = kpiDailyInputs(strategy.objectives.flatMap((o) => o.kpis));
  const [daily, followers, costs, entered] = await Promise.all([
    q.query<{ metric: string; campaign_id: string; channel_id: string; day: string; value: number }>(
      `SELECT metric, CASE WHEN metric = ANY($6) THEN coalesce(campaign_id, '') ELSE '' END AS campaign_id,
              CASE WHEN metric = ANY($7) THEN coalesce(channel_id, '') ELSE '' END AS channel_id,
              (date_trunc('day', occurred_at, 'UTC') AT TIME ZONE 'UTC')::date::text AS day, sum(value) AS value
         FROM metric_events
        WHERE workspace_id = $1 AND strategy_id = $2 AND occurred_at >= $3::date::timestamp AT TIME ZONE 'UTC'
          AND occurred_at < ($4::date + 1)::timestamp AT TIME ZONE 'UTC' AND metric = ANY($5)
        GROUP BY 1, 2, 3, 4`,
      [workspaceId, strategy.id, from, asOf, needed.metrics, needed.byCampaign, needed.byChannel],
    ),
    q.query<{ channel_id: string; day: string; followers: number }>(
      'SELECT channel_id, day, followers FROM follower_snapshots WHERE workspace_id = $1 AND strategy_id = $2 AND day >= $3 AND day <= $4',
      [workspaceId, strategy.id, from, asOf],
    ),
    q.query<{ campaign_id: string; day: string; amount: string }>(
      `SELECT c.campaign_id, c.spent_on AS day, sum(c.amount) AS amount
         FROM campaign_costs c JOIN campaigns k ON k.workspace_id = c.workspace_id AND k.id = c.campaign_id
        WHERE c.workspace_id = $1 AND k.strategy_id = $2 AND c.spent_on <= $3 GROUP BY 1, 2`,
      [workspaceId, strategy.id, asOf],
    ),
    q.query<{ kpi_id: string; day: string; value: number }>(
      'SELECT kpi_id, day, value FROM kpi_values WHERE workspace_id = $1 AND strategy_id = $2 AND day <= $3 ORDER BY day, entered_at',
      [workspaceId, strategy.id, asOf],
    ),
  ]);
  const inputs = {
    daily: daily.rows.map((r) => ({
      metric: r.metric,
      campaignId: r.campaign_id,
      channelId: r.channel_id,
      day: r.day,
      value: Number(r.value),
    })),
    followers: followers.rows.map((r) => ({ channelId: r.channel_id, day: r.day, followers: r.followers })),
    costs: costs.rows.map((r) => ({ campaignId: r.campaign_id, day: r.day, amount: Number(r.amount) })),
    listening: [],
  };
  const kpis = strategy.objectives.flatMap((o) => o.kpis);
  const values = new Map(kpis.map((k) => [k.id, measuredKpiValues(k, strategy, inputs, asOf)]));
  for (const row of entered.rows) values.get(row.kpi_id)?.push({ date: row.day, value: Number(row.value) });
  return values;
}

/** Times `fn` `runs` times after `warmups`; sorted durations in ms and the last answer. */
async function timed(
  fn: () => Promise<Answers>,
  runs: number,
  warmups: number,
): Promise<{ times: number[]; answer: Answers; cpuMs: number }> {
  let answer: Answers = new Map();
  for (let i = 0; i < warmups; i++) answer = await fn();
  const times: number[] = [];
  const cpu0 = cpuSeconds(pgDir);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    answer = await fn();
    times.push(performance.now() - t0);
  }
  const cpu1 = cpuSeconds(pgDir);
  const cpuMs = ((cpu1.node - cpu0.node + cpu1.postgres - cpu0.postgres) * 1000) / runs;
  return { times: times.sort((a, b) => a - b), answer, cpuMs };
}

/** Keys that differ between two answers (values compared to 1e-9 relative: sums in another order). */
function differences(a: Answers, b: Answers): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => {
    const x = a.get(k);
    const y = b.get(k);
    return x === undefined || y === undefined || Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  });
}

try {
  console.log(
    `measure benchmark: ${int(EVENTS)} events in batches of ${int(BATCH)} on ${CONCURRENCY} connections; ` +
      `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)} at the start (other processes share them)${process.env.BENCH_EPHEMERAL === '1' ? '; fsync off' : ''}\n`,
  );
  await ensureDatabase(server.url, 'bench');
  pool = createPool(withDatabase(server.url, 'bench'), 10);
  rawPool = new pg.Pool({ connectionString: withDatabase(server.url, 'bench'), max: 10 });
  // An idle connection's error (the server stopping at the end) is not a result; a query's error is thrown.
  rawPool.on('error', () => {});
  await migrate(pool);
  installKeyring(makeKeyring([generateKey()]));
  const now = new Date();
  const t0 = performance.now();
  await seedDemo(pool, () => {}, { now });
  console.log(`demo workspace seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const db = pool;
  const workspaceId = (await db.query<{ id: string }>("SELECT id FROM workspaces WHERE slug = 'demo'")).rows[0]!.id;
  const dims = async (sql: string) =>
    (await db.query<{ c: string | null; ch: string; p: string | null; v: string | null; l: string | null }>(sql, [workspaceId])).rows.map(
      (r): Dimensions => ({ campaignId: r.c, channelId: r.ch, postId: r.p, variantId: r.v, linkId: r.l }),
    );
  const ctx = {
    workspaceId,
    end: now.getTime(),
    links: await dims(
      'SELECT campaign_id AS c, channel_id AS ch, post_id AS p, variant_id AS v, id AS l FROM tracked_links WHERE workspace_id = $1',
    ),
    posts: await dims(
      `SELECT p.campaign_id AS c, v.channel_id AS ch, p.id AS p, v.id AS v, NULL AS l
         FROM post_variants v JOIN posts p ON p.id = v.post_id WHERE v.workspace_id = $1 AND v.state = 'published'`,
    ),
  };
  const make = (index: number, size: number) => batchOf(index, size, EVENTS, ctx);

  // (a) ingest
  console.log(`(a) ingest through recordEvents (rollups kept by the trigger)…`);
  const withRollups = await ingest(EVENTS, (events) => recordEvents(db, events), make, 'recordEvents');
  await db.query('CREATE TABLE bench_raw_events (LIKE metric_events INCLUDING ALL)');
  await db.query('ALTER TABLE bench_raw_events ADD FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE');
  console.log(`    the baseline: ${int(BASELINE_EVENTS)} of the same events into a copy of the table without the trigger…`);
  const raw = await ingest(BASELINE_EVENTS, (events) => insertEvents(db, 'bench_raw_events', events), make, 'baseline');
  const { rows: sizes } = await db.query<{ events: string; rollups: string; hours: string }>(
    `SELECT (SELECT count(*) FROM metric_events) AS events, (SELECT count(*) FROM metric_rollups) AS rollups,
            (SELECT count(*) FROM metric_rollups WHERE grain = 'hour') AS hours`,
  );
  const okIngest = withRollups.perSecond >= TARGET_EVENTS_PER_S;
  const cpuLine = (r: Rate) =>
    `CPU per 1,000: node ${r.cpu.node.toFixed(0)} ms, postgres ${r.cpu.postgres.toFixed(0)} ms → at most ~${int(ceiling(r))}/s on ${os.cpus().length} idle cores`;
  console.log(
    [
      `    with rollups     ${int(withRollups.perSecond).padStart(8)} events/s   ${cpuLine(withRollups)}`,
      `    without trigger  ${int(raw.perSecond).padStart(8)} events/s   ${cpuLine(raw)}   (${int(BASELINE_EVENTS)} events${BASELINE_EVENTS < EVENTS ? ', fewer: BENCH_BASELINE_EVENTS' : ''})`,
      `    ratio            ${(withRollups.perSecond / raw.perSecond).toFixed(2)}× the raw insert's rate: the rollups cost ${((1 - withRollups.perSecond / raw.perSecond) * 100).toFixed(0)}% of it`,
      `    target ≥ ${int(TARGET_EVENTS_PER_S)} events/s: ${okIngest ? 'met' : 'MISSED'}`,
      `    ${int(Number(sizes[0]!.events))} events kept in ${int(Number(sizes[0]!.rollups))} rollup rows (${int(Number(sizes[0]!.hours))} hourly)\n`,
    ].join('\n'),
  );

  // (b) dashboard
  await db.query('DROP TABLE bench_raw_events');
  await db.query('VACUUM (ANALYZE) metric_events');
  await db.query('VACUUM (ANALYZE) metric_rollups');
  const today = now.toISOString().slice(0, 10);
  // What the dashboard shows by default (the 90 days up to today), compared with the 90 days before.
  const options = dashboardOptions({ compare: true }, today);
  const scope: Scope = {
    workspaceId,
    strategy: (await getStrategy(db, workspaceId, DEMO_STRATEGY)).doc,
    campaigns: (await listCampaignsOf(db, workspaceId, DEMO_STRATEGY)).map((c) => c.doc),
    options,
    range: resolveRange(options),
  };
  const { rows: inRange } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM metric_events WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3',
    [workspaceId, scope.range.previous!.start, scope.range.end],
  );
  console.log(
    `(b) the strategy dashboard, ${options.from} – ${options.to} compared with the 90 days before ` +
      `(${int(Number(inRange[0]!.n))} events in those 180 days); rollups ${RUNS} runs, raw events ${RAW_RUNS}`,
  );
  const kpisFast = async () => kpiAnswers(await loadKpiValues(db, workspaceId, scope.strategy, options.asOf));
  const kpisSlow = async () => kpiAnswers(await rawKpiValues(rawPool!, scope));
  const rows: [label: string, fast: () => Promise<Answers>, slow: () => Promise<Answers>, compare: boolean][] = [
    ['KPI values (loadKpiValues)', kpisFast, kpisSlow, true],
    ['range sums and campaign responses (readDailySums)', () => sumsFromRollups(db, scope), () => sumsFromEvents(rawPool!, scope), true],
    [
      'the whole dashboard (getStrategyDashboard) | its rollup reads',
      async () => {
        await getStrategyDashboard(db, workspaceId, DEMO_STRATEGY, options);
        return new Map();
      },
      async () => new Map([...(await kpisSlow()), ...(await sumsFromEvents(rawPool!, scope))]),
      false,
    ],
  ];
  console.log(`    ${''.padEnd(62)}   rollups p50 / p95          raw events p50 / p95      ratio (p50)   CPU per run (node + postgres)`);
  let okDashboard = true;
  let same = true;
  for (const [label, fast, slow, compare] of rows) {
    const a = await timed(fast, RUNS, 3);
    const b = await timed(slow, RAW_RUNS, 1);
    const diff = compare ? differences(a.answer, b.answer) : [];
    if (diff.length) {
      same = false;
      console.log(`    ${label}: ${diff.length} answers differ, e.g. ${diff.slice(0, 3).join('; ')}`);
    }
    if (!compare) okDashboard = pct(a.times, 95) < TARGET_P95_MS;
    console.log(
      `    ${label.padEnd(62)} ${ms(pct(a.times, 50))} / ${ms(pct(a.times, 95))}   ${ms(pct(b.times, 50))} / ${ms(pct(b.times, 95))}` +
        `   ${(pct(b.times, 50) / pct(a.times, 50)).toFixed(0).padStart(6)}×   CPU/run ${a.cpuMs.toFixed(0)} vs ${b.cpuMs.toFixed(0)} ms` +
        (compare ? `   (${a.answer.size} answers${diff.length ? ', DIFFERENT' : ', the same'})` : ''),
    );
  }
  console.log(
    `    target: the whole dashboard's p95 < ${TARGET_P95_MS} ms: ${okDashboard ? 'met' : 'MISSED'} · load average ${os.loadavg()[0]!.toFixed(2)} at the end`,
  );
  failed = !okIngest || !okDashboard || !same;
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await pool?.end();
  await rawPool?.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
