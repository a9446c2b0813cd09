/**
 * API benchmark: `npm run bench:api`.
 *
 * An embedded Postgres in a temp dir (durable; BENCH_EPHEMERAL=1 turns fsync off), migrated, with one
 * workspace seeded: 10 strategies (the Northwind example under ten ids), 50 campaigns (5 each),
 * 10,000 posts over 2027 with one or two variants (bulk SQL), and a read API token. The app runs as
 * `npm start` runs it (the compiled build, `node dist/server/main.js`, SERVICES=web) in a child process on that
 * database, and a bare Fastify hello-world in another child process: autocannon runs here, in the
 * benchmark's own process, so the load generator never shares an event loop with the server it
 * measures. BENCH_CPU_PROF=<dir> starts the app with `--cpu-prof` into that directory; BENCH_ROWS=<regexp>
 * runs only the rows whose name matches. BENCH_STATEMENTS=1 loads pg_stat_statements and prints, under
 * each row, the statements per request with their planning and execution time.
 *
 * Each row: autocannon with BENCH_CONNECTIONS (50) connections for BENCH_SECONDS (10) s after a
 * 1 s warm-up; req/s, p50/p99 latency and the ratio to bare Fastify from the same run. Targets:
 * reads ≥ 25% of bare with p99 < 25 ms; posts list and calendar ≥ 15%; POST /lint ≥ 1,000 req/s.
 * With each row the CPU per request of the server's process and of Postgres. Prints the RSS of the app's process and of Postgres (its processes' PSS, summed) before and after.
 * Exit code 1 when a target is missed or a request failed.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiToken } from '../src/account/create-api-token.ts';
import type { Actor } from '../src/auth/actor.ts';
import { createUser } from '../src/auth/create-user.ts';
import { ensureDatabase } from '../src/db/database.ts';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPool, withDatabase } from '../src/db/pool.ts';
import { loadPlanText } from '../src/plan/load.ts';
import type { Campaign, Strategy } from '../src/plan/schema.ts';
import { saveCampaign } from '../src/plan-store/save-campaign.ts';
import { saveStrategy } from '../src/plan-store/save-strategy.ts';
import { generateKey, keyToBase64 } from '../src/secrets/envelope.ts';
import { createWorkspace } from '../src/workspace/create-workspace.ts';
import { cpuSeconds } from './cpu.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const STRATEGIES = 10;
const CAMPAIGNS_PER_STRATEGY = 5;
const POSTS = 10_000;
/** Only the rows whose name matches (a regular expression), e.g. while profiling one route. */
const ONLY = new RegExp(process.env.BENCH_ROWS ?? '', 'i');

const dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-bench-api-'));
chmodSync(dir, 0o755); // Postgres runs as its own user and must enter it.
const pgDir = path.join(dir, 'pg');
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';
const server = await startEmbeddedPostgres({
  dataDir: pgDir,
  ephemeral: process.env.BENCH_EPHEMERAL === '1',
  flags: STATEMENTS ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on'] : [],
});
const children: ChildProcess[] = [];
let failed = false;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Resident memory of one process (VmRSS), in bytes. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : 0;
}

/** CPU seconds one process has used. */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // USER_HZ
}

/** Postgres's memory: the PSS of its postmaster and children, so shared buffers count once. */
function postgresMemory(): number {
  const postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (Number(pid) !== postmaster && ppid !== postmaster) continue;
      const pss = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += pss ? Number(pss[1]) * 1024 : 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Starts a Node process and resolves with it once it printed `ready` (a string on stdout). */
async function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = ready.exec(output);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
  return { child, match };
}

