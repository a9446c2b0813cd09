import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cleanStrategy } from '../../test/plan-fixtures.ts';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

let t: TestApp;
let owner: Record<string, string>;
let ws: string;
let bearer: Record<string, string>;
const EVIL = { origin: 'https://evil.example' };
// inject sends `Host: localhost:80`.
const SAME = { origin: 'http://localhost' };
const yamlHeaders = { 'content-type': 'application/yaml' };

const strategyCount = async () => (await t.db.pool.query('SELECT count(*)::int AS n FROM strategies')).rows[0].n as number;
const feed = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/calendar-feed`, headers });

beforeAll(async () => {
  t = await createTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: owner,
    payload: { name: 'script', workspace: ws, access: 'write' },
  });
  expectStatus(token, 201);
  bearer = { authorization: `Bearer ${token.json().token}` };
});
afterAll(() => t.close());

describe('cookie-authenticated writes from another site are refused', () => {
  it('refuses a YAML import sent from another origin with 403 auth.cross_site, nothing stored', async () => {
    const before = await strategyCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/import`,
      headers: { ...owner, ...EVIL, ...yamlHeaders },
      payload: stringify(cleanStrategy({ id: 'forged' })),
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('auth.cross_site');
    expect(await strategyCount()).toBe(before);
  });

  it('refuses a bodyless cross-site POST that would make (or rotate) the calendar feed', async () => {
    const res = await feed({ ...owner, ...EVIL });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('auth.cross_site');
    // Nothing was made: the first same-origin request creates the feed rather than finding one.
    const made = await feed({ ...owner, ...SAME });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().rotated).toBe(false);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site, even with a same-origin Origin', { 'sec-fetch-site': 'cross-site', ...SAME }],
    ['Origin: null', { origin: 'null' }],
    ['an Origin on another port', { origin: 'http://localhost:8080' }],
  ])('refuses %s', async (_what, headers) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws}`,
      headers: { ...owner, ...headers },
      payload: { name: 'Forged' },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('auth.cross_site');
  });

  it('refuses sign-out and deletes too', async () => {
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signout', headers: { ...owner, ...EVIL } });
    expect(out.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/workspaces/${ws}/calendar-feed`, headers: { ...owner, ...EVIL } });
    expect(del.statusCode).toBe(403);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: owner });
    expect(me.json().user).not.toBeNull();
  });
});

describe('what stays allowed', () => {
  it.each([
    ['the same Origin', SAME],
    ['the same Origin with the default port written out', { origin: 'http://localhost:80' }],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }],
    ['no Origin and no Sec-Fetch-Site (curl, scripts)', {}],
  ])('a cookie-authenticated write with %s', async (_what, headers) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${ws}`,
      headers: { ...owner, ...headers },
      payload: { name: 'Renamed' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('a bearer token from any origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/import`,
      headers: { ...bearer, ...EVIL, 'sec-fetch-site': 'cross-site', ...yamlHeaders },
      payload: stringify(cleanStrategy({ id: 'by-token' })),
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('reads from another origin (the browser does not let that page read the answer)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}`, headers: { ...owner, ...EVIL } });
    expect(res.statusCode).toBe(200);
  });

  it('signing in from anywhere when no session cookie is sent', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      headers: EVIL,
      payload: { email: 'nobody@example.com', password: 'wrong password here' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('only documented content types', () => {
  it.each([
    ['text/plain', 'kind: strategy\n'],
    ['application/x-www-form-urlencoded', 'kind=strategy'],
    ['multipart/form-data; boundary=x', '--x--\r\n'],
  ])('refuses %s on import with 415, even from the same origin', async (type, payload) => {
    const before = await strategyCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/import`,
      headers: { ...owner, ...SAME, 'content-type': type },
      payload,
    });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error.code).toBe('request.unsupported_media_type');
    expect(await strategyCount()).toBe(before);
  });

  it('still imports YAML from the same origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/import`,
      headers: { ...owner, ...SAME, ...yamlHeaders },
      payload: stringify(cleanStrategy({ id: 'same-origin' })),
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});
