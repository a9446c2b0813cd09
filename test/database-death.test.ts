/**
 * The embedded database dies under a running server (kill -9 of the postmaster, as the OOM killer
 * would): health says 503 at once, requests get 503 with Retry-After rather than 500, the server
 * starts the database again within 10 s, and SIGTERM still ends the process promptly.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './spawn-server.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-dbdeath-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the embedded database dies', () => {
  it('answers 503 while it is gone, brings it back within 10 s, and still stops on SIGTERM', async () => {
    const { DATABASE_URL: _no, ...env } = process.env;
    const server = await spawnServer({ ...env, DEMO: 'false' }, dataDir);
    const { child, port } = server;
    const base = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      const killed = Date.now();

      const statuses: number[] = [];
      let retryAfter: string | null = null;
      let back = false;
      while (Date.now() - killed < 15_000) {
        const health = await fetch(`${base}/api/health`);
        statuses.push(health.status);
        if (health.status === 503) {
          // A request that needs the database meanwhile: 503 with Retry-After, never a 500.
          const signin = await fetch(`${base}/api/v1/auth/signin`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'nobody@example.com', password: 'not a real password' }),
          });
          if (signin.status === 503) retryAfter = signin.headers.get('retry-after');
          else expect([503, 401], `sign-in while the database is away answered ${signin.status}`).toContain(signin.status);
        }
        if (health.status === 200 && statuses.includes(503)) {
          back = true;
          break;
        }
        await sleep(200);
      }
      expect(statuses, server.output()).toContain(503);
      expect(statuses).not.toContain(500);
      expect(retryAfter).toBe('5');
      expect(back, `health statuses: ${statuses.join(',')}\n${server.output()}`).toBe(true);
      expect(Date.now() - killed).toBeLessThan(10_000);
      expect(server.output()).toContain('stopped unexpectedly; starting it again');
    } finally {
      child.kill('SIGTERM');
    }
    const stopAsked = Date.now();
    const code = await server.exited();
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
    expect(code, server.output()).toBe(0);
  }, 90_000);
});
