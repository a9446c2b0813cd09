/**
 * The Bluesky connector end to end against a REAL local PDS (@atproto/dev-env's
 * TestNetworkNoAppView: offline, SQLite in a temp dir, no Postgres). There is no AppView, so
 * everything is read back from the repo with com.atproto.repo.getRecord / listRecords.
 * The PDS runs on this machine, so the connectors reach it through the guarded outbound client with
 * its host allowed, as OUTBOUND_ALLOW would; the SSRF tests at the end use clients that do not.
 */
import { AtpAgent, BlobRef, lexToJson } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byteRange as range,
  createPdsAccount,
  embedOf,
  POST_COLLECTION as POST,
  readPost,
  startTestPds,
  type PdsAccount,
} from '../../../test/pds.ts';
import { createOutbound } from '../../outbound/client.ts';
import { png } from '../../../test/png.ts';
import { PermanentError, TransientError, type Connection, type OutgoingVariant } from '../connector.ts';
import type { VariantContent } from '../../content/limits.ts';
import { BlueskyConnector, type BlueskyContent } from './bluesky.ts';
import { recordCid, type LexJson } from './cid.ts';
import { partRecordKey, rootRecordKey } from './record-key.ts';

/** The guarded client with the local PDS's host allowed. */
const local = createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch;

let network: TestNetworkNoAppView;
let service: string;
let alice: PdsAccount;
let bobDid: string;
let reader: AtpAgent;

const connection = (over: Partial<Connection> = {}, appPassword = alice.appPassword): Connection => ({
  id: 'conn-alice',
  workspaceId: 'ws-1',
  channelId: 'bluesky',
  connector: 'bluesky',
  config: { service },
  credentials: { identifier: 'alice.test', appPassword },
  ...over,
});

const variant = (content: Partial<BlueskyContent>, attempt = 1): OutgoingVariant => ({
  id: 'variant-1',
  postId: 'post-1',
  workspaceId: 'ws-1',
  channelId: 'bluesky',
  content: { text: '', media: [], thread: [], ...content } as VariantContent,
  dueAt: new Date(),
  attempt,
});
/** What lookup is given besides the connection: Bluesky finds the post by its key alone, whatever the variant. */
const retrying = (conn: Connection) => ({ connection: conn, variant: variant({ text: 'any' }, 2) });

const getPost = (rkey: string) => readPost(reader, alice.did, rkey);

async function postCount(): Promise<number> {
  const { data } = await reader.com.atproto.repo.listRecords({ repo: alice.did, collection: POST, limit: 100 });
  return data.records.length;
}

beforeAll(async () => {
  network = await startTestPds();
  service = network.pds.url;
  alice = await createPdsAccount(network, 'alice');
  bobDid = (await createPdsAccount(network, 'bob', { appPassword: false })).did;
  reader = new AtpAgent({ service }); // unauthenticated: getRecord/listRecords are public
});

afterAll(async () => {
  await network?.close();
});

