/**
 * The inbox on Mastodon, the way production runs it: the real MastodonConnector against the local
 * fixture server (test/fixtures/mastodon/inbox.json), the poll and the reply on a real Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { serveFixture, type FixtureServer } from '../../test/mastodon-fixture-server.ts';
import { connectChannel, seedWorkspace } from '../../test/worker-fixtures.ts';
import { MastodonConnector } from '../connectors/mastodon/mastodon.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { createOutbound } from '../outbound/client.ts';
import { createInboxItemsFromMentions } from './create-items-from-mentions.ts';
import { pollInboxConnection } from './poll-notifications.ts';
import { sendReply } from './send-reply.ts';

let db: TestDatabase;
let server: FixtureServer;

beforeAll(async () => {
  [db, server] = await Promise.all([createTestDatabase(), serveFixture('inbox')]);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('the inbox on Mastodon', () => {
  it('polls mentions (a reply to the account is a reply) and quotes, resumes from the newest id, and answers threaded under the status', async () => {
    const f = await seedWorkspace(db.pool);
    const connectionId = await connectChannel(db.pool, f, 'mastodon', 'mastodon', { url: server.url }, { accessToken: 'test-token' });
    const registry = new ConnectorRegistry([new MastodonConnector({ outbound: createOutbound({ allow: ['127.0.0.1'] }) })]);

    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toEqual({ kind: 'polled', created: 3, seen: 3 });
    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toEqual({ kind: 'polled', created: 0, seen: 0 });
    const { rows } = await db.pool.query<{ id: string; kind: string; author: string; text: string; parent_external_id: string | null }>(
      'SELECT id, kind, author, text, parent_external_id FROM inbox_items WHERE workspace_id = $1 ORDER BY posted_at',
      [f.workspaceId],
    );
    expect(rows).toMatchObject([
      { kind: 'mention', author: 'fan@other.example', text: 'Is @groundwork open on Sunday?', parent_external_id: null },
      {
        kind: 'reply',
        author: 'pat@other.example',
        text: '@groundwork the rye was lovely & fresh',
        parent_external_id: '113900000000000001',
      },
      // A Mastodon 4.5 quote notification: the quoting status, in a thread of its own.
      { kind: 'quote', author: 'sam@other.example', text: 'Queue early for this one', parent_external_id: null },
    ]);

    const ctx = {
      workspaceId: f.workspaceId,
      actor: { userId: f.userId, email: 'o@example.com', name: 'Owner', via: 'session' as const },
      registry,
    };
    const sent = await sendReply(db.pool, ctx, rows[0]!.id, { text: 'Yes, 8 to 12!' });
    expect(sent.reply).toMatchObject({ state: 'sent', remoteUrl: 'https://other.example/@groundwork/113960000000000001' });
    expect(server.mismatches).toEqual([]);
    expect(server.remaining()).toBe(0);
  });

  it('answers a post listening saw (known by its URI): looked up with a resolving search, then threaded under it', async () => {
    const listening = await serveFixture('inbox-listening');
    try {
      const f = await seedWorkspace(db.pool);
      await connectChannel(db.pool, f, 'mastodon', 'mastodon', { url: listening.url }, { accessToken: 'test-token' });
      const { rows: q } = await db.pool.query<{ id: string }>(
        `INSERT INTO listening_queries (workspace_id, name, query, needs_response) VALUES ($1, 'Brand', 'northwind', true) RETURNING id`,
        [f.workspaceId],
      );
      const { rows: m } = await db.pool.query<{ id: string }>(
        `INSERT INTO mentions (workspace_id, network, external_id, author, text, posted_at, sentiment)
         VALUES ($1, 'mastodon', 'https://other.example/users/sam/statuses/777', 'sam@other.example', 'Northwind''s espresso is too bitter', now(), 'negative')
         RETURNING id`,
        [f.workspaceId],
      );
      expect(await createInboxItemsFromMentions(db.pool, f.workspaceId, [{ mentionId: m[0]!.id, queryIds: [q[0]!.id] }])).toBe(1);
      const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM inbox_items WHERE workspace_id = $1', [f.workspaceId]);
      const registry = new ConnectorRegistry([new MastodonConnector({ outbound: createOutbound({ allow: ['127.0.0.1'] }) })]);
      const ctx = {
        workspaceId: f.workspaceId,
        actor: { userId: f.userId, email: 'o@example.com', name: 'Owner', via: 'session' as const },
        registry,
      };
      const sent = await sendReply(db.pool, ctx, rows[0]!.id, { text: 'Sorry to hear that! Try our medium roast.' });
      expect(sent.reply).toMatchObject({ state: 'sent', remoteUrl: 'https://mastodon.example/@groundwork/113970000000000043' });
      expect(listening.mismatches).toEqual([]);
      expect(listening.remaining()).toBe(0);
    } finally {
      await listening.close();
    }
  });
});
