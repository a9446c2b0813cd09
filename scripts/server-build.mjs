// The compiled server and CLI: src/ → dist/server/ with tsc, for `npm start` and the `groundwork`
// launcher, which run it with plain node (no TypeScript loader: faster start, less memory). Tests and
// `npm run dev` run the sources through tsx. Rebuilt only when a source is newer than the last build,
// like the web build (dist/web).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_DIR = path.join(ROOT, 'dist', 'server');
/** Written last, dated when the build started: a source saved during a build makes it stale. */
const STAMP = '.built';

/** The newest modification time of the files below `dir` (0 when it has none), files `skip` names left out. */
export function newest(dir, skip = () => false) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !skip(entry.name)) t = Math.max(t, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return t;
}

const SOURCES = path.join(ROOT, 'src');
const CONFIG = path.join(ROOT, 'tsconfig.build.json');
/** Tests are not part of the build: editing one does not make it stale. */
const sourcesChanged = () =>
  Math.max(
    newest(SOURCES, (name) => name.endsWith('.test.ts')),
    statSync(CONFIG).mtimeMs,
    statSync(path.join(ROOT, 'tsconfig.json')).mtimeMs,
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );

export function serverBuildIsFresh(outDir = SERVER_DIR) {
  const stamp = path.join(outDir, STAMP);
  return existsSync(stamp) && statSync(stamp).mtimeMs >= sourcesChanged();
}

/**
 * Compiles src/ into `outDir` (type checking is `npm run typecheck`'s job, so tsc only emits: ~2 s)
 * with the SQL migrations beside db/migrate.js. Built beside `outDir` and swapped in, so a launcher
 * never sees half a build. `outDir` must be inside the repository: the compiled files find
 * node_modules, package.json ("type": "module") and examples/ from there.
 */
export function buildServer(outDir = SERVER_DIR) {
  const started = new Date();
  const next = `${outDir}.next`;
  rmSync(next, { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', CONFIG, '--noCheck', '--outDir', next], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${run.status})`);
  cpSync(path.join(SOURCES, 'db', 'migrations'), path.join(next, 'db', 'migrations'), { recursive: true });
  const stamp = path.join(next, STAMP);
  writeFileSync(stamp, '');
  utimesSync(stamp, started, started);
  const old = `${outDir}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(next, outDir);
  rmSync(old, { recursive: true, force: true });
}
