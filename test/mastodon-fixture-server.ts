/**
 * TEST SUPPORT — serves recorded Mastodon API exchanges (test/fixtures/mastodon/<name>.json) from a
 * local `node:http` server on 127.0.0.1, in order, and captures what the client sent.
 *
 * A fixture is `{ description, docs, exchanges: [{ request, response }] }`:
 * - `request`: `method` and `path` must match; `query`, `headers` (names case-insensitive), `json`
 *   (the JSON body) and `form` (multipart fields; a file field reads `{ "$file": { "type": … } }`)
 *   are subsets the actual request must contain — objects recursively, arrays element by element,
 *   the string `"*"` matches any present value;
 * - `response`: `status`, `headers`, and `body` (sent as JSON) or `text` (sent as is); with `drop`,
 *   the server acts on the request (the response says what it made) but cuts the connection instead
 *   of answering — the client cannot know the outcome, as when a reply is lost on the way back.
 * A request that does not match the next exchange is recorded in `mismatches` and answered
 * `418` with the reason, so a test fails with a message instead of hanging. Responses are read when
 * served: a test changes what the network will say next (a status's counts after more favourites)
 * through `exchange(name)`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, unknown>;
}

export interface FixtureResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  text?: string;
  /** Cut the connection instead of sending this response (see the module comment). */
  drop?: boolean;
}

export interface FixtureExchange {
  name?: string;
  request: FixtureRequest;
  response: FixtureResponse;
}

export interface Fixture {
  description: string;
  /** The documentation pages the shapes come from. */
  docs?: string[];
  exchanges: FixtureExchange[];
}

export interface CapturedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  json?: unknown;
  form?: Record<string, unknown>;
}

export interface FixtureServer {
  url: string;
  fixture: Fixture;
  requests: CapturedRequest[];
  mismatches: string[];
  /** Exchanges not yet requested. */
  remaining(): number;
  /** The exchange of this name, to change its response before it is served. */
  exchange(name: string): FixtureExchange;
  close(): Promise<void>;
}

const FIXTURES = new URL('./fixtures/mastodon/', import.meta.url);

export async function loadFixture(name: string): Promise<Fixture> {
  return JSON.parse(await readFile(new URL(`${name}.json`, FIXTURES), 'utf8')) as Fixture;
}

/** Where `actual` differs from the subset `expected`, or null when it contains it. */
export function subsetMismatch(expected: unknown, actual: unknown, at = '$'): string | null {
  if (expected === '*') return actual === undefined ? `${at}: missing` : null;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(expected[i], actual[i], `${at}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${at}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      const m = subsetMismatch(v, (actual as Record<string, unknown>)[k], `${at}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

async function capture(req: IncomingMessage): Promise<CapturedRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? '/', 'http://fixture');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const captured: CapturedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    // A repeated parameter (`types[]=mention&types[]=quote`) reads as its values joined by commas.
    query: Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k).join(',')])),
    headers,
  };
  const type = headers['content-type'] ?? '';
  if (body.length > 0 && type.startsWith('application/json')) captured.json = JSON.parse(body.toString('utf8'));
  if (body.length > 0 && type.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    captured.form = {};
    for (const [k, v] of form.entries()) {
      captured.form[k] = typeof v === 'string' ? v : { $file: { type: v.type, size: v.size, name: v.name } };
    }
  }
  return captured;
}

/** Serves the fixture `name`; `edit` adjusts it first (ids or times only known when the test runs). */
export async function serveFixture(name: string, edit?: (fixture: Fixture) => void): Promise<FixtureServer> {
  const fixture = await loadFixture(name);
  edit?.(fixture);
  const requests: CapturedRequest[] = [];
  const mismatches: string[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const got = await capture(req);
      requests.push(got);
      const exchange = fixture.exchanges[next];
      const where = `${name} exchange ${next + 1}${exchange?.name ? ` (${exchange.name})` : ''}`;
      let problem: string | null = null;
      if (!exchange) problem = `unexpected request ${got.method} ${got.path}: the fixture has no more exchanges`;
      else {
        const r = exchange.request;
        if (r.method !== got.method || r.path !== got.path) problem = `expected ${r.method} ${r.path}, got ${got.method} ${got.path}`;
        else {
          const lower = r.headers ? Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])) : undefined;
          problem =
            (r.query && subsetMismatch(r.query, got.query, 'query')) ||
            (lower && subsetMismatch(lower, got.headers, 'headers')) ||
            (r.json !== undefined && subsetMismatch(r.json, got.json, 'json')) ||
            (r.form && subsetMismatch(r.form, got.form, 'form')) ||
            null;
        }
      }
      if (problem || !exchange) {
        mismatches.push(`${where}: ${problem}`);
        res.writeHead(418, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `fixture mismatch — ${where}: ${problem}` }));
        return;
      }
      next++;
      const { status, headers = {}, body, text, drop } = exchange.response;
      if (drop) {
        res.socket?.destroy();
        return;
      }
      const payload = text ?? (body === undefined ? '' : JSON.stringify(body));
      const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
      res.writeHead(status, { ...(hasType || payload === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
      res.end(payload);
    })().catch((e: unknown) => {
      mismatches.push(`${name}: the fixture server failed: ${String(e)}`);
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fixture,
    requests,
    mismatches,
    remaining: () => fixture.exchanges.length - next,
    exchange: (exchangeName) => {
      const found = fixture.exchanges.find((e) => e.name === exchangeName);
      if (!found) throw new Error(`${name} has no exchange "${exchangeName}"`);
      return found;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
