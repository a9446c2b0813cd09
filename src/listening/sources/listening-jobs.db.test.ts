/**
 * The listening jobs on a real pg-boss and Postgres: the due-check sends a poll for a feed that was
 * never read, the poll job stores its items; a feed read within its interval is not polled again.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectStatus, type PostsTestApp } from '../../../test/posts-app.ts';
import { silentLogger } from '../../logger.ts';
import { startBoss } from '../../scheduler/jobs.ts';
import { startListeningJobs } from './listening-jobs.ts';

let t: PostsTestApp;
let boss: PgBoss;
let server: Server;
let fetches = 0;
let listening: { stop(): Promise<void> };

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><link>https://b.example</link><description>d</description>' +
        '<item><title>Rye news</title><link>https://b.example/1</link><guid>b-1</guid><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>' +
        '</channel></rss>',
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t = await createPostsTestApp();
  boss = await startBoss(t.db.url);
  listening = await startListeningJobs({ boss, pool: t.db.pool, outboundAllow: ['127.0.0.1'], log: silentLogger });
});
afterAll(async () => {
  await listening?.stop();
  await boss?.stop({ graceful: false, close: true });
  await t?.close();
  server?.close();
});

const until = async (what: string, ok: () => Promise<boolean>) => {
  const end = Date.now() + 20_000;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('listening jobs', () => {
  it('polls a due feed through its job, and not again within its interval', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const res = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/sources`, owner.headers, {
      kind: 'rss',
      name: 'Blog',
      config: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml` },
    });
    expectStatus(res, 201);
    await boss.send('listening-due', {});
    const count = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM mentions WHERE workspace_id = $1`, [ws])).rows[0].n;
    await until('the feed item', async () => (await count()) === 1);
    const { rows } = await t.db.pool.query(`SELECT status, last_run_at FROM listening_sources WHERE id = $1`, [res.json().source.id]);
    expect(rows[0].status).toBe('idle');
    expect(rows[0].last_run_at).not.toBeNull();
    expect(fetches).toBe(1);

    const again = (await boss.send('listening-due', {}))!;
    await until('the second due-check', async () => (await boss.getJobById('listening-due', again))?.state === 'completed');
    // It sent nothing: give a poll that would have been sent the time to run.
    await new Promise((r) => setTimeout(r, 3000));
    expect(fetches).toBe(1);
  }, 60_000);
});