const BARE_FASTIFY = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log('listening on ' + app.server.address().port);
`;

interface Row {
  name: string;
  /** Target: a share of bare Fastify's req/s, or req/s; p99 in ms. */
  target: { ratio?: number; perSecond?: number; p99?: number };
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** `pid`: the server's process, whose CPU per request is counted (and Postgres's, for the app). */
async function run(row: Pick<Row, 'url' | 'method' | 'headers' | 'body'>, seconds: number, pid: number) {
  const cpu0 = { server: cpuOf(pid), postgres: cpuSeconds(pgDir).postgres };
  const result = await autocannon({ ...row, connections: CONNECTIONS, duration: seconds });
  const requests = Math.max(1, result.requests.total);
  return {
    perSecond: result.requests.total / result.duration,
    cpuMs: {
      server: ((cpuOf(pid) - cpu0.server) * 1000) / requests,
      postgres: ((cpuSeconds(pgDir).postgres - cpu0.postgres) * 1000) / requests,
    },
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    /** What the failures were: status codes other than 2xx, errors (timeouts included). */
    failed: [
      ...Object.entries(result.statusCodeStats)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, { count }]) => `${int(count)}× ${code}`),
      ...(result.errors ? [`${int(result.errors)} errors`] : []),
    ].join(', '),
  };
}

/** The statements behind one row: calls per request, planning and execution time per call (pg_stat_statements). */
async function printStatements(pool: ReturnType<typeof createPool>, requests: number): Promise<void> {
  const { rows } = await pool.query<{ calls: string; plan: number; exec: number; query: string }>(
    `SELECT calls, mean_plan_time AS plan, mean_exec_time AS exec, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 8`,
  );
  for (const s of rows) {
    console.log(
      `    ${(Number(s.calls) / requests).toFixed(2)}/req  plan ${s.plan.toFixed(3)} ms  exec ${s.exec.toFixed(3)} ms  ${s.query.slice(0, 110)}`,
    );
  }
}

async function seed(url: string): Promise<{ workspace: string; token: string }> {
  const pool = createPool(url, 4);
  try {
    await migrate(pool);
    const user = (await createUser(pool, { email: 'bench@example.com', name: 'Bench', passwordHash: 'x' }))!;
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, via: 'session' };
    const workspace = await createWorkspace(pool, actor, { name: 'Bench', timezone: 'Europe/Berlin' });
    const { token } = await createApiToken(pool, actor, { name: 'bench', workspace: workspace.id, access: 'read' });
    const plan = loadPlanText(
      ['strategy.yaml', 'campaign-event.yaml', 'campaign-product-launch.yaml']
        .map((f) => readFileSync(path.join('examples/northwind', f), 'utf8'))
        .join('\n---\n'),
    );
    const strategy = plan.documents.find((d) => d.doc.kind === 'strategy')!.doc as Strategy;
    const campaigns = plan.documents.filter((d) => d.doc.kind === 'campaign').map((d) => d.doc as Campaign);
    const ctx = { workspaceId: workspace.id, actor };
    for (let s = 1; s <= STRATEGIES; s++) {
      const id = `bench-${s}`;
      await saveStrategy(pool, ctx, { ...strategy, id, name: `${strategy.name} (${s})` }, 'create');
      for (let c = 1; c <= CAMPAIGNS_PER_STRATEGY; c++) {
        const base = campaigns[c % campaigns.length]!;
        await saveCampaign(pool, ctx, { ...base, id: `${id}-c${c}`, strategy: id, name: `${base.name} (${s}.${c})` }, 'create');
      }
    }
    // Posts over 2027 in every state a calendar shows, three in four in a campaign; a variant on
    // Instagram, and on Bluesky for every other post.
    await pool.query(
      `WITH p AS (
         INSERT INTO posts (workspace_id, strategy_id, campaign_id, state, scheduled_at, timezone, created_by, content_updated_by)
         SELECT $1, 'bench-' || (1 + i % $3), CASE WHEN i % 4 = 0 THEN NULL ELSE 'bench-' || (1 + i % $3) || '-c' || (1 + (i / $3) % $4) END,
                (ARRAY['draft', 'in_review', 'approved', 'scheduled', 'published'])[1 + i % 5],
                '2027-01-01T08:00:00Z'::timestamptz + i * (interval '365 days' / $5), 'Europe/Berlin', $2, $2
           FROM generate_series(0, $5 - 1) AS i
         RETURNING id, state, scheduled_at, (hashtext(id::text) % 2 = 0) AS two)
       INSERT INTO post_variants (post_id, workspace_id, channel_id, content, state, due_at, schedule_token, published_at, remote_url)
       SELECT p.id, $1, c.channel, jsonb_build_object('text', 'Fresh roast of the week, brewed three ways: ' || c.channel || ' ' || p.id),
              CASE p.state WHEN 'scheduled' THEN 'scheduled' WHEN 'published' THEN 'published' ELSE 'pending' END,
              CASE WHEN p.state IN ('scheduled', 'published') THEN p.scheduled_at END,
              CASE WHEN p.state = 'scheduled' THEN gen_random_uuid() END,
              CASE WHEN p.state = 'published' THEN p.scheduled_at END,
              CASE WHEN p.state = 'published' THEN 'https://example.com/' || p.id END
         FROM p CROSS JOIN LATERAL (VALUES ('instagram'), ('bluesky')) AS c(channel)
        WHERE c.channel = 'instagram' OR p.two`,
      [workspace.id, user.id, STRATEGIES, CAMPAIGNS_PER_STRATEGY, POSTS],
    );
    await pool.query('VACUUM ANALYZE');
    return { workspace: workspace.slug, token };
  } finally {
    await pool.end();
  }
}

try {
  await ensureDatabase(server.url, 'bench');
  const url = withDatabase(server.url, 'bench');
  let t0 = performance.now();
  const { workspace, token } = await seed(url);
  console.log(
    `Seeded ${STRATEGIES} strategies, ${STRATEGIES * CAMPAIGNS_PER_STRATEGY} campaigns, ${int(POSTS)} posts in ${int(performance.now() - t0)} ms`,
  );

  // As `npm start`: the compiled server, brought up to date first.
  if (spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' }).status !== 0)
    throw new Error('the build failed');
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF;
  t0 = performance.now();
  const app = await startChild(
    [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []), 'dist/server/main.js'],
    {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      DATA_DIR: path.join(dir, 'data'),
      SECRETS_KEY: keyToBase64(generateKey()),
      SERVICES: 'web',
      DEMO: 'false',
      LOG_LEVEL: 'info',
      // One client address sends every request: the per-address lint limit would answer 429.
      LINT_RATE_MAX_PER_IP: '1000000',
    },
    /Groundwork on http:\/\//,
  );
  console.log(`App started in ${int(performance.now() - t0)} ms (pid ${app.child.pid}, node dist/server/main.js, SERVICES=web)`);
  const bare = await startChild(['--input-type=module', '-e', BARE_FASTIFY], process.env, /listening on (\d+)/);
  console.log(
    `Load: autocannon in this process (pid ${process.pid}); the app and bare Fastify each in a child process of their own. ` +
      `${CONNECTIONS} connections, ${SECONDS} s per row after a 1 s warm-up. Load average: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );

  const base = `http://127.0.0.1:${port}/api/v1`;
  const ws = `${base}/workspaces/${workspace}`;
  const auth = { authorization: `Bearer ${token}` };
  const READ = { ratio: 0.25, p99: 25 };
  const LIST = { ratio: 0.15 };
  const rows: Row[] = [
    { name: 'GET /auth/me (API token)', target: READ, url: `${base}/auth/me`, headers: auth },
    { name: 'GET strategies', target: READ, url: `${ws}/strategies`, headers: auth },
    { name: 'GET one strategy', target: READ, url: `${ws}/strategies/bench-3`, headers: auth },
    { name: 'GET posts?limit=50', target: LIST, url: `${ws}/posts?limit=50`, headers: auth },
    {
      name: 'GET calendar (a month)',
      target: LIST,
      // As the web app's calendar asks: one month, up to 2,000 posts.
      url: `${ws}/posts?from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z&limit=2000`,
      headers: auth,
    },
    {
      name: 'POST /lint (example plan)',
      target: { perSecond: 1000 },
      url: `${base}/lint`,
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: readFileSync('examples/northwind/strategy.yaml', 'utf8'),
    },
  ];
  for (const row of rows.filter((r) => ONLY.test(r.name))) {
    const res = await fetch(row.url, { method: row.method ?? 'GET', headers: row.headers, body: row.body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${row.name}: ${res.status} ${text}`);
    row.name += ` [${int(text.length / 1024)} KB]`.replace('[0 KB]', `[${text.length} B]`);
  }

  const pgBefore = postgresMemory();
  const appBefore = rssOf(app.child.pid!);
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/`;
  const barePid = bare.child.pid!;
  const appPid = app.child.pid!;
  await run({ url: bareUrl }, 1, barePid);
  const yardstick = await run({ url: bareUrl }, SECONDS, barePid);
  const line = (name: string, r: Awaited<ReturnType<typeof run>>, extra: string) =>
    console.log(
      `${name.padEnd(38)} ${int(r.perSecond).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  CPU/req ${r.cpuMs.server.toFixed(2)} ms node, ${r.cpuMs.postgres.toFixed(2)} ms pg  ${extra}`,
    );
  line('bare Fastify hello-world', yardstick, '(yardstick)');
  const stats = STATEMENTS ? createPool(url, 1) : undefined;
  await stats?.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  for (const row of rows.filter((r) => ONLY.test(r.name))) {
    await run(row, 1, appPid);
    await stats?.query('SELECT pg_stat_statements_reset()');
    const r = await run(row, SECONDS, appPid);
    const ratio = r.perSecond / yardstick.perSecond;
    const { target } = row;
    const missed =
      (target.ratio !== undefined && ratio < target.ratio) ||
      (target.perSecond !== undefined && r.perSecond < target.perSecond) ||
      (target.p99 !== undefined && r.p99 >= target.p99) ||
      r.failures > 0;
    if (missed) failed = true;
    const wanted = [
      target.ratio !== undefined ? `≥ ${target.ratio * 100}%` : `≥ ${int(target.perSecond!)} req/s`,
      target.p99 !== undefined ? `p99 < ${target.p99} ms` : '',
    ]
      .filter(Boolean)
      .join(', ');
    line(
      row.name,
      r,
      `${(ratio * 100).toFixed(1).padStart(5)}% of bare  target ${wanted}: ${missed ? 'MISSED' : 'met'}${r.failures ? `  (failed: ${r.failed})` : ''}`,
    );
    if (stats) await printStatements(stats, r.perSecond * SECONDS);
  }
  await stats?.end();
  console.log(
    `App RSS ${mb(appBefore)} before, ${mb(rssOf(app.child.pid!))} after; Postgres (PSS) ${mb(pgBefore)} before, ${mb(postgresMemory())} after`,
  );
  console.log(
    `Load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  for (const child of children) {
    // SIGTERM: the app stops cleanly (and writes its CPU profile).
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
