/**
 * Bluesky metrics against the REAL local network — PLC, PDS and the Bluesky AppView (@atproto/dev-env's
 * TestNetwork; the AppView keeps its index in a Postgres database of its own, hence `.db.test`). Alice
 * publishes through the connector; Bob, a second account on the same PDS, likes, reposts, replies,
 * quotes and follows; the connector reads the counts back the way it does in production: from the
 * AppView, through Alice's PDS (`app.bsky.feed.getPosts`, `app.bsky.actor.getProfile`). The last test
 * runs the whole chain on Groundwork's database: the worker publishes, the collector reads and counts.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetwork } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdsAccount, startTestNetwork, type FullTestNetwork, type PdsAccount } from '../../../test/pds.ts';
import { createOutbound } from '../../outbound/client.ts';
import { createTestDatabase } from '../../../test/db.ts';
import { connectChannel, quiet, seedScheduled, seedWorkspace } from '../../../test/worker-fixtures.ts';
import { collectPostMetrics } from '../../measure/metrics/collect-post-metrics.ts';
import { ensureMetricsQueues, POST_METRICS_QUEUE } from '../../measure/metrics/queues.ts';
import { recordPublished } from '../../measure/metrics/record-published.ts';
import { PgBossPublishQueue, startBoss } from '../../scheduler/jobs.ts';
import { PublishProcessor } from '../../scheduler/worker-publish.ts';
import { TransientError, type Connection, type OutgoingVariant } from '../connector.ts';
import { ConnectorRegistry } from '../registry.ts';
import { BlueskyConnector } from './bluesky.ts';

let full: FullTestNetwork;
let network: TestNetwork;
let alice: PdsAccount;
let bob: AtpAgent;
let connector: BlueskyConnector;

const connection = (): Connection => ({
  id: 'conn-alice',
  workspaceId: 'ws-1',
  channelId: 'bluesky',
  connector: 'bluesky',
  config: { service: network.pds.url },
  credentials: { identifier: 'alice.test', appPassword: alice.appPassword },
});

const variant = (text: string): OutgoingVariant => ({
  id: `variant-${text}`,
  postId: 'post-1',
  workspaceId: 'ws-1',
  channelId: 'bluesky',
  content: { text, media: [], thread: [] },
  dueAt: new Date(),
  attempt: 1,
});

/** Publishes as Alice through the connector; the post's strong ref for Bob to interact with. */
async function publish(text: string, key: string): Promise<{ uri: string; cid: string }> {
  const { remoteId } = await connector.publish(variant(text), { connection: connection(), idempotencyKey: key });
  const { data } = await bob.com.atproto.repo.getRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    rkey: remoteId.split('/').pop()!,
  });
  return { uri: data.uri, cid: data.cid! };
}

beforeAll(async () => {
  full = await startTestNetwork();
  network = full.network;
  alice = await createPdsAccount(network, 'alice');
  const bobAccount = await createPdsAccount(network, 'bob');
  bob = new AtpAgent({ service: network.pds.url });
  await bob.login({ identifier: bobAccount.handle, password: bobAccount.appPassword });
  connector = new BlueskyConnector({ fetch: createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch });
  // Four services and the AppView's migrations: give a loaded machine time.
}, 180_000);

afterAll(async () => {
  await full?.close();
});

