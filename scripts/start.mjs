// `npm start`: build the web app and the server when their sources are newer than their builds, then
// run the compiled server with plain node. `--build-only` stops after the builds (the browser tests use it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildServer, newest, SERVER_DIR, serverBuildIsFresh } from './server-build.mjs';

const built = 'dist/web/index.html';
// The web app bundles pure modules from src/ too (plan model, rules, post limits): any change there counts.
const sources = Math.max(newest('web'), newest('src'), statSync('vite.config.ts').mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  // Vite builds React's development version when NODE_ENV says so (vitest sets it to "test"): the
  // browser tests must run the build users get.
  const env = { ...process.env, NODE_ENV: 'production' };
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!serverBuildIsFresh()) {
  try {
    buildServer();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
if (process.argv.includes('--build-only')) process.exit(0);
const server = spawn(process.execPath, [path.join(SERVER_DIR, 'main.js')], { stdio: 'inherit' });
// Pass stop signals on, so the server can stop its embedded Postgres cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
