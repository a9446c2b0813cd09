/**
 * The polling job on pg-boss: a tick queues one poll per connected account that has a connector
 * reading notifications, and the poll records the account's mentions (the real MastodonConnector
 * against the fixture server); accounts on networks the inbox cannot read are left alone.
 */
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { serveFixture, type FixtureServer } from '../../test/mastodon-fixture-server.ts';
import { connectChannel, quiet, seedWorkspace, until } from '../../test/worker-fixtures.ts';
import { MastodonConnector } from '../connectors/mastodon/mastodon.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { postgresSandboxReceiptStore } from '../connections/sandbox-receipt-store.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { createOutbound } from '../outbound/client.ts';
import { startBoss } from '../scheduler/jobs.ts';
import { INBOX_POLL_TICK_QUEUE, scheduleInboxPolling } from './poll-job.ts';

let db: TestDatabase;
let boss: PgBoss;
let server: FixtureServer;

beforeAll(async () => {
  [db, server] = await Promise.all([createTestDatabase(), serveFixture('inbox')]);
  boss = await startBoss(db.url);
});
afterAll(async () => {
  await boss?.stop({ graceful: false, close: true });
  await server?.close();
  await db?.drop();
});

describe('the inbox polling job', () => {
  it('a tick polls each account whose connector reads notifications, and stores its cursor', async () => {
    const f = await seedWorkspace(db.pool);
    const mastodon = await connectChannel(db.pool, f, 'mastodon', 'mastodon', { url: server.url }, { accessToken: 'test-token' });
    await connectChannel(db.pool, f, 'social', 'sandbox');
    const registry = new ConnectorRegistry([
      new MastodonConnector({ outbound: createOutbound({ allow: ['127.0.0.1'] }) }),
      new SandboxConnector(postgresSandboxReceiptStore(db.pool)),
    ]);
    await scheduleInboxPolling(boss, db.pool, registry, { log: quiet });
    await boss.send(INBOX_POLL_TICK_QUEUE, {});
    await until(
      async () => (await db.pool.query('SELECT 1 FROM inbox_cursors WHERE connection_id = $1', [mastodon])).rowCount === 1,
      20_000,
    );
    const { rows } = await db.pool.query<{ connection_id: string; cursor: string; last_error: string | null }>(
      'SELECT connection_id, cursor, last_error FROM inbox_cursors',
    );
    expect(rows).toEqual([{ connection_id: mastodon, cursor: '503', last_error: null }]);
    expect((await db.pool.query('SELECT 1 FROM inbox_items WHERE workspace_id = $1', [f.workspaceId])).rowCount).toBe(3);
    expect(server.mismatches).toEqual([]);
  }, 40_000);
});
