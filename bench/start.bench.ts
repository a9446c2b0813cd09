/**
 * Start-up benchmark: `npm run bench:start`. The compiled build `npm start` runs (dist/server/, plain
 * node) against the yardstick of the same sources through tsx (`node --import tsx src/main.ts`, as
 * `npm start` ran before issue 13), in the same run, alternating.
 *
 * - Server: an embedded Postgres data directory made by a first, unmeasured start (initdb, migrations,
 *   the demo workspace), so every measured start includes starting that Postgres, the migration check
 *   and the demo check, as `npm start` on an existing ./data does. Measured: spawn → first 200 from
 *   /api/health (polled every 5 ms) and the CPU the Node process used until then, then its RSS after
 *   BENCH_IDLE_SECONDS (3) idle.
 * - CLI: `groundwork lint examples/` and `groundwork --help` wall time through the launcher
 *   (bin/groundwork.js), which runs the build when it is fresh, and with GROUNDWORK_FROM_SOURCE=1 (tsx).
 *
 * BENCH_RUNS (5) starts per variant, BENCH_CLI_RUNS (10) CLI runs; medians, with the min–max range, and
 * the CPU time (user + system), which moves far less with the machine's load. BENCH_BASELINE=<dir> adds
 * a third variant: another checkout's sources through tsx (the before of a change).
 * The machine's load average is printed before and after: on a shared machine, wall times move with it.
 * Exit code 1 when `groundwork lint examples/` takes more than 0.3 s (the issue's target) compiled.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/db/embedded.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 10);
const IDLE_MS = Number(process.env.BENCH_IDLE_SECONDS ?? 3) * 1000;
const LINT_TARGET_S = 0.3;

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const range = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** CPU ms one process has used (user + system). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
}

/** Resident memory of one process (VmRSS), in bytes. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : 0;
}

console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('build failed (node scripts/start.mjs --build-only)');

/** BENCH_BASELINE=<dir>: another checkout (e.g. `git worktree add <dir> main`, node_modules linked) run from its sources through tsx too. */
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;

interface Variant {
  name: string;
  /** Node's arguments for the server. */
  server: string[];
  /** The launcher, and its environment. */
  cli: { bin: string; env: NodeJS.ProcessEnv };
}
const VARIANTS: Variant[] = [
  { name: 'compiled', server: ['dist/server/main.js'], cli: { bin: 'bin/groundwork.js', env: {} } },
  { name: 'tsx', server: ['--import', 'tsx', 'src/main.ts'], cli: { bin: 'bin/groundwork.js', env: { GROUNDWORK_FROM_SOURCE: '1' } } },
];
if (BASELINE) {
  VARIANTS.push({
    name: 'baseline',
    server: ['--import', 'tsx', path.join(BASELINE, 'src/main.ts')],
    cli: { bin: path.join(BASELINE, 'bin/groundwork.js'), env: { GROUNDWORK_FROM_SOURCE: '1' } },
  });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-bench-start-'));
chmodSync(dataDir, 0o755); // Postgres runs as its own user and must enter it.
const { DATABASE_URL: _external, ...baseEnv } = process.env;

/** Starts the server, waits for its first answered health check; answers the time that took and the idle RSS. */
async function startOnce(args: readonly string[], idleMs: number): Promise<{ ms: number; cpuMs: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...baseEnv, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    let ms = 0;
    let cpuMs = 0;
    while (!ms) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        ms = performance.now() - started;
        cpuMs = cpuOf(child.pid!);
      } else await sleep(5);
    }
    await sleep(idleMs);
    return { ms, cpuMs, rss: rssOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) console.error(`${args.join(' ')} stopped with exit code ${code}:\n${output}`);
  }
}

/** CPU ms of this process's children that have ended (cutime + cstime): moves far less with the machine's load than wall time. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) * 10; // USER_HZ = 100
}

/** Wall time and CPU time of one CLI run in ms; throws on an unexpected exit code. */
function cliOnce(v: Variant, args: string[]): { ms: number; cpuMs: number } {
  const cpu = childrenCpuMs();
  const started = performance.now();
  const run = spawnSync(process.execPath, [v.cli.bin, ...args], { env: { ...baseEnv, ...v.cli.env }, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${v.name}: groundwork ${args.join(' ')} exited with ${run.status}:\n${run.stdout}${run.stderr}`);
  return { ms, cpuMs: childrenCpuMs() - cpu };
}

const ratios = (of: (name: string) => number, label: string) =>
  VARIANTS.slice(1)
    .map((v) => `compiled / ${v.name} ${label} ${(of('compiled') / of(v.name)).toFixed(2)}`)
    .join(', ');

try {
  console.log(`variants: ${VARIANTS.map((v) => `${v.name} = node ${v.server.join(' ')}`).join('; ')}`);
  // The first start makes the database (initdb, migrations, demo) and fills tsx's cache: not measured.
  for (const v of VARIANTS) await startOnce(v.server, 0);
  const starts = new Map(VARIANTS.map((v) => [v.name, { ms: [] as number[], cpuMs: [] as number[], rss: [] as number[] }]));
  for (let i = 0; i < RUNS; i++) {
    for (const v of VARIANTS) {
      const r = await startOnce(v.server, IDLE_MS);
      const into = starts.get(v.name)!;
      into.ms.push(r.ms);
      into.cpuMs.push(r.cpuMs);
      into.rss.push(r.rss);
    }
  }
  console.log(
    `\nServer start to the first answered /api/health (existing data directory, embedded Postgres started each time), ${RUNS} runs:`,
  );
  for (const [name, r] of starts) {
    console.log(
      `  ${name.padEnd(9)} ${sec(median(r.ms))} (${range(r.ms, sec)}), Node CPU ${sec(median(r.cpuMs))}, idle RSS ${mb(median(r.rss))} (${range(r.rss, mb)})`,
    );
  }
  const of = (k: 'ms' | 'cpuMs' | 'rss') => (name: string) => median(starts.get(name)![k]);
  console.log(`  ${ratios(of('ms'), 'start')}; ${ratios(of('cpuMs'), 'CPU')}; ${ratios(of('rss'), 'idle RSS')}`);

  console.log(`\nCLI (the variant's bin/groundwork.js), ${CLI_RUNS} runs:`);
  let lintCompiled = 0;
  for (const args of [['lint', 'examples/'], ['--help']]) {
    const runs = new Map(VARIANTS.map((v) => [v.name, [] as { ms: number; cpuMs: number }[]]));
    for (let i = 0; i < CLI_RUNS; i++) for (const v of VARIANTS) runs.get(v.name)!.push(cliOnce(v, args));
    const wall = (name: string) => median(runs.get(name)!.map((r) => r.ms));
    const cpu = (name: string) => median(runs.get(name)!.map((r) => r.cpuMs));
    if (args[0] === 'lint') lintCompiled = wall('compiled');
    console.log(`  groundwork ${args.join(' ')}`);
    for (const v of VARIANTS) {
      const ms = runs.get(v.name)!.map((r) => r.ms);
      console.log(`    ${v.name.padEnd(9)} ${sec(wall(v.name))} (${range(ms, sec)}), CPU ${sec(cpu(v.name))}`);
    }
    console.log(`    ${ratios(wall, 'wall')}; ${ratios(cpu, 'CPU')}`);
  }
  const met = lintCompiled / 1000 <= LINT_TARGET_S;
  console.log(`\ngroundwork lint examples/ compiled: ${sec(lintCompiled)}, target ≤ ${LINT_TARGET_S} s: ${met ? 'met' : 'MISSED'}`);
  console.log(`load average after: ${load()}`);
  if (!met) process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
