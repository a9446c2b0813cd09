/**
 * The Mastodon connector against recorded exchanges of the documented API
 * (test/fixtures/mastodon/*.json), served from a local node:http server on 127.0.0.1 — reached
 * through the guarded outbound client with that one address allowed, as OUTBOUND_ALLOW would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbound } from '../../outbound/client.ts';
import type { VariantContent } from '../../content/limits.ts';
import { PermanentError, TransientError, type Connection, type MediaSource, type OutgoingVariant } from '../connector.ts';
import { serveFixture, subsetMismatch, type FixtureServer } from '../../../test/mastodon-fixture-server.ts';
import { MastodonConnector, partsOf } from './mastodon.ts';
import { contentMatches, htmlToText, normalizeForMatch } from './text.ts';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const NOW = new Date('2026-11-23T12:00:00.000Z');

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(name: string): Promise<FixtureServer> {
  server = await serveFixture(name);
  return server;
}

/** Every exchange of the fixture was requested, and nothing else. */
function expectAllServed(s: FixtureServer): void {
  expect(s.mismatches).toEqual([]);
  expect(s.remaining()).toBe(0);
}

const connection = (url: string, over: Partial<Connection> = {}): Connection => ({
  id: 'conn-masto',
  workspaceId: 'ws-1',
  channelId: 'mastodon',
  connector: 'mastodon',
  config: { url },
  credentials: { accessToken: 'test-token' },
  ...over,
});

const variant = (content: Partial<VariantContent>, attempt = 1): OutgoingVariant => ({
  id: 'variant-1',
  postId: 'post-1',
  workspaceId: 'ws-1',
  channelId: 'mastodon',
  content: { text: '', media: [], thread: [], ...content },
  dueAt: NOW,
  attempt,
});

const connector = () => new MastodonConnector({ mediaPollMs: 5, now: () => NOW, outbound: createOutbound({ allow: ['127.0.0.1'] }) });

/** A plain local server: `handler` answers every request; `hits` counts them. */
async function listen(
  handler: (path: string) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    const a = handler(req.url ?? '/');
    res.writeHead(a.status, a.headers).end(a.body);
  });
  // '::' takes IPv4 and IPv6, so nothing is refused merely for being unreachable.
  await new Promise<void>((r) => server.listen(0, '::', r));
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

