/**
 * The worker's reconciliation on Mastodon, the way production runs it: the real PublishWorker, pg-boss
 * and Postgres, the real MastodonConnector against a local fixture server (test/fixtures/mastodon).
 */
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { serveFixture, type FixtureServer } from '../../test/mastodon-fixture-server.ts';
import { MastodonConnector } from '../connectors/mastodon/mastodon.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { createOutbound } from '../outbound/client.ts';
import { PgBossPublishQueue, startBoss } from './jobs.ts';
import { connectChannel, quiet, seedScheduled, seedWorkspace, until, variantRow, workerSettings } from '../../test/worker-fixtures.ts';
import { PublishWorker } from './worker.ts';

let db: TestDatabase;
let boss: PgBoss;
let server: FixtureServer | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url);
});
afterAll(async () => {
  await server?.close();
  await boss.stop({ graceful: false, close: true });
  await db.drop();
});

describe('the worker on Mastodon', () => {
  it('a status created by an attempt whose answer was lost is found by lookup on the retry: recorded as found, not posted twice', async () => {
    const f = await seedWorkspace(db.pool);
    const [v] = await seedScheduled(db.pool, f, {
      count: 1,
      dueAt: () => Date.now() - 50,
      channels: ['mastodon'],
      text: () => 'Rye is back at the bakery',
    });
    server = await serveFixture('lost-response', (fixture) => {
      const [create, , list] = fixture.exchanges;
      create!.request.headers!['Idempotency-Key'] = v!.idempotencyKey;
      // Made by attempt 1, after the due time: where lookup looks for it.
      const made = new Date(v!.dueAt.getTime() + 500).toISOString();
      (create!.response.body as { created_at: string }).created_at = made;
      (list!.response.body as { created_at: string }[])[0]!.created_at = made;
    });
    await connectChannel(db.pool, f, 'mastodon', 'mastodon', { url: server.url }, { accessToken: 'test-token' });
    // The fixture server is on 127.0.0.1: allowed, as OUTBOUND_ALLOW would.
    const registry = new ConnectorRegistry([new MastodonConnector({ outbound: createOutbound({ allow: ['127.0.0.1'] }) })]);
    const queue = new PgBossPublishQueue(boss);
    const worker = new PublishWorker({ boss, pool: db.pool, queue, registry, settings: workerSettings, log: quiet });
    worker.start();
    try {
      await queue.enqueue([v!]);
      await until(async () => ['published', 'failed'].includes((await variantRow(db.pool, v!.variantId)).state), 15_000);
    } finally {
      await worker.stop();
    }

    expect(server.mismatches).toEqual([]);
    expect(server.remaining()).toBe(0);
    // The server holds one status: the only create request it got was attempt 1's.
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')).toHaveLength(1);
    expect(await variantRow(db.pool, v!.variantId)).toMatchObject({
      state: 'published',
      post_state: 'published',
      remote_id: '113600000000000042',
      attempts: 2,
      transient_failures: 1,
    });
    expect(worker.stats).toMatchObject({ retry: 1, published: 1, failed: 0 });
    const { rows: audit } = await db.pool.query<{ action: string; after: Record<string, unknown> | null }>(
      `SELECT action, after FROM audit_log WHERE entity_type = 'post' AND entity_id = $1 ORDER BY id`,
      [v!.postId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'post.claim',
      'post.variant_retry',
      'post.retry',
      'post.claim',
      'post.variant_published',
      'post.publish',
    ]);
    expect(audit.find((a) => a.action === 'post.variant_retry')?.after?.error).toMatch(/Mastodon could not be reached \(publish\)/);
    expect(audit.find((a) => a.action === 'post.variant_published')?.after).toMatchObject({ attempt: 2, reconciled: 'found' });
  });
});
