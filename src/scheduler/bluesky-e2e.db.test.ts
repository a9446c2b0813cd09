/**
 * Bluesky end to end through the scheduler, against a REAL local PDS (@atproto/dev-env's
 * TestNetworkNoAppView) and a real Postgres: sign up, create a workspace and a strategy with a
 * Bluesky channel, connect the channel through the connections API (app password, config.service =
 * the PDS), write a post through the post API (a 2-part thread with an image, a mention and a
 * hashtag), submit, approve and schedule it two seconds ahead, let the real worker (pg-boss queue,
 * PublishProcessor, BlueskyConnector) publish it, and read the records back from the PDS.
 */
import { AtpAgent, BlobRef } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdsAccount, embedOf, POST_COLLECTION as POST, readPost, startTestPds, type PdsAccount } from '../../test/pds.ts';
import { png } from '../../test/png.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { BlueskyConnector } from '../connectors/bluesky/bluesky.ts';
import { createOutbound } from '../outbound/client.ts';
import { partRecordKey, rootRecordKey } from '../connectors/bluesky/record-key.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { buildApp, type App } from '../http/app.ts';
import { PgBossPublishQueue, startBoss } from './jobs.ts';
import { expectStatus, postingStrategy, type Headers } from '../../test/posts-app.ts';
import { PublishWorker } from './worker.ts';
import { quiet, workerSettings as settings } from '../../test/worker-fixtures.ts';

