/**
 * The compiled build `npm start` and the `groundwork` launcher run (dist/server/, made by the test
 * global setup as `npm start` makes it): the CLI answers exactly as the sources do, the launcher picks
 * the build without a TypeScript loader, and every worker thread has its compiled entry. The server
 * itself starts from the build in test/start.test.ts and the crash test.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/groundwork.js');
const BUILD = path.resolve('dist/server');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const { GROUNDWORK_FROM_SOURCE: _source, FORCE_COLOR: _color, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...base, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

// Reports every TypeScript module the process loads, on stderr (module hooks run in a thread of their own).
const HOOK = `import { writeSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.endsWith('.ts')) writeSync(2, 'loaded ' + r.url + '\\n'); return r; }`;
const REPORT_TS = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

describe('the compiled build', () => {
  for (const args of [['lint', 'examples/'], ['lint', '--format', 'json', 'examples/flawed'], ['--version']]) {
    it(`answers groundwork ${args.join(' ')} as the sources do`, async () => {
      const compiled = await node([BIN, ...args], {});
      const source = await node([BIN, ...args], { GROUNDWORK_FROM_SOURCE: '1' });
      expect(compiled).toEqual(source);
      expect(compiled.stdout).not.toBe('');
    });
  }

  it('is what the launcher runs, without loading TypeScript', async () => {
    const compiled = await node(['--import', REPORT_TS, BIN, 'lint', 'examples/'], {});
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(compiled.stderr).toBe('');
    // The probe works: the sources load TypeScript.
    const source = await node(['--import', REPORT_TS, BIN, 'lint', 'examples/'], { GROUNDWORK_FROM_SOURCE: '1' });
    expect(source.stderr).toContain('/src/cli/main.ts');
  });

  it('has a compiled entry for every worker thread', async () => {
    const shims = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('-worker.mjs'));
    expect(shims.length).toBeGreaterThan(0);
    for (const shim of shims) {
      const entry = path.join(BUILD, shim.replace(/\.mjs$/, '.js'));
      const worker = (await import(pathToFileURL(entry).href)) as { default: unknown };
      expect(typeof worker.default, entry).toBe('function');
    }
  });
});
