/**
 * `npm test`: the unit and API suite on the embedded Postgres (files in parallel); the browser tests
 * one file at a time (each runs a server and a Chromium: on 2 cores, in parallel they starve each
 * other); then every database test again against Debian's PostgreSQL server package (another major
 * version, built separately), reached only through DATABASE_URL — proving the external-database path.
 * Chromium and that server are installed with apt when missing (scripts/system-packages.ts). Before
 * all of them: the typecheck and `npm run lint` (Biome, knip), which stop the run on any finding. Ends with one
 * "N passed, N failed" line over all runs. Arguments are passed to the first run (e.g. a file filter).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, ensureChromium, startDebianPostgres } from './system-packages.ts';

const resultsDir = path.resolve('test-results');
mkdirSync(resultsDir, { recursive: true });

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitest(name: string, args: string[], env: NodeJS.ProcessEnv): { ok: boolean; counts: Counts } {
  const outputFile = path.join(resultsDir, `vitest-${name}.json`);
  rmSync(outputFile, { force: true });
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...args],
    { stdio: 'inherit', env },
  );
  let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const r = JSON.parse(readFileSync(outputFile, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  } catch {
    counts.failed = 1; // no report: the run itself failed
  }
  return { ok: run.status === 0, counts };
}

// The static checks first, in seconds: types, Biome (lint, format, dependency directions), knip (unused code).
for (const [what, script] of [
  ['Types', 'typecheck'],
  ['Lint, format, dependency directions and unused code', 'lint'],
] as const) {
  console.log(`\n▶ ${what} (npm run ${script})`);
  if (spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' }).status !== 0) {
    console.error(`\nnpm run ${script} failed: fix it before the suites run.`);
    process.exit(1);
  }
}

const { DATABASE_URL: _ignored, ...baseEnv } = process.env;
console.log('\n▶ Suite on the embedded Postgres');
const embedded = vitest('embedded', ['--exclude', 'e2e/**', ...process.argv.slice(2)], baseEnv);

console.log('\n▶ Browser tests in Chromium, one file at a time');
ensureChromium(CHROMIUM);
const browser = vitest('browser', ['--no-file-parallelism', 'e2e/'], baseEnv);

console.log("\n▶ Database tests against Debian's PostgreSQL server, given only by DATABASE_URL");
const server = await startDebianPostgres();
console.log(server.version);
let external: ReturnType<typeof vitest>;
try {
  external = vitest('external', ['.db.test.ts'], { ...baseEnv, DATABASE_URL: server.url });
} finally {
  server.stop();
}

const runs = { embedded, browser, 'external-Postgres': external };
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of Object.values(runs)) {
  total.passed += r.counts.passed;
  total.failed += r.counts.failed;
  total.skipped += r.counts.skipped;
}
console.log(
  `\n${Object.entries(runs)
    .map(([name, r]) => `${name} run: ${r.counts.passed} passed, ${r.counts.failed} failed`)
    .join('; ')}`,
);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(Object.values(runs).every((r) => r.ok) && total.failed === 0 ? 0 : 1);