/** The UTF-8 byte range of the first occurrence of `needle` in `text`. */
const range = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in "${text}"`);
  return { byteStart: Buffer.byteLength(text.slice(0, i)), byteEnd: Buffer.byteLength(text.slice(0, i + needle.length)) };
};

let network: TestNetworkNoAppView;
let service: string;
let alice: PdsAccount;
let bobDid: string;
let reader: AtpAgent;
let db: TestDatabase;
let boss: PgBoss;
let queue: PgBossPublishQueue;
let registry: ConnectorRegistry;
let app: App;

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  const [net, database] = await Promise.all([startTestPds(), createTestDatabase()]);
  network = net;
  db = database;
  service = network.pds.url;
  alice = await createPdsAccount(network, 'alice');
  bobDid = (await createPdsAccount(network, 'bob', { appPassword: false })).did;
  reader = new AtpAgent({ service }); // unauthenticated: getRecord/listRecords are public

  boss = await startBoss(db.url);
  queue = new PgBossPublishQueue(boss);
  // The PDS is on this machine: its host is allowed, as OUTBOUND_ALLOW would.
  registry = new ConnectorRegistry([new BlueskyConnector({ fetch: createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch })]);
  app = await buildApp({
    pool: db.pool,
    config: { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' },
    queue,
    connectors: registry,
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await boss?.stop({ graceful: false, close: true });
  await db?.drop();
  await network?.close();
});

describe('Bluesky end to end through the scheduler', () => {
  it('connects an account, schedules a thread with an image, publishes it on time, and the PDS has it', async () => {
    const started = Date.now();
    // A user, a workspace, a strategy with a Bluesky channel.
    const signup = await inject(
      'POST',
      '/auth/signup',
      {},
      { email: `bsky-e2e-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Ana' },
    );
    expectStatus(signup, 201);
    const owner: Headers = { cookie: `gw_session=${signup.cookies.find((c) => c.name === 'gw_session')!.value}` };
    const wsRes = await inject('POST', '/workspaces', owner, { name: 'Bakery on Bluesky' });
    expectStatus(wsRes, 201);
    const ws = wsRes.json().workspace.id as string;
    // A one-person team: Ana approves her own post.
    expectStatus(await inject('PATCH', `/workspaces/${ws}`, owner, { allowSelfApproval: true }), 200);
    const strategy = postingStrategy();
    expectStatus(await inject('POST', `/workspaces/${ws}/strategies`, owner, strategy), 201);

    // Connect the channel: verified against the PDS with the app password.
    const conn = await inject('POST', `/workspaces/${ws}/connections`, owner, {
      strategy: strategy.id,
      channel: 'bluesky',
      connector: 'bluesky',
      config: { service },
      credentials: { identifier: 'alice.test', appPassword: alice.appPassword },
    });
    expectStatus(conn, 201);
    expect(conn.json()).toMatchObject({ connection: { status: 'connected', connector: 'bluesky' }, verification: { outcome: 'verified' } });

    // The post: a 2-part thread, an image with alt text, a mention and hashtags.
    const image = png(4, 3, [200, 150, 60]);
    const text = 'New rye 🍞 with @bob.test, out of the oven now #bread';
    const part2 = 'Part two: the crumb shot. #sourdough';
    const created = await inject('POST', `/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      pillar: 'how-to',
      variants: {
        bluesky: {
          text,
          thread: [part2],
          media: [{ url: `data:image/png;base64,${image.toString('base64')}`, alt: 'A rye loaf on a rack' }],
        },
      },
    });
    expectStatus(created, 201);
    expect(created.json().warnings).toEqual([]);
    const postId = created.json().post.id as string;
    const posts = `/workspaces/${ws}/posts/${postId}`;
    expectStatus(await inject('POST', `${posts}/submit`, owner), 200);
    expectStatus(await inject('POST', `${posts}/approve`, owner), 200);

    // Worker first, so it is listening when the job is queued.
    const worker = new PublishWorker({ boss, pool: db.pool, queue, registry, settings, log: quiet });
    worker.start();
    try {
      const dueAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
      const scheduled = await inject('POST', `${posts}/schedule`, owner, { localTime: dueAt.toISOString().slice(0, 19), timezone: 'UTC' });
      expectStatus(scheduled, 200);
      expect(scheduled.json().post).toMatchObject({ state: 'scheduled', scheduledAt: dueAt.toISOString() });

      // Until published (or failed: then say why).
      const deadline = Date.now() + 20_000;
      let variant: {
        state: string;
        remote_id: string | null;
        remote_url: string | null;
        published_at: Date | null;
        last_error: string | null;
        idempotency_key: string;
      };
      for (;;) {
        const { rows } = await db.pool.query(
          'SELECT state, remote_id, remote_url, published_at, last_error, idempotency_key FROM post_variants WHERE post_id = $1',
          [postId],
        );
        variant = rows[0];
        if (variant.state === 'published' || variant.state === 'failed' || variant.state === 'missed') break;
        if (Date.now() > deadline) throw new Error(`not published in time: ${JSON.stringify(variant)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(variant.last_error).toBeNull();
      expect(variant.state).toBe('published');
      // On time: not before it was due, and not long after.
      expect(variant.published_at!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
      expect(variant.published_at!.getTime() - dueAt.getTime()).toBeLessThan(5000);
      expect(worker.stats).toMatchObject({ published: 1, failed: 0, retry: 0 });

      // The remote id and URL were stored, and the API shows them.
      const rootRkey = rootRecordKey(variant.idempotency_key);
      expect(variant.remote_id).toBe(`at://${alice.did}/${POST}/${rootRkey}`);
      expect(variant.remote_url).toBe(`https://bsky.app/profile/${alice.did}/post/${rootRkey}`);
      const got = await inject('GET', posts, owner);
      expectStatus(got, 200);
      expect(got.json().post).toMatchObject({
        state: 'published',
        variants: [{ channel: 'bluesky', state: 'published', remoteUrl: variant.remote_url }],
      });

      // Read back from the PDS: both parts, nothing else.
      const { data: list } = await reader.com.atproto.repo.listRecords({ repo: alice.did, collection: POST, limit: 100 });
      expect(list.records.map((r) => r.uri).sort()).toEqual(
        [variant.remote_id, `at://${alice.did}/${POST}/${partRecordKey(rootRkey, 1)}`].sort(),
      );

      const root = await readPost(reader, alice.did, rootRkey);
      const rootValue = root.value;
      expect(rootValue.text).toBe(text);
      expect(rootValue.facets).toEqual([
        { index: range(text, '@bob.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: bobDid }] },
        { index: range(text, '#bread'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'bread' }] },
      ]);
      const { images } = embedOf(rootValue, 'app.bsky.embed.images');
      expect(images).toHaveLength(1);
      const img = images[0]!;
      expect(img.alt).toBe('A rye loaf on a rack');
      expect(img.aspectRatio).toEqual({ width: 4, height: 3 });
      expect(img.image).toBeInstanceOf(BlobRef);
      expect(img.image.mimeType).toBe('image/png');
      const blob = await reader.com.atproto.sync.getBlob({ did: alice.did, cid: img.image.ref.toString() });
      expect(Buffer.from(blob.data).equals(image)).toBe(true);
      expect(rootValue.reply).toBeUndefined();

      const secondValue = (await readPost(reader, alice.did, partRecordKey(rootRkey, 1))).value;
      expect(secondValue.text).toBe(part2);
      expect(secondValue.facets).toEqual([
        { index: range(part2, '#sourdough'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'sourdough' }] },
      ]);
      expect(secondValue.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } });
      expect(secondValue.embed).toBeUndefined();

      // Audited as published by the system.
      const { rows: audit } = await db.pool.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity_type = 'post' AND entity_id = $1 ORDER BY id`,
        [postId],
      );
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['post.schedule', 'post.claim', 'post.variant_published']));
    } finally {
      await worker.stop();
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 30_000);
});