describe('Bluesky metrics from the AppView of a local network', { timeout: 60_000 }, () => {
  it('reads likes, reposts, replies and quotes made by a second account, and followers; an unlike counts down', async () => {
    const post = await publish('Fresh rye this morning', 'metrics-1');
    await network.processAll();
    const ctx = { connection: connection() };
    expect(await connector.fetchMetrics([post.uri], ctx)).toEqual(
      new Map([[post.uri, { likes: 0, reposts: 0, replies: 0, quotes: 0, impressions: null }]]),
    );
    expect(await connector.fetchFollowers(ctx)).toBe(0);

    const like = await bob.like(post.uri, post.cid);
    await bob.repost(post.uri, post.cid);
    await bob.post({ text: 'Looks great!', reply: { root: post, parent: post } });
    await bob.post({ text: 'Go and get one', embed: { $type: 'app.bsky.embed.record', record: post } });
    await bob.follow(alice.did);
    await network.processAll();

    expect((await connector.fetchMetrics([post.uri], ctx)).get(post.uri)).toEqual({
      likes: 1,
      reposts: 1,
      replies: 1,
      quotes: 1,
      impressions: null,
    });
    expect(await connector.fetchFollowers(ctx)).toBe(1);

    await bob.deleteLike(like.uri);
    await network.processAll();
    expect((await connector.fetchMetrics([post.uri], ctx)).get(post.uri)?.likes).toBe(0);
  });

  it('reads more than one call holds (25 posts, the lexicon limit) in batches; posts the network does not have are absent', async () => {
    const post = await publish('Seeded loaf', 'metrics-2');
    await bob.like(post.uri, post.cid);
    await network.processAll();
    // The local AppView does not enforce the limit that Bluesky's does: count the calls instead.
    const guarded = createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch;
    const calls: number[] = [];
    const counting: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.endsWith('/app.bsky.feed.getPosts')) calls.push(url.searchParams.getAll('uris').length);
      return guarded(input, init);
    };
    const missing = Array.from({ length: 29 }, (_, i) => `at://${alice.did}/app.bsky.feed.post/missing-${i}`);
    const read = await new BlueskyConnector({ fetch: counting }).fetchMetrics([...missing, post.uri, 'not-a-post-uri'], {
      connection: connection(),
    });
    expect(calls).toEqual([25, 5]);
    expect([...read.keys()]).toEqual([post.uri]);
    expect(read.get(post.uri)?.likes).toBe(1);
  });

  it('an AppView that does not answer is a transient error (the collector tries again later)', async () => {
    const unreachable: Connection = { ...connection(), id: 'conn-down', config: { service: 'http://127.0.0.1:9' } };
    const e = await connector
      .fetchMetrics(['at://did:plc:x/app.bsky.feed.post/3k2a'], { connection: unreachable })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransientError);
  });

  it('end to end: the worker publishes to Bluesky, schedules the readings, and a reading turns the like and repost of Bob into events', async () => {
    const db = await createTestDatabase();
    const boss = await startBoss(db.url);
    try {
      await ensureMetricsQueues(boss);
      const registry = new ConnectorRegistry([connector]);
      const f = await seedWorkspace(db.pool);
      await connectChannel(
        db.pool,
        f,
        'bluesky',
        'bluesky',
        { service: network.pds.url },
        { identifier: 'alice.test', appPassword: alice.appPassword },
      );
      const processor = new PublishProcessor({
        pool: db.pool,
        registry,
        queue: new PgBossPublishQueue(boss),
        settings: { graceMs: 15 * 60_000, claimTimeoutMs: 60_000, maxAttempts: 3, retryBaseMs: 50, retryMaxMs: 500 },
        log: quiet,
        afterPublish: (tx, v) => recordPublished(tx, { boss, registry, log: quiet }, v),
      });
      const [v] = await seedScheduled(db.pool, f, {
        count: 1,
        dueAt: () => Date.now() - 1000,
        channels: ['bluesky'],
        text: () => 'Spelt, just out',
      });
      expect((await processor.process({ variantId: v!.variantId, scheduleToken: v!.scheduleToken })).kind).toBe('published');
      expect(await boss.findJobs(POST_METRICS_QUEUE, { data: { variantId: v!.variantId } })).toHaveLength(6);

      const { rows } = await db.pool.query<{ remote_id: string }>('SELECT remote_id FROM post_variants WHERE id = $1', [v!.variantId]);
      const { data } = await bob.com.atproto.repo.getRecord({
        repo: alice.did,
        collection: 'app.bsky.feed.post',
        rkey: rows[0]!.remote_id.split('/').pop()!,
      });
      await bob.like(data.uri, data.cid!);
      await bob.repost(data.uri, data.cid!);
      await network.processAll();

      const outcome = await collectPostMetrics({ pool: db.pool, registry }, [v!.variantId], new Date());
      expect(outcome.get(v!.variantId)).toMatchObject({ kind: 'collected', snapshot: { likes: 1, reposts: 1, replies: 0, quotes: 0 } });
      const { rows: sums } = await db.pool.query<{ metric: string; total: number }>(
        'SELECT metric, sum(value)::int AS total FROM metric_events WHERE variant_id = $1 GROUP BY metric ORDER BY metric',
        [v!.variantId],
      );
      expect(sums).toEqual([
        { metric: 'engagements', total: 2 },
        { metric: 'likes', total: 1 },
        { metric: 'posts_published', total: 1 },
        { metric: 'reposts', total: 1 },
      ]);
    } finally {
      await boss.stop({ graceful: false, close: true });
      await db.drop();
    }
  });
});
