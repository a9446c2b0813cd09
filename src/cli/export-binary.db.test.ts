/** `groundwork export --format pdf|docx`: binary files to --out or a pipe, never to a terminal. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { pdfInfoString, unzip, xmlText } from '../../test/export-files.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/groundwork.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'groundwork-cli-binary-'));
let db: TestDatabase;

async function groundwork(...args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr: stderr.toString() };
  } catch (e) {
    const err = e as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr.toString() };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query("INSERT INTO workspaces (slug, name) VALUES ('acme', 'Acme')");
  const imported = await groundwork('import', 'examples/northwind');
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(async () => {
  await db.drop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('groundwork export --format pdf|docx', () => {
  it('writes the PDF to a pipe', async () => {
    const res = await groundwork('export', 'northwind-2027', '--format', 'pdf');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.stdout.includes(pdfInfoString('Northwind social media strategy 2027'))).toBe(true);
  });

  it('writes the DOCX to --out', async () => {
    const out = path.join(tmp, 'plan.docx');
    const res = await groundwork('export', 'northwind-2027', '--format', 'docx', '--out', out);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.length).toBe(0);
    const xml = unzip(readFileSync(out)).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(xmlText('Northwind social media strategy 2027'));
    expect(xml).toContain(xmlText('Winter Solstice blend launch'));
  });

  it.runIf(existsSync('/usr/bin/script'))('refuses to write binary to a terminal, before touching the database', async () => {
    // `script` runs the command on a pseudo-terminal, so standard output is a TTY.
    const command = `${process.execPath} ${BIN} export northwind-2027 --format pdf`;
    const res = await run('/usr/bin/script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(res.code).toBe(2);
    expect(res.out).toContain('--out northwind-2027.pdf');
    expect(res.out).not.toContain('%PDF');
  });
});
