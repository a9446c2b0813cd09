/**
 * The webhook connector against a real local HTTP server: signature, idempotency header, status
 * mapping — and the SSRF guard: the server is on 127.0.0.1, which only a connector whose outbound
 * client allows that host may reach.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOutbound } from '../../outbound/client.ts';
import { PermanentError, TransientError, type Connection, type MediaSource, type OutgoingVariant } from '../connector.ts';
import { SIGNATURE_HEADER, signPayload, verifySignature } from './signature.ts';
import { WebhookConnector, type WebhookPayload } from './webhook.ts';

const SECRET = 'whsec_0123456789abcdef';
/** What an internal service would hand out; it must never appear in anything the connector says. */
const INTERNAL = 'internal-db-password-93ac1';
interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let base: string;
const received: Received[] = [];
/** What the receiver answers next (by path). */
const behaviour: Record<string, (res: ServerResponse, r: Received) => void> = {
  '/ok': (res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'remote-42', url: 'https://example.test/p/42' })),
  '/empty': (res) => res.writeHead(204).end(),
  '/busy': (res) => res.writeHead(503, { 'retry-after': '30' }).end('maintenance'),
  '/limited': (res) => res.writeHead(429, { 'retry-after': '2' }).end(),
  '/reject': (res) => res.writeHead(422).end('text too long for our CMS'),
  '/internal': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: INTERNAL, url: INTERNAL })),
  '/internal-error': (res) => res.writeHead(500).end(INTERNAL),
  '/redirect-internal': (res) => res.writeHead(307, { location: `${base.replace('127.0.0.1', 'localhost')}/internal` }).end(),
  '/auth': (res) => res.writeHead(401).end('bad secret'),
  // A receiver that verifies like a real one would.
  '/strict': (res, r) =>
    res.writeHead(verifySignature(SECRET, r.headers[SIGNATURE_HEADER.toLowerCase()] as string, r.body) ? 200 : 400).end(),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { headers: req.headers, body };
      received.push(r);
      (behaviour[req.url ?? ''] ?? ((s: ServerResponse) => s.writeHead(404).end()))(res, r);
    });
  });
  // '::' takes IPv4 and IPv6: [::1] and the mapped forms would reach it if they were let through.
  await new Promise<void>((r) => server.listen(0, '::', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const connection = (path: string, secret = SECRET): Connection => ({
  id: 'c1',
  workspaceId: 'w1',
  channelId: 'automation',
  connector: 'webhook',
  config: { url: `${base}${path}` },
  credentials: { secret },
});
const variant: OutgoingVariant = {
  id: 'v1',
  postId: 'p1',
  workspaceId: 'w1',
  channelId: 'automation',
  content: { text: 'Hello, automation', media: [], thread: [] },
  dueAt: new Date('2026-11-23T12:00:00Z'),
  attempt: 1,
};
/** The test's receiver is local: its address is allowed explicitly, as an operator would with OUTBOUND_ALLOW. */
const webhook = new WebhookConnector({ fetch: createOutbound({ allow: ['127.0.0.1'] }).fetch });

describe('webhook connector', () => {
  it('POSTs a JSON payload signed with HMAC-SHA256 and the idempotency key in a header', async () => {
    const result = await webhook.publish(variant, { connection: connection('/ok'), idempotencyKey: 'idem-1' });
    expect(result).toEqual({ remoteId: 'remote-42', remoteUrl: 'https://example.test/p/42' });
    const r = received.at(-1)!;
    expect(r.headers['idempotency-key']).toBe('idem-1');
    expect(r.headers['content-type']).toBe('application/json');
    const signature = r.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // The receiver can verify it with the shared secret — and only with it, only on the exact body.
    expect(verifySignature(SECRET, signature, r.body)).toBe(true);
    expect(verifySignature('another-secret-0000', signature, r.body)).toBe(false);
    expect(verifySignature(SECRET, signature, r.body.replace('automation', 'aut0mation'))).toBe(false);
    const payload = JSON.parse(r.body) as WebhookPayload;
    expect(payload).toMatchObject({
      event: 'post.publish',
      id: 'idem-1',
      data: { variantId: 'v1', content: { text: 'Hello, automation' } },
    });
  });

  // Known answers: the expected values were computed outside this code, with
  // `printf '%s' "<t>.<body>" | openssl dgst -sha256 -hmac "$SECRET"` (and checked with Python's hmac),
  // so a change to what is signed or how fails here even if signPayload and verifySignature change together.
  describe('signature known answers (openssl dgst -sha256 -hmac)', () => {
    const T = 1795435200; // 2026-11-23T12:00:00Z

    it('signs "<t>.<body>" with HMAC-SHA256, hex, over the UTF-8 bytes of the body', () => {
      expect(signPayload(SECRET, '{"event":"ping","id":"ping:1","sentAt":"2026-11-23T12:00:00.000Z","data":{}}', T)).toBe(
        't=1795435200,v1=843a1642d19440e9bb94005047cceb8f7f521c6850bf181c16bd0ee37e41783a',
      );
      expect(signPayload(SECRET, '{"text":"Brot \u2013 frisch \u{1F35E}"}', T)).toBe(
        't=1795435200,v1=96cab1ce7270d78933fb7a855fab3ef0b57ddbcc6feca48d5fc9f5f5912cd5a5',
      );
    });

    it('a delivery reaches the receiver with exactly this body and these headers', async () => {
      // Only Date is faked: the timestamp and sentAt are fixed, the network's own timers run as usual.
      vi.useFakeTimers({ toFake: ['Date'], now: T * 1000 });
      try {
        await webhook.publish(variant, { connection: connection('/ok'), idempotencyKey: 'idem-kat' });
      } finally {
        vi.useRealTimers();
      }
      const r = received.at(-1)!;
      expect(r.body).toBe(
        '{"event":"post.publish","id":"idem-kat","sentAt":"2026-11-23T12:00:00.000Z","data":{"variantId":"v1","postId":"p1","workspaceId":"w1",' +
          '"channelId":"automation","dueAt":"2026-11-23T12:00:00.000Z","content":{"text":"Hello, automation","media":[],"thread":[]},"media":[]}}',
      );
      expect(r.headers).toMatchObject({
        'x-groundwork-signature': 't=1795435200,v1=64469fa44caefed36da74b8849e37484d6876a3e292716df321bd89b81066c6f',
        'idempotency-key': 'idem-kat',
        'content-type': 'application/json',
        'user-agent': 'Groundwork-Webhook/1',
      });
    });
  });

  it('sends an uploaded image with its bytes, read through the MediaSource, and an image by URL as given', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const media: MediaSource = {
      read: async () => ({ bytes, mimeType: 'image/png', kind: 'image', width: 2, height: 1, sha256: 'b'.repeat(64) }),
    };
    const content = {
      text: 'With pictures',
      thread: [],
      media: [
        { mediaId: '0b0a2c1e-2f0e-4c1a-9a1e-0b0a2c1e2f0e', alt: 'A tray' },
        { url: 'https://cdn.example/a.jpg', alt: 'A loaf' },
      ],
    };
    await webhook.publish({ ...variant, content }, { connection: connection('/ok'), idempotencyKey: 'idem-media', media });
    const payload = JSON.parse(received.at(-1)!.body) as WebhookPayload;
    expect(payload.data.media).toEqual([
      {
        mediaId: '0b0a2c1e-2f0e-4c1a-9a1e-0b0a2c1e2f0e',
        alt: 'A tray',
        mimeType: 'image/png',
        sizeBytes: 11,
        width: 2,
        height: 1,
        sha256: 'b'.repeat(64),
        base64: Buffer.from(bytes).toString('base64'),
      },
      { url: 'https://cdn.example/a.jpg', alt: 'A loaf' },
    ]);
  });

  it('a receiver verifying signatures accepts ours', async () => {
    await expect(webhook.publish(variant, { connection: connection('/strict'), idempotencyKey: 'idem-2' })).resolves.toMatchObject({
      remoteId: 'idem-2',
    });
  });

  it('refuses stale or malformed signatures', () => {
    const body = '{"a":1}';
    const old = signPayload(SECRET, body, Math.floor(Date.now() / 1000) - 3600);
    expect(verifySignature(SECRET, old, body)).toBe(false);
    expect(verifySignature(SECRET, old, body, { toleranceSeconds: 7200 })).toBe(true);
    expect(verifySignature(SECRET, 'v1=abc', body)).toBe(false);
    expect(verifySignature(SECRET, undefined, body)).toBe(false);
  });

  it('an empty 2xx is a success, named by the idempotency key', async () => {
    await expect(webhook.publish(variant, { connection: connection('/empty'), idempotencyKey: 'idem-3' })).resolves.toEqual({
      remoteId: 'idem-3',
      remoteUrl: null,
    });
  });

  it('maps failures: 503/429 transient with Retry-After, 422 rejected with the body, 401 auth, unreachable transient', async () => {
    const busy = await webhook.publish(variant, { connection: connection('/busy'), idempotencyKey: 'k' }).catch((e) => e);
    expect(busy).toBeInstanceOf(TransientError);
    expect(busy.retryAfterMs).toBe(30_000);
    expect(busy.message).toBe('The webhook answered 503');
    expect((await webhook.publish(variant, { connection: connection('/limited'), idempotencyKey: 'k' }).catch((e) => e)).retryAfterMs).toBe(
      2000,
    );
    const rejected = await webhook.publish(variant, { connection: connection('/reject'), idempotencyKey: 'k' }).catch((e) => e);
    expect(rejected).toBeInstanceOf(PermanentError);
    expect(rejected.message).toBe('The webhook answered 422');
    expect(await webhook.publish(variant, { connection: connection('/auth'), idempotencyKey: 'k' }).catch((e) => e)).toMatchObject({
      reason: 'auth',
    });
    const down = { ...connection('/ok'), config: { url: 'http://127.0.0.1:1/hook' } };
    expect(await webhook.publish(variant, { connection: down, idempotencyKey: 'k' }).catch((e) => e)).toBeInstanceOf(TransientError);
  });

  it('refuses a missing secret or a non-http URL as misconfigured', async () => {
    expect(await webhook.publish(variant, { connection: connection('/ok', 'short'), idempotencyKey: 'k' }).catch((e) => e)).toMatchObject({
      reason: 'misconfigured',
    });
    const ftp = { ...connection('/ok'), config: { url: 'ftp://example.test/x' } };
    expect(await webhook.publish(variant, { connection: ftp, idempotencyKey: 'k' }).catch((e) => e)).toMatchObject({
      reason: 'misconfigured',
    });
  });

  it('has no lookup (null: resend with the same key), and verifies with a signed ping', async () => {
    expect(await webhook.lookup('idem-1', { connection: connection('/ok'), variant: { ...variant, attempt: 2 } })).toBeNull();
    expect(await webhook.verify({ connection: connection('/strict') })).toEqual({ ok: true });
    expect(JSON.parse(received.at(-1)!.body).event).toBe('ping');
    expect(await webhook.verify({ connection: connection('/auth') })).toMatchObject({ ok: false, message: expect.stringMatching(/401/) });
  });

  describe('refuses private and local addresses (SSRF)', () => {
    const guarded = new WebhookConnector();
    const at = (host: string, path = '/internal'): Connection => ({
      ...connection(path),
      config: { url: `http://${host}:${new URL(base).port}${path}` },
    });

    it.each(['127.0.0.1', '[::1]', 'localhost', '2130706433', '0x7f000001', '127.1', '0.0.0.0', '[::ffff:127.0.0.1]'])(
      'a webhook at http://%s:<port> is refused as misconfigured, nothing is sent and nothing of the server comes back',
      async (host) => {
        const before = received.length;
        const published = await guarded.publish(variant, { connection: at(host), idempotencyKey: 'k' }).catch((e: unknown) => e);
        expect(published).toBeInstanceOf(PermanentError);
        expect(published).toMatchObject({ reason: 'misconfigured', message: expect.stringMatching(/private or local network address/) });
        expect(String((published as Error).message)).not.toContain(INTERNAL);
        const verified = await guarded.verify({ connection: at(host) }).catch((e: unknown) => e);
        expect(verified).toMatchObject({ reason: 'misconfigured' });
        expect(received.length).toBe(before);
      },
    );

    it('a redirect from an allowed host to a private one is refused', async () => {
      const e = await webhook
        .publish(variant, { connection: connection('/redirect-internal'), idempotencyKey: 'k' })
        .catch((err: unknown) => err);
      // The webhook itself asks not to follow redirects (a delivery is not repeated elsewhere): the 307 is reported, not followed.
      expect(e).toMatchObject({ message: 'The webhook answered 307' });
      const following = await createOutbound({ allow: ['127.0.0.1'] })
        .fetch(`${base}/redirect-internal`)
        .catch((err: unknown) => err);
      expect(following).toMatchObject({ code: 'outbound.forbidden_address' });
    });

    it("never echoes a receiver's body, even from an allowed host", async () => {
      const e = await webhook
        .publish(variant, { connection: connection('/internal-error'), idempotencyKey: 'k' })
        .catch((err: unknown) => err);
      expect(e).toMatchObject({ message: 'The webhook answered 500' });
      expect(await webhook.verify({ connection: connection('/internal-error') })).toEqual({
        ok: false,
        message: 'The webhook answered 500',
      });
    });
  });
});