describe('Bluesky connector against a local PDS', () => {
  const connector = new BlueskyConnector({ fetch: local });
  const key = 'variant-1:schedule-1';
  const image = png(3, 2);
  const text = 'Fresh 🥐 from @bob.test and @nobody.test — recipe https://example.com/bread?x=1 #bread';
  const content: Partial<BlueskyContent> = {
    text,
    thread: ['Part two: the crumb. #sourdough'],
    media: [{ url: `data:image/png;base64,${image.toString('base64')}`, alt: 'A tiny red loaf' }],
    link: 'https://example.com/bread?x=1',
  };

  it('publishes a thread with an image, a mention, a hashtag and a link, readable from the repo', async () => {
    const before = await postCount();
    const result = await connector.publish(variant(content), { connection: connection(), idempotencyKey: key });
    const rootRkey = rootRecordKey(key);
    expect(result.remoteId).toBe(`at://${alice.did}/${POST}/${rootRkey}`);
    expect(result.remoteUrl).toBe(`https://bsky.app/profile/${alice.did}/post/${rootRkey}`);
    expect(await postCount()).toBe(before + 2);

    const root = await getPost(rootRkey);
    expect(root.value.text).toBe(text);
    // Facets in text order, UTF-8 byte ranges ("🥐" and "—" are 4 and 3 bytes); @nobody.test did not resolve.
    expect(root.value.facets).toEqual([
      { index: range(text, '@bob.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: bobDid }] },
      {
        index: range(text, 'https://example.com/bread?x=1'),
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/bread?x=1' }],
      },
      { index: range(text, '#bread'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'bread' }] },
    ]);
    expect(range(text, '@bob.test').byteStart).toBe(text.indexOf('@bob.test') + 2); // the croissant is 2 UTF-16 units, 4 bytes
    // The image: a blob with its alt text and aspect ratio (the card gives way to the image).
    const img = embedOf(root.value, 'app.bsky.embed.images').images[0]!;
    expect(img.alt).toBe('A tiny red loaf');
    expect(img.aspectRatio).toEqual({ width: 3, height: 2 });
    expect(img.image).toBeInstanceOf(BlobRef);
    expect(img.image.mimeType).toBe('image/png');
    expect(img.image.size).toBe(image.length);
    const blob = await reader.com.atproto.sync.getBlob({ did: alice.did, cid: img.image.ref.toString() });
    expect(Buffer.from(blob.data).equals(image)).toBe(true);

    // Part 2 replies to the first post, by URI and by the CID the PDS actually stored.
    const part2 = await getPost(partRecordKey(rootRkey, 1));
    expect(part2.value.text).toBe('Part two: the crumb. #sourdough');
    expect(part2.value.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } });
    expect(part2.value.facets).toEqual([
      {
        index: range('Part two: the crumb. #sourdough', '#sourdough'),
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'sourdough' }],
      },
    ]);
    expect(part2.value.embed).toBeUndefined();
    // The refs were right the first time: the CIDs computed before the write are the PDS's own.
    expect(recordCid(lexToJson(root.value) as LexJson)).toBe(root.cid);
    expect(recordCid(lexToJson(part2.value) as LexJson)).toBe(part2.cid);
  });

  it('publishing again with the same idempotency key creates nothing new', async () => {
    const before = await postCount();
    const again = await connector.publish(variant(content), { connection: connection(), idempotencyKey: key });
    // A fresh connector (a restarted worker: no session, no memory) too.
    const restarted = await new BlueskyConnector({ fetch: local }).publish(variant(content, 2), {
      connection: connection(),
      idempotencyKey: key,
    });
    expect(again.remoteId).toBe(`at://${alice.did}/${POST}/${rootRecordKey(key)}`);
    expect(restarted.remoteId).toBe(again.remoteId);
    expect(await postCount()).toBe(before);
  });

  it('a repeat that collides with the first write (the PDS refuses the existing rkey) reads the record back as success', async () => {
    const k = 'variant-collide:schedule-1';
    await connector.publish(variant({ text: 'once', thread: ['and its reply'] }), { connection: connection(), idempotencyKey: k });
    const before = await postCount();
    // A send that does not see the first (its pre-check answers "not found"), so it really writes — and collides.
    let applied = 0;
    const blind: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('com.atproto.repo.getRecord') && applied === 0) {
        return new Response(JSON.stringify({ error: 'RecordNotFound', message: 'Could not locate record' }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        });
      }
      if (url.includes('com.atproto.repo.applyWrites')) applied++;
      return local(input, init);
    };
    const result = await new BlueskyConnector({ fetch: blind }).publish(variant({ text: 'once', thread: ['and its reply'] }), {
      connection: connection({ id: 'conn-blind' }),
      idempotencyKey: k,
    });
    expect(applied).toBe(1);
    expect(result.remoteId).toBe(`at://${alice.did}/${POST}/${rootRecordKey(k)}`);
    expect(await postCount()).toBe(before);
  });

  it('an answer lost on the way back is reconciled: the post is found, not sent twice', async () => {
    const k = 'variant-lost:schedule-1';
    const lossy: typeof fetch = async (input, init) => {
      const res = await local(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('com.atproto.repo.applyWrites')) throw new TypeError('fetch failed: socket hang up');
      return res;
    };
    const before = await postCount();
    const result = await new BlueskyConnector({ fetch: lossy }).publish(variant({ text: 'lost answer' }), {
      connection: connection({ id: 'conn-lossy' }),
      idempotencyKey: k,
    });
    expect(result.remoteId).toBe(`at://${alice.did}/${POST}/${rootRecordKey(k)}`);
    expect(await postCount()).toBe(before + 1);
    expect(await connector.lookup(k, retrying(connection()))).toMatchObject({ remoteId: result.remoteId });
  });

  it('lookup finds a post by its idempotency key, and answers null for a key never sent', async () => {
    const found = await connector.lookup(key, retrying(connection()));
    expect(found).toMatchObject({ remoteId: `at://${alice.did}/${POST}/${rootRecordKey(key)}` });
    expect(found?.publishedAt).toBeInstanceOf(Date);
    expect(await connector.lookup('never-sent', retrying(connection()))).toBeNull();
  });

  it('a link card with title and description, and a first comment replying to the post', async () => {
    const k = 'variant-card:schedule-1';
    const result = await connector.publish(
      variant({
        text: 'Read this',
        link: 'https://example.com/article',
        linkTitle: 'An article',
        linkDescription: 'Worth it',
        firstComment: 'Source: our blog',
      }),
      { connection: connection(), idempotencyKey: k },
    );
    const root = await getPost(rootRecordKey(k));
    expect(root.uri).toBe(result.remoteId);
    expect(root.value.embed).toEqual({
      $type: 'app.bsky.embed.external',
      external: { uri: 'https://example.com/article', title: 'An article', description: 'Worth it' },
    });
    const comment = await getPost(partRecordKey(rootRecordKey(k), 1));
    expect(comment.value.text).toBe('Source: our blog');
    expect(comment.value.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } });
  });

  it('delete removes every part of the thread, and is idempotent', async () => {
    const k = 'variant-delete:schedule-1';
    const { remoteId } = await connector.publish(variant({ text: 'short-lived', thread: ['two', 'three'] }), {
      connection: connection(),
      idempotencyKey: k,
    });
    const before = await postCount();
    await connector.delete(remoteId, { connection: connection() });
    expect(await postCount()).toBe(before - 3);
    expect(await connector.lookup(k, retrying(connection()))).toBeNull();
    await connector.delete(remoteId, { connection: connection() });
  });

  it('reuses the session: one sign-in for several calls', async () => {
    let logins = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('com.atproto.server.createSession')) logins++;
      return local(input, init);
    };
    const c = new BlueskyConnector({ fetch: counting });
    const conn = connection({ id: 'conn-counting' });
    await c.verify({ connection: conn });
    await c.lookup(key, retrying(conn));
    await c.publish(variant({ text: 'session reuse' }), { connection: conn, idempotencyKey: 'variant-session:1' });
    expect(logins).toBe(1);
  });

  it('a cached session the PDS refuses is replaced by signing in again with the app password', async () => {
    let logins = 0;
    let refuse = false;
    const flaky: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('com.atproto.server.createSession')) {
        logins++;
        refuse = false;
      }
      // Refused until the next sign-in: the agent's own refresh (which yields a new token only in
      // another second than the sign-in) does not help, so the connector must sign in again.
      if (refuse && url.includes('com.atproto.repo.getRecord')) {
        return new Response(JSON.stringify({ error: 'AuthenticationRequired', message: 'Token could not be verified' }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      }
      return local(input, init);
    };
    const c = new BlueskyConnector({ fetch: flaky });
    const conn = connection({ id: 'conn-relogin' });
    await c.lookup(key, retrying(conn));
    refuse = true;
    expect(await c.lookup(key, retrying(conn))).toMatchObject({ remoteId: `at://${alice.did}/${POST}/${rootRecordKey(key)}` });
    expect(logins).toBe(2);
  });

  it('verify: ok with the app password; a wrong app password is "reconnect needed", and publish fails permanently', async () => {
    expect(await connector.verify({ connection: connection() })).toEqual({ ok: true });
    const wrong = connection({ id: 'conn-wrong' }, 'aaaa-bbbb-cccc-dddd');
    const v = await connector.verify({ connection: wrong });
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/reconnect needed/);
    const err = await connector
      .publish(variant({ text: 'nope' }), { connection: wrong, idempotencyKey: 'variant-wrong:1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).reason).toBe('auth');
    expect((err as Error).message).toMatch(/reconnect needed.*Invalid identifier or password/);
  });

  it('a record the PDS refuses is a permanent error with its message; an unreachable PDS is transient', async () => {
    const tooLong = 'x'.repeat(301);
    const err = await connector
      .publish(variant({ text: tooLong }), { connection: connection(), idempotencyKey: 'variant-long:1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).reason).toBe('rejected');
    expect((err as Error).message).toMatch(/Invalid app\.bsky\.feed\.post record.*text/i);

    const down = connection({ id: 'conn-down', config: { service: 'http://127.0.0.1:1' } });
    const err2 = await connector
      .publish(variant({ text: 'hello' }), { connection: down, idempotencyKey: 'variant-down:1' })
      .catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(TransientError);
  });

  describe('refuses private and local servers (SSRF)', () => {
    it('a service on a local address is refused as misconfigured, by every spelling, and verify throws it', async () => {
      const guarded = new BlueskyConnector();
      const port = new URL(service).port;
      for (const host of ['127.0.0.1', 'localhost', '[::1]', '2130706433']) {
        const conn = connection({ id: `conn-ssrf-${host}`, config: { service: `http://${host}:${port}` } });
        const published = await guarded.publish(variant({ text: 'x' }), { connection: conn, idempotencyKey: 'k' }).catch((e: unknown) => e);
        expect(published).toMatchObject({ reason: 'misconfigured', message: expect.stringMatching(/private or local network address/) });
        expect(await guarded.verify({ connection: conn }).catch((e: unknown) => e)).toMatchObject({ reason: 'misconfigured' });
      }
    });

    it('a redirect from an allowed host to the (real) PDS at a name that is not allowed is not followed', async () => {
      let hits = 0;
      const redirecting: Server = createServer((req, res) => {
        hits++;
        res.writeHead(302, { location: `http://localhost:${new URL(service).port}${req.url ?? '/'}` }).end();
      });
      await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
      try {
        const onlyLiteral = new BlueskyConnector({ fetch: createOutbound({ allow: ['127.0.0.1'] }).fetch });
        const conn = connection({
          id: 'conn-ssrf-redirect',
          config: { service: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}` },
        });
        const e = await onlyLiteral.verify({ connection: conn }).catch((err: unknown) => err);
        expect(e).toMatchObject({
          reason: 'misconfigured',
          message: expect.stringContaining('localhost resolves to a private or local network address'),
        });
        expect(hits).toBe(1);
      } finally {
        await new Promise((r) => redirecting.close(r));
      }
    });
  });
});
