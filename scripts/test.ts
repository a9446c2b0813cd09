/**
 * `npm test`: the whole suite on the embedded Postgres, then every database test again against a
 * second, separately started Postgres that the tests reach only through DATABASE_URL — proving
 * the external-database path. Ends with one "N passed, N failed" line over both runs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

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

const { DATABASE_URL: _ignored, ...baseEnv } = process.env;
console.log('\n▶ Suite on the embedded Postgres');
const embedded = vitest('embedded', process.argv.slice(2), baseEnv);

console.log('\n▶ Database tests against an external Postgres given only by DATABASE_URL');
const dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-external-pg-'));
chmodSync(dir, 0o755); // Postgres runs as its own user and must enter the directory.
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
let external: ReturnType<typeof vitest>;
try {
  external = vitest('external', ['.db.test.ts'], { ...baseEnv, DATABASE_URL: server.url });
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const total = {
  passed: embedded.counts.passed + external.counts.passed,
  failed: embedded.counts.failed + external.counts.failed,
  skipped: embedded.counts.skipped + external.counts.skipped,
};
console.log(`\nembedded run: ${embedded.counts.passed} passed, ${embedded.counts.failed} failed; external-Postgres run: ${external.counts.passed} passed, ${external.counts.failed} failed`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(embedded.ok && external.ok && total.failed === 0 ? 0 : 1);
