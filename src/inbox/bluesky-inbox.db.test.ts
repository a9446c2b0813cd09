/**
 * The inbox against a REAL local Bluesky network (@atproto/dev-env's TestNetwork: PLC, PDS and the
 * AppView that answers `app.bsky.notification.listNotifications`, through the PDS as in production)
 * and a real Postgres: Bob mentions the workspace's account; the poll makes an inbox item of it; a
 * reply from the inbox lands on the PDS threaded under Bob's post; Bob answers that, the next poll
 * adds his reply to the same conversation, and the inbox's reply to it carries Bob's first post as
 * its root and his reply as its parent.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetwork } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { byteRange, createPdsAccount, readPost, startTestNetwork, type FullTestNetwork, type PdsAccount } from '../../test/pds.ts';
import { connectChannel, seedWorkspace, type Fixture } from '../../test/worker-fixtures.ts';
import { BlueskyConnector } from '../connectors/bluesky/bluesky.ts';
import { ingestMentions } from '../listening/ingest.ts';
import { blueskyMention } from '../listening/sources/bluesky.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { createOutbound } from '../outbound/client.ts';
import type { InboxContext } from './context.ts';
import { getItem } from './get-item.ts';
import { pollInboxConnection } from './poll-notifications.ts';
import { sendReply } from './send-reply.ts';

let full: FullTestNetwork;
let network: TestNetwork;
let db: TestDatabase;
let alice: PdsAccount;
let bob: AtpAgent;
let bobDid: string;
let f: Fixture;
let connectionId: string;
let ctx: InboxContext;
const registry = new ConnectorRegistry([new BlueskyConnector({ fetch: createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch })]);

beforeAll(async () => {
  [full, db] = await Promise.all([startTestNetwork(), createTestDatabase()]);
  network = full.network;
  alice = await createPdsAccount(network, 'alice');
  const bobAccount = await createPdsAccount(network, 'bob');
  bob = new AtpAgent({ service: network.pds.url });
  await bob.login({ identifier: bobAccount.handle, password: bobAccount.appPassword });
  bobDid = bobAccount.did;
  f = await seedWorkspace(db.pool);
  connectionId = await connectChannel(
    db.pool,
    f,
    'bluesky',
    'bluesky',
    { service: network.pds.url },
    {
      identifier: alice.handle,
      appPassword: alice.appPassword,
    },
  );
  ctx = { workspaceId: f.workspaceId, actor: { userId: f.userId, email: 'owner@example.com', name: 'Owner', via: 'session' }, registry };
}, 180_000);

afterAll(async () => {
  await db?.drop();
  await full?.close();
});

/** The URI of the inbox's reply, and its record as the PDS holds it. */
const replyOnPds = async (replyId: string) => {
  const uri = (await db.pool.query<{ remote_id: string }>('SELECT remote_id FROM inbox_replies WHERE id = $1', [replyId])).rows[0]!
    .remote_id;
  return readPost(bob, alice.did, uri.split('/').pop()!);
};

const items = async () =>
  (
    await db.pool.query<{ id: string; kind: string; external_id: string; conversation_id: string; author: string; text: string }>(
      'SELECT id, kind, external_id, conversation_id, author, text FROM inbox_items WHERE workspace_id = $1 ORDER BY posted_at',
      [f.workspaceId],
    )
  ).rows;