describe('Mastodon connector (recorded API fixtures)', () => {
  it('publishes a thread: image with its description, Idempotency-Key on every status, replies referencing the previous id', async () => {
    const s = await serve('publish-thread');
    const result = await connector().publish(
      variant({
        text: 'Fresh bread today #bread https://example.com/bread',
        link: 'https://example.com/bread',
        media: [{ url: `data:image/png;base64,${PNG_1x1}`, alt: 'A tiny red loaf' }],
        thread: ['Part two: the crumb.'],
        firstComment: 'Recipe in the replies',
      }),
      { connection: connection(s.url), idempotencyKey: 'variant-7:schedule-1' },
    );
    expectAllServed(s);
    expect(result).toEqual({
      remoteId: '113500000000000001',
      remoteUrl: 'https://mastodon.example/@groundwork/113500000000000001',
      publishedAt: new Date('2026-11-23T12:00:01.000Z'),
    });
    const [upload, , , first, second, comment] = s.requests;
    expect(upload!.form).toMatchObject({ description: 'A tiny red loaf', file: { $file: { type: 'image/png', size: 70 } } });
    expect(first!.headers['idempotency-key']).toBe('variant-7:schedule-1');
    expect(first!.json).toEqual({
      status: 'Fresh bread today #bread https://example.com/bread',
      visibility: 'public',
      media_ids: ['110000000000000001'],
    });
    expect(second!.headers['idempotency-key']).toBe('variant-7:schedule-1#1');
    expect(second!.json).toMatchObject({ in_reply_to_id: '113500000000000001' });
    expect(comment!.headers['idempotency-key']).toBe('variant-7:schedule-1#2');
    expect(comment!.json).toMatchObject({ in_reply_to_id: '113500000000000001' });
  });

  it('publishes a video uploaded to Groundwork, read through the MediaSource it is given', async () => {
    const s = await serve('publish-video');
    // The MP4's `ftyp` box, then filler: the connector sends the bytes as they are stored.
    const video = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(2000, 1)]);
    const read: string[] = [];
    const media: MediaSource = {
      read: async (id) => {
        read.push(id);
        return { bytes: new Uint8Array(video), mimeType: 'video/mp4', kind: 'video', width: null, height: null, sha256: 'f'.repeat(64) };
      },
    };
    const result = await connector().publish(
      variant({
        text: 'The first bake of the day',
        media: [{ mediaId: '0b0a2c1e-2f0e-4c1a-9a1e-0b0a2c1e2f0e', alt: 'The oven door opening' }],
      }),
      { connection: connection(s.url), idempotencyKey: 'variant-9:schedule-1', media },
    );
    expectAllServed(s);
    expect(read).toEqual(['0b0a2c1e-2f0e-4c1a-9a1e-0b0a2c1e2f0e']);
    expect(result.remoteId).toBe('113500000000000009');
    expect(s.requests[0]!.form).toMatchObject({
      description: 'The oven door opening',
      file: { $file: { type: 'video/mp4', size: video.length } },
    });
  });

  it('an upload without a MediaSource is a configuration problem, not a retry', async () => {
    const s = await serve('publish-video');
    const sent = connector().publish(variant({ text: 'x', media: [{ mediaId: '0b0a2c1e-2f0e-4c1a-9a1e-0b0a2c1e2f0e', alt: 'y' }] }), {
      connection: connection(s.url),
      idempotencyKey: 'k',
    });
    await expect(sent).rejects.toMatchObject({ name: 'PermanentError', reason: 'misconfigured' });
    expect(s.requests).toEqual([]);
  });

  it('a retry after a 503 carries the identical Idempotency-Key (lookup first finds nothing)', async () => {
    const s = await serve('publish-retry');
    const c = connector();
    const conn = connection(s.url);
    const key = 'variant-8:schedule-1';
    const err = await c.publish(variant({ text: 'Hello again' }), { connection: conn, idempotencyKey: key }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toMatch(/error page instead of the API/);
    // What the worker does next: attempt 2 asks lookup, then sends again.
    expect(await c.lookup(key, { connection: conn, variant: variant({ text: 'Hello again' }, 2) })).toBeNull();
    const result = await c.publish(variant({ text: 'Hello again' }, 2), { connection: conn, idempotencyKey: key });
    expectAllServed(s);
    expect(result.remoteId).toBe('113600000000000001');
    const posts = s.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => r.headers['idempotency-key'])).toEqual([key, key]);
  });

  it('maps errors: 401 → permanent (reconnect), 429 → transient with retryAfterMs (X-RateLimit-Reset or Retry-After), 503 → transient, 422 → permanent with the message', async () => {
    const s = await serve('errors');
    const c = connector();
    const send = (n: number) =>
      c.publish(variant({ text: 'Hello' }), { connection: connection(s.url), idempotencyKey: `variant-err:${n}` }).then(
        () => {
          throw new Error('expected a failure');
        },
        (e: unknown) => e,
      );

    const unauthorized = await send(1);
    expect(unauthorized).toBeInstanceOf(PermanentError);
    expect((unauthorized as PermanentError).reason).toBe('auth');
    expect((unauthorized as Error).message).toMatch(/reconnect needed.*The access token is invalid/);

    const limitedByReset = await send(2);
    expect(limitedByReset).toBeInstanceOf(TransientError);
    expect((limitedByReset as TransientError).retryAfterMs).toBe(5 * 60_000);

    const limitedByRetryAfter = await send(3);
    expect(limitedByRetryAfter).toBeInstanceOf(TransientError);
    expect((limitedByRetryAfter as TransientError).retryAfterMs).toBe(30_000);

    const unavailable = await send(4);
    expect(unavailable).toBeInstanceOf(TransientError);
    expect((unavailable as TransientError).retryAfterMs).toBe(5000);

    const invalid = await send(5);
    expect(invalid).toBeInstanceOf(PermanentError);
    expect((invalid as PermanentError).reason).toBe('rejected');
    expect((invalid as Error).message).toMatch(/Text character limit of 500 exceeded/);
    expectAllServed(s);
  });

  it('reads metrics: favourites, reblogs, replies and quotes per status (0 quotes before 4.5), a deleted status absent, followers; later counts; an outage is transient', async () => {
    const s = await serve('metrics');
    const c = connector();
    const ctx = { connection: connection(s.url) };
    const first = await c.fetchMetrics(['113500000000000001', '113500000000000002', '113500000000000003', '113500000000000001'], ctx);
    expect(Object.fromEntries(first)).toEqual({
      '113500000000000001': { likes: 12, reposts: 3, replies: 2, quotes: 1, impressions: null },
      '113500000000000002': { likes: 5, reposts: 0, replies: 1, quotes: 0, impressions: null },
    });
    expect(await c.fetchFollowers(ctx)).toBe(120);

    // Meanwhile people favourite and reply: the network says so next time.
    Object.assign(s.exchange('first status later').response.body as object, { favourites_count: 20, replies_count: 4 });
    expect((await c.fetchMetrics(['113500000000000001'], ctx)).get('113500000000000001')).toEqual({
      likes: 20,
      reposts: 3,
      replies: 4,
      quotes: 1,
      impressions: null,
    });

    const outage = await c.fetchMetrics(['113500000000000001'], ctx).catch((e: unknown) => e);
    expect(outage).toBeInstanceOf(TransientError);
    expect((outage as TransientError).retryAfterMs).toBe(120_000);
    const revoked = await c.fetchFollowers(ctx).catch((e: unknown) => e);
    expect(revoked).toMatchObject({ reason: 'auth' });
    expectAllServed(s);
  });

  it('lookup recognises the post and its continuation by text after the due time', async () => {
    const s = await serve('lookup');
    const c = connector();
    const found = await c.lookup('variant-x:1', {
      connection: connection(s.url),
      variant: variant({ text: 'Hello from Groundwork', thread: ['Second part\nwith a line break & an ampersand'] }, 2),
    });
    expectAllServed(s);
    expect(found).toEqual({
      remoteId: '113700000000000001',
      remoteUrl: 'https://mastodon.example/@groundwork/113700000000000001',
      publishedAt: new Date('2026-11-23T12:00:01.000Z'),
    });
  });

  it('a retry finds the first post of an interrupted thread and sends only the missing part', async () => {
    const s = await serve('resume-thread');
    const c = connector();
    const conn = connection(s.url);
    const key = 'variant-9:schedule-1';
    const v = variant(
      {
        text: 'Long thread 1/2 with @carol@other.example: https://example.com/a/very/long/path/that/gets/shortened',
        thread: ['2/2 the end'],
      },
      3,
    );
    expect(await c.lookup(key, { connection: conn, variant: v })).toBeNull(); // partial: not done
    const result = await c.publish(v, { connection: conn, idempotencyKey: key });
    expectAllServed(s);
    expect(result.remoteId).toBe('113800000000000001');
    const posts = s.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['idempotency-key']).toBe(`${key}#1`);
    expect(posts[0]!.json).toMatchObject({ in_reply_to_id: '113800000000000001' });
  });

  it("delete removes the account's own thread under the post, deepest first, leaving others' replies; gone is fine", async () => {
    const s = await serve('delete');
    await connector().delete('113900000000000001', { connection: connection(s.url) });
    expectAllServed(s);
    expect(s.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/v1/statuses/113900000000000003',
      '/api/v1/statuses/113900000000000002',
      '/api/v1/statuses/113900000000000001',
    ]);
  });

  it('verify: ok with a valid token, "reconnect needed" when it is revoked', async () => {
    const s = await serve('verify');
    const c = connector();
    expect(await c.verify({ connection: connection(s.url) })).toEqual({ ok: true });
    const revoked = await c.verify({ connection: connection(s.url) });
    expect(revoked.ok).toBe(false);
    expect(revoked.message).toMatch(/reconnect needed.*revoked/);
    expectAllServed(s);
  });

  it('an unreachable server is transient; a missing token or URL is a configuration problem', async () => {
    const c = connector();
    const down = await c
      .publish(variant({ text: 'x' }), { connection: connection('http://127.0.0.1:1'), idempotencyKey: 'k' })
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(TransientError);
    const noToken = await c.verify({ connection: connection('https://mastodon.example', { credentials: {} }) });
    expect(noToken).toMatchObject({ ok: false, message: expect.stringMatching(/no access token/) });
    const noUrl = await c
      .publish(variant({ text: 'x' }), { connection: connection('not a url'), idempotencyKey: 'k' })
      .catch((e: unknown) => e);
    expect(noUrl).toBeInstanceOf(PermanentError);
    expect((noUrl as PermanentError).reason).toBe('misconfigured');
  });
});

