/**
 * The repository's folder (package.json, examples/, dist/web/), found from this module: from the
 * sources it is src/'s parent, from a compiled build (dist/server/) two levels up.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/**
 * A worker thread's entry beside `base` (a module's import.meta.url): from the sources the `.mjs`
 * shim that registers tsx in the thread, from the compiled build the worker's own `.js`.
 */
export function workerEntry(name: string, base: string): string {
  return new URL(base.endsWith('.ts') ? `${name}.mjs` : `${name}.js`, base).href;
}