describe('the inbox on a local Bluesky network', { timeout: 60_000 }, () => {
  it('a mention appears after the poll; replies from the inbox are threaded on the PDS with the right root and parent', async () => {
    const text = 'Hey @alice.test, is the rye back?';
    const mention = await bob.post({
      text,
      facets: [{ index: byteRange(text, '@alice.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: alice.did }] }],
    });
    await network.processAll();

    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toEqual({ kind: 'polled', created: 1, seen: 1 });
    // Polled again from the stored cursor: nothing new, nothing twice.
    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toMatchObject({ kind: 'polled', created: 0 });
    const [item] = await items();
    expect(item).toMatchObject({ kind: 'mention', external_id: mention.uri, author: 'bob.test', text });

    const first = await sendReply(db.pool, ctx, item!.id, { text: 'Yes! Fresh from 8 am.' });
    expect(first.reply.state).toBe('sent');
    expect(first.item.firstResponseAt).not.toBeNull();
    const firstUri = (await db.pool.query<{ remote_id: string }>('SELECT remote_id FROM inbox_replies WHERE id = $1', [first.reply.id]))
      .rows[0]!.remote_id;
    const onPds = await readPost(bob, alice.did, firstUri.split('/').pop()!);
    expect(onPds.value.text).toBe('Yes! Fresh from 8 am.');
    expect(onPds.value.reply).toEqual({ root: { uri: mention.uri, cid: mention.cid }, parent: { uri: mention.uri, cid: mention.cid } });

    // Bob answers the inbox's reply (once the AppView has it: it indexes repos in parallel): a `reply` notification, in the same conversation.
    await network.processAll();
    const bobReply = await bob.post({
      text: 'Great, I will come by!',
      reply: { root: { uri: mention.uri, cid: mention.cid }, parent: { uri: onPds.uri, cid: onPds.cid! } },
    });
    await network.processAll();
    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toMatchObject({ kind: 'polled', created: 1 });
    const [, second] = await items();
    expect(second).toMatchObject({ kind: 'reply', external_id: bobReply.uri, conversation_id: item!.conversation_id });
    const detail = await getItem(db.pool, ctx, second!.id);
    expect(detail.conversation.map((c) => c.text)).toEqual([text, 'Great, I will come by!']);

    const answer = await sendReply(db.pool, ctx, second!.id, { text: 'See you then @bob.test' });
    const answerUri = (await db.pool.query<{ remote_id: string }>('SELECT remote_id FROM inbox_replies WHERE id = $1', [answer.reply.id]))
      .rows[0]!.remote_id;
    const answered = await readPost(bob, alice.did, answerUri.split('/').pop()!);
    expect(answered.value.reply).toEqual({
      root: { uri: mention.uri, cid: mention.cid },
      parent: { uri: bobReply.uri, cid: bobReply.cid },
    });
    expect(answered.value.facets).toEqual([
      { index: byteRange('See you then @bob.test', '@bob.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: bobDid }] },
    ]);

    // The inbox's own replies are not items.
    await network.processAll();
    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toMatchObject({ created: 0 });
    expect(await items()).toHaveLength(2);
    const { rows: audit } = await db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE workspace_id = $1 AND entity_type = 'inbox_item' ORDER BY id`,
      [f.workspaceId],
    );
    expect(audit.map((a) => a.action)).toEqual(['inbox.reply', 'inbox.reply']);
  });

  it('a quote of the brand’s post is an item of kind quote, answered threaded under the quote', async () => {
    await network.processAll();
    await pollInboxConnection({ pool: db.pool, registry }, connectionId);
    const before = (await items()).length;
    const brand = new AtpAgent({ service: network.pds.url });
    await brand.login({ identifier: alice.handle, password: alice.appPassword });
    const brandPost = await brand.post({ text: 'Our winter rye is back.' });
    const quote = await bob.post({
      text: 'Best bread in town, go!',
      embed: { $type: 'app.bsky.embed.record', record: { uri: brandPost.uri, cid: brandPost.cid } },
    });
    await network.processAll();

    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toMatchObject({ kind: 'polled', created: 1 });
    const all = await items();
    expect(all).toHaveLength(before + 1);
    const item = all.find((i) => i.external_id === quote.uri)!;
    expect(item).toMatchObject({ kind: 'quote', author: 'bob.test', text: 'Best bread in town, go!' });
    // A quote starts its own thread: not the brand post's.
    expect(all.filter((i) => i.conversation_id === item.conversation_id)).toHaveLength(1);

    const sent = await sendReply(db.pool, ctx, item.id, { text: 'Thank you Bob!' });
    expect(sent.reply.state).toBe('sent');
    const onPds = await replyOnPds(sent.reply.id);
    expect(onPds.value.reply).toEqual({ root: { uri: quote.uri, cid: quote.cid }, parent: { uri: quote.uri, cid: quote.cid } });
  });

  it('a listening hit deep in someone else’s thread is answered under it: CID and root read from its record', async () => {
    const carolAccount = await createPdsAccount(network, 'carol');
    const carol = new AtpAgent({ service: network.pds.url });
    await carol.login({ identifier: carolAccount.handle, password: carolAccount.appPassword });
    const root = await carol.post({ text: 'Where do you buy bread in Leipzig?' });
    const hit = await bob.post({
      text: 'The sourdough at Northwind is the best',
      reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } },
    });
    await network.processAll();
    await db.pool.query(
      `INSERT INTO listening_queries (workspace_id, name, query, needs_response) VALUES ($1, 'Brand', 'northwind', true)`,
      [f.workspaceId],
    );
    // The mention as the Bluesky stream adapter makes it from the record (no CID, the DID as author, the parent's URI).
    const record = await readPost(bob, bobDid, hit.uri.split('/').pop()!);
    const mention = blueskyMention(hit.uri, bobDid, hit.uri.split('/').pop()!, record.value, new Date().toISOString());
    const ingested = await ingestMentions(db.pool, f.workspaceId, null, [mention]);
    expect(ingested.stored).toHaveLength(1);

    const { rows } = await db.pool.query<{ id: string; kind: string; external_cid: string | null; connection_id: string | null }>(
      'SELECT id, kind, external_cid, connection_id FROM inbox_items WHERE workspace_id = $1 AND external_id = $2',
      [f.workspaceId, hit.uri],
    );
    expect(rows).toEqual([{ id: expect.any(String), kind: 'listening', external_cid: null, connection_id: connectionId }]);

    const sent = await sendReply(db.pool, ctx, rows[0]!.id, { text: 'Thanks Bob, come and try the rye too' });
    expect(sent.reply.state).toBe('sent');
    expect(sent.item.firstResponseAt).not.toBeNull();
    const onPds = await replyOnPds(sent.reply.id);
    expect(onPds.value.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: hit.uri, cid: hit.cid } });

    // One item for the post, however it was seen: the poll adds nothing.
    await network.processAll();
    expect(await pollInboxConnection({ pool: db.pool, registry }, connectionId)).toMatchObject({ kind: 'polled', created: 0 });
  });
});
