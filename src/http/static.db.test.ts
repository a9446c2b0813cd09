/** Serving the built web app: files, long-cached hashed assets, precompressed copies, the SPA fallback, and no build yet. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildApp, DEFAULT_WEB_ROOT, type App } from './app.ts';

const INDEX = '<!doctype html><html><head><title>Groundwork</title></head><body><div id="root"></div></body></html>';
const APP_JS = 'console.log("app")';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'groundwork-web-'));
const built = path.join(tmp, 'built');
const empty = path.join(tmp, 'empty');

let db: TestDatabase;
let app: App;
let bare: App;

const config = { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' } as const;

beforeAll(async () => {
  mkdirSync(path.join(built, 'assets'), { recursive: true });
  mkdirSync(empty);
  // As the build writes them: each text asset beside its brotli and gzip copies.
  for (const [file, text] of [
    ['index.html', INDEX],
    ['assets/index-3f9a1c.js', APP_JS],
  ] as const) {
    writeFileSync(path.join(built, file), text);
    writeFileSync(path.join(built, `${file}.br`), brotliCompressSync(text));
    writeFileSync(path.join(built, `${file}.gz`), gzipSync(text));
  }
  writeFileSync(path.join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(built, '.env'), 'SECRET=1');
  db = await createTestDatabase();
  app = await buildApp({ pool: db.pool, config, webRoot: built });
  bare = await buildApp({ pool: db.pool, config, webRoot: empty });
});

afterAll(async () => {
  await app?.close();
  await bare?.close();
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const get = (a: App, url: string, headers: Record<string, string> = {}) => a.inject({ method: 'GET', url, headers });

describe('the built web app', () => {
  it('defaults to dist/web of the repository', () => {
    expect(DEFAULT_WEB_ROOT).toBe(path.resolve('dist/web'));
  });

  it('serves index.html at / without caching', async () => {
    const res = await get(app, '/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
  });

  it('caches hashed assets for a year, other files not', async () => {
    const js = await get(app, '/assets/index-3f9a1c.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await get(app, '/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect((await get(app, '/index.html')).headers['cache-control']).toBe('no-cache');
  });

  it('answers with the precompressed copy the browser accepts, brotli first, and the plain file otherwise', async () => {
    const br = await get(app, '/assets/index-3f9a1c.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);

    const gzip = await get(app, '/assets/index-3f9a1c.js', { 'accept-encoding': 'gzip, deflate' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(APP_JS);

    const plain = await get(app, '/assets/index-3f9a1c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(APP_JS);

    // index.html, by name or as an app route, is compressed too but never cached without asking.
    for (const url of ['/', '/index.html', '/w/demo/calendar']) {
      const page = await get(app, url, { 'accept-encoding': 'br' });
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(page.rawPayload).toString(), url).toBe(INDEX);
    }
  });

  it('serves files built after the server started, names needing URL encoding included', async () => {
    writeFileSync(path.join(built, 'assets', 'late 100%.css'), 'body{}');
    const res = await get(app, '/assets/late%20100%25.css');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('body{}');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers app routes with index.html (SPA fallback), dotted ids included, never a file outside the root', async () => {
    for (const url of [
      '/workspaces/demo/strategies/acme.2027',
      '/signin?next=%2F',
      '/apiary',
      '/.env',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
  });

  it('keeps JSON 404s for the API, missing assets and other methods', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['GET', '/api/nothing'],
      ['GET', '/api'],
      ['GET', '/assets/gone-123.js'],
      ['GET', '/assets/..%2f..%2fetc%2fpasswd'],
      ['POST', '/workspaces'],
      ['DELETE', '/'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code, `${method} ${url}`).toBe('route.not_found');
    }
  });

  it('leaves the API, its documentation and authentication as they were', async () => {
    expect((await get(app, '/api/health')).statusCode).toBe(200);
    expect((await get(app, '/api/openapi.json')).json().openapi).toBe('3.1.0');
    expect((await get(app, '/api/docs/')).statusCode).toBe(200);
    const me = await get(app, '/api/v1/auth/me');
    expect(me.statusCode).toBe(401);
    // A broken API token is refused by the API, but the public files need no authentication at all.
    const bad = { authorization: 'Bearer gw_not-a-real-token' };
    expect((await get(app, '/api/v1/auth/me', bad)).statusCode).toBe(401);
    expect((await get(app, '/', bad)).statusCode).toBe(200);
  });
});

describe('without a build', () => {
  it('says how to build the web app, at / and on app routes', async () => {
    for (const url of ['/', '/workspaces/demo']) {
      const res = await get(bare, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('npm run build');
    }
  });

  it('still serves the API and its JSON 404s', async () => {
    expect((await get(bare, '/api/health')).statusCode).toBe(200);
    const res = await get(bare, '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
  });
});
