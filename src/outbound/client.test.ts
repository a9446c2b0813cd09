/**
 * The guarded client against a real local server that would hand out a secret: every spelling of
 * "this machine" is refused before a byte is exchanged, redirects are re-checked hop by hop, and the
 * time and size limits hold. The same server answers when its host is allowed, so the refusals are
 * the policy's doing, not a closed port's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbound } from './client.ts';
import { findOutboundError, OutboundError } from './errors.ts';

const SECRET = 'internal-secret-7f3a9c';
let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/secret') return res.end(SECRET);
    if (url.pathname === '/to') return res.writeHead(302, { location: url.searchParams.get('u') ?? '/' }).end();
    if (url.pathname === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (url.pathname === '/big') return res.end(Buffer.alloc(2_000_000, 'a'));
    if (url.pathname === '/big-chunked') {
      // No content-length: the cap must count bytes as they arrive.
      res.write(Buffer.alloc(600_000, 'a'));
      res.end(Buffer.alloc(600_000, 'a'));
      return;
    }
    if (url.pathname === '/silent') return; // never answers
    if (url.pathname === '/echo-auth') return res.end(req.headers.authorization ?? 'none');
    res.writeHead(404).end();
  });
  // '::' takes IPv4 and IPv6, so [::1] and the mapped forms would reach it if they were let through.
  await new Promise<void>((r) => server.listen(0, '::', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

async function refusal(p: Promise<unknown>): Promise<OutboundError> {
  const e = await p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OutboundError);
  return e as OutboundError;
}

describe('guarded fetch', () => {
  const guarded = createOutbound().fetch;

  it.each(['127.0.0.1', '[::1]', 'localhost', '2130706433', '0x7f000001', '127.1', '0.0.0.0', '[::ffff:127.0.0.1]', '017700000001'])(
    'refuses http://%s:<port>/ and reads nothing from it',
    async (host) => {
      const before = hits;
      const e = await refusal(guarded(`http://${host}:${port}/secret`));
      expect(e.code).toBe('outbound.forbidden_address');
      expect(e.message).toMatch(/private or local network address/);
      expect(e.message).not.toContain(SECRET);
      expect(hits).toBe(before);
    },
  );

  it('reaches the same server when its host is allowed (the refusals are the policy, not the network)', async () => {
    const allowed = createOutbound({ allow: ['127.0.0.1', 'LOCALHOST'] }).fetch;
    expect(await (await allowed(`http://127.0.0.1:${port}/secret`)).text()).toBe(SECRET);
    expect(await (await allowed(`http://localhost:${port}/secret`)).text()).toBe(SECRET);
  });

  it('re-checks every redirect: an allowed host sending to 127.0.0.1 or to a name for it is refused', async () => {
    const allowed = createOutbound({ allow: ['localhost'] }).fetch;
    const toLiteral = `http://localhost:${port}/to?u=${encodeURIComponent(`http://127.0.0.1:${port}/secret`)}`;
    expect((await refusal(allowed(toLiteral))).code).toBe('outbound.forbidden_address');
    const viaName = createOutbound({ allow: ['127.0.0.1'] }).fetch;
    const toName = `http://127.0.0.1:${port}/to?u=${encodeURIComponent(`http://localhost:${port}/secret`)}`;
    const e = await refusal(viaName(toName));
    expect(e.message).toBe('localhost resolves to a private or local network address (127.0.0.1), which Groundwork does not call.');
  });

  it('follows allowed redirects, at most maxRedirects, and never to another scheme', async () => {
    const allowed = createOutbound({ allow: ['127.0.0.1'], maxRedirects: 3 }).fetch;
    expect(await (await allowed(`http://127.0.0.1:${port}/to?u=/secret`)).text()).toBe(SECRET);
    expect((await refusal(allowed(`http://127.0.0.1:${port}/loop`))).code).toBe('outbound.redirect_refused');
    expect((await refusal(allowed(`http://127.0.0.1:${port}/to?u=${encodeURIComponent('file:///etc/passwd')}`))).code).toBe(
      'outbound.redirect_refused',
    );
    expect((await refusal(allowed(`http://127.0.0.1:${port}/to?u=${encodeURIComponent('http://[::1')}`))).code).toBe(
      'outbound.redirect_refused',
    );
    const manual = await allowed(`http://127.0.0.1:${port}/loop`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
  });

  it('drops the Authorization header when a redirect leaves the origin', async () => {
    const allowed = createOutbound({ allow: ['127.0.0.1', 'localhost'] }).fetch;
    const same = await allowed(`http://127.0.0.1:${port}/to?u=/echo-auth`, { headers: { authorization: 'Bearer t' } });
    expect(await same.text()).toBe('Bearer t');
    const other = await allowed(`http://127.0.0.1:${port}/to?u=${encodeURIComponent(`http://localhost:${port}/echo-auth`)}`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(await other.text()).toBe('none');
  });

  it('refuses URLs that are not http(s)', async () => {
    expect((await refusal(guarded('file:///etc/passwd'))).code).toBe('outbound.invalid_url');
    expect((await refusal(guarded('data:text/plain,hi'))).code).toBe('outbound.invalid_url');
    expect((await refusal(guarded('not a url'))).code).toBe('outbound.invalid_url');
  });

  it('caps the body: a declared length over the cap fails at once, a streamed one when the cap is passed', async () => {
    const small = createOutbound({ allow: ['127.0.0.1'], maxBytes: 1_000_000 }).fetch;
    expect((await refusal(small(`http://127.0.0.1:${port}/big`))).code).toBe('outbound.too_large');
    const res = await small(`http://127.0.0.1:${port}/big-chunked`);
    const e = await res.arrayBuffer().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(Error);
    expect(String((e as Error).message) + String((e as Error).cause)).toMatch(/larger than 1000000 bytes/);
    // Under the cap the whole body arrives.
    expect(
      (await (await createOutbound({ allow: ['127.0.0.1'], maxBytes: 3_000_000 }).fetch(`http://127.0.0.1:${port}/big`)).arrayBuffer())
        .byteLength,
    ).toBe(2_000_000);
  });

  it('the dispatcher alone (as masto uses it, with the global fetch) applies the same address policy and size cap', async () => {
    const { dispatcher } = createOutbound({ allow: ['localhost'], maxBytes: 1_000_000 });
    const viaGlobal = (url: string) => fetch(url, { dispatcher } as RequestInit);
    expect(findOutboundError(await viaGlobal(`http://127.0.0.1:${port}/secret`).catch((e: unknown) => e))?.code).toBe(
      'outbound.forbidden_address',
    );
    // Redirects followed by the global fetch open new connections through the same Agent: checked too.
    const redirected = await viaGlobal(`http://localhost:${port}/to?u=${encodeURIComponent(`http://127.0.0.1:${port}/secret`)}`).catch(
      (e: unknown) => e,
    );
    expect(findOutboundError(redirected)?.code).toBe('outbound.forbidden_address');
    const big = await viaGlobal(`http://localhost:${port}/big-chunked`)
      .then((r) => r.arrayBuffer())
      .catch((e: unknown) => e);
    expect(big).toBeInstanceOf(Error);
    expect(await (await viaGlobal(`http://localhost:${port}/secret`)).text()).toBe(SECRET);
  });

  it('gives up after the total time limit', async () => {
    const quick = createOutbound({ allow: ['127.0.0.1'], timeoutMs: 300 }).fetch;
    const started = Date.now();
    expect((await refusal(quick(`http://127.0.0.1:${port}/silent`))).code).toBe('outbound.timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