describe('Mastodon text matching and parts (pure)', () => {
  it('turns rendered content back into the text that was sent', () => {
    const html =
      '<p>Long thread with <span class="h-card" translate="no"><a href="https://other.example/@carol" class="u-url mention">@<span>carol</span></a></span>: ' +
      '<a href="https://example.com/a/very/long/path"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path</span></a></p>' +
      '<p>Second paragraph<br />line &amp; &lt;tag&gt; &#39;quoted&#39;</p>';
    expect(htmlToText(html)).toBe(
      "Long thread with @carol: https://example.com/a/very/long/path\n\nSecond paragraph\nline & <tag> 'quoted'",
    );
    expect(
      contentMatches(
        html,
        "Long thread with @carol@other.example: https://example.com/a/very/long/path\n\nSecond paragraph\nline & <tag> 'quoted'",
      ),
    ).toBe(true);
    expect(contentMatches('<p>Hello</p>', 'Hello!')).toBe(false);
    expect(normalizeForMatch('  a \n\n b  ')).toBe('a b');
  });

  it('numbers parts and appends a link that is not in the text', () => {
    const parts = partsOf({ text: 'See this', media: [], link: 'https://example.com/x', thread: ['two'], firstComment: 'c' }, 'K');
    expect(parts).toEqual([
      { text: 'See this\n\nhttps://example.com/x', parent: -1, key: 'K' },
      { text: 'two', parent: 0, key: 'K#1' },
      { text: 'c', parent: 0, key: 'K#2' },
    ]);
    expect(partsOf({ text: 'At https://example.com/x', media: [], link: 'https://example.com/x', thread: [] }, 'K')[0]!.text).toBe(
      'At https://example.com/x',
    );
  });

  it('the fixture matcher reports where a request differs', () => {
    expect(subsetMismatch({ a: { b: [1, '*'] } }, { a: { b: [1, 'x'] }, c: 2 })).toBeNull();
    expect(subsetMismatch({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toMatch(/\$\.a\.b\[1\]/);
  });

  describe('refuses private and local servers (SSRF)', () => {
    const SECRET = 'internal-metadata-token-31c9';
    const servers: Server[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((x) => new Promise((r) => x.close(r))));
    });

    it('a server on a local address is refused as misconfigured before any request, and verify says so by throwing', async () => {
      const internal = await listen(() => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: SECRET }),
      }));
      servers.push(internal.server);
      const guarded = new MastodonConnector({ mediaPollMs: 5, now: () => NOW });
      for (const host of ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]']) {
        const published = await guarded
          .publish(variant({ text: 'x' }), { connection: connection(`http://${host}:${internal.port}`), idempotencyKey: 'k' })
          .catch((e: unknown) => e);
        expect(published).toMatchObject({ reason: 'misconfigured', message: expect.stringMatching(/private or local network address/) });
        const verified = await guarded.verify({ connection: connection(`http://${host}:${internal.port}`) }).catch((e: unknown) => e);
        expect(verified).toMatchObject({ reason: 'misconfigured' });
        expect(JSON.stringify(verified) + String(verified)).not.toContain(SECRET);
      }
      expect(internal.hits()).toBe(0);
    });

    it('a redirect from an allowed server to an internal address is not followed', async () => {
      const internal = await listen(() => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: SECRET, username: 'x', acct: 'x' }),
      }));
      const redirecting = await listen((path) => ({ status: 302, headers: { location: `http://localhost:${internal.port}${path}` } }));
      servers.push(internal.server, redirecting.server);
      // Only 127.0.0.1 is allowed: the redirect to localhost (also this machine) must be checked on its own.
      const e = await connector()
        .verify({ connection: connection(`http://127.0.0.1:${redirecting.port}`) })
        .catch((err: unknown) => err);
      expect(e).toMatchObject({
        reason: 'misconfigured',
        message: expect.stringContaining('localhost resolves to a private or local network address'),
      });
      expect(redirecting.hits()).toBe(1);
      expect(internal.hits()).toBe(0);
    });
  });
});
