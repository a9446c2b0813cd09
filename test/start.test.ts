/**
 * `npm start` as a newcomer runs it: a fresh data directory, no DATABASE_URL → embedded Postgres,
 * migrations, a secrets key generated into the data directory, the demo workspace with the examples,
 * the demo user's password on the console.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './spawn-server.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-start-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on a fresh machine', () => {
  it('serves the demo workspace on the embedded database and stops cleanly', async () => {
    // A newcomer has no SECRETS_KEY either (the test setup sets one for this process).
    const { DATABASE_URL: _no, SECRETS_KEY: _none, ...env } = process.env;
    const server = await spawnServer({ ...env }, dataDir);
    const { child, port } = server;
    try {
      const password = /password\s+(\S+)/.exec(server.messages())?.[1];
      expect(password, server.output()).toBeTruthy();
      const base = `http://127.0.0.1:${port}/api/v1`;
      const signin = await fetch(`${base}/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'demo@groundwork.local', password }),
      });
      expect(signin.status).toBe(200);
      const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
      const list = await fetch(`${base}/workspaces/demo/strategies`, { headers: { cookie } });
      const { strategies } = (await list.json()) as { strategies: Array<{ id: string; campaignCount: number }> };
      expect(strategies.find((s) => s.id === 'northwind-2027')?.campaignCount).toBe(2);
      expect((await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).status).toBe(200);
      // A JSON body is parsed in a worker thread (src/plan-store/parse-pool.ts): the compiled build starts its compiled entry.
      const lint = await fetch(`${base}/lint`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'strategy' }),
      });
      expect(lint.status, await lint.clone().text()).toBe(200);
      expect(((await lint.json()) as { summary: { errors: number } }).summary.errors).toBeGreaterThan(0);
      expect(server.messages()).toContain(`Credentials encrypted with the key from ${path.join(dataDir, 'secrets.key')}`);
      expect(statSync(path.join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await server.exited();
    // A graceful stop (exit 0, not 143), and Postgres stopped with the app: no server left holding the data directory.
    expect(code, server.output()).toBe(0);
    expect(server.messages()).toContain('SIGTERM: Groundwork shutting down');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 60_000);
});
