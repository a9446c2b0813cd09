/** The real `groundwork` binary against a real database reached by DATABASE_URL. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/groundwork.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'groundwork-cli-'));
let db: TestDatabase;

async function groundwork(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: db.url } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query("INSERT INTO workspaces (slug, name) VALUES ('acme', 'Acme')");
});
afterAll(async () => {
  await db.drop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('groundwork import / export', () => {
  it('imports the examples, and export → import → export is byte-identical', async () => {
    const imported = await groundwork('import', 'examples/northwind', '--workspace', 'acme');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/created\s+strategy northwind-2027/);
    expect(imported.stdout).toMatch(/created\s+campaign roastery-open-day/);

    const first = await groundwork('export', 'northwind-2027', '--format', 'yaml');
    expect(first.code, first.stderr).toBe(0);
    const file = path.join(tmp, 'northwind.yaml');
    writeFileSync(file, first.stdout);

    const again = await groundwork('import', file);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/unchanged\s+strategy northwind-2027 \(version 1\)/);

    const second = await groundwork('export', 'northwind-2027', '--out', path.join(tmp, 'second.yaml'));
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(path.join(tmp, 'second.yaml'), 'utf8')).toBe(first.stdout);
  });

  it('exports the Markdown master document', async () => {
    const md = await groundwork('export', 'northwind-2027', '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Northwind/m);
    expect(md.stdout).toContain('Roastery open day 2027');
  });

  it('refuses a campaign whose strategy does not exist and stores nothing', async () => {
    const file = path.join(tmp, 'orphan.yaml');
    writeFileSync(
      file,
      readFileSync('examples/northwind/campaign-event.yaml', 'utf8')
        .replace('strategy: northwind-2027', 'strategy: ghost')
        .replace('id: roastery-open-day', 'id: orphan'),
    );
    const res = await groundwork('import', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('plan.campaign_requires_strategy');
    const { rowCount } = await db.pool.query("SELECT 1 FROM campaigns WHERE id = 'orphan'");
    expect(rowCount).toBe(0);
  });

  it('refuses unreadable files with exit 2 and names the line', async () => {
    const file = path.join(tmp, 'broken.yaml');
    writeFileSync(file, 'kind: strategy\nid: x\nperiod: [unclosed\n');
    const res = await groundwork('import', file);
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/\d+:0\s+error/);
  });

  it('names an unknown strategy or workspace clearly', async () => {
    const res = await groundwork('export', 'nope');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('strategy.not_found');
    const ws = await groundwork('export', 'northwind-2027', '--workspace', 'nope');
    expect(ws.stderr).toContain('workspace.not_found');
  });
});
