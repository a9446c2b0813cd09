import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { createPostsTestApp, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';
import { findInvalidText } from '../invalid-text.ts';

const NUL = 'a\u0000b';
const LONE = 'hi \ud83d';

let t: PostsTestApp;
let ws: string;
let owner: Headers;
let postId: string;
const strategy = postingStrategy();

/** Rows in every table of the test database: a refused request must change none of them. */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await t.db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    counts[table_name] = (await t.db.pool.query(`SELECT count(*)::int AS n FROM "${table_name}"`)).rows[0].n as number;
  }
  return counts;
}

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  await t.createStrategy(ws, owner, strategy);
  const post = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, {
    strategy: strategy.id,
    pillar: 'how-to',
    variants: { mastodon: { text: 'A valid post' } },
  });
  expect(post.statusCode).toBe(201);
  postId = post.json().post.id;
});
afterAll(() => t.close());

describe('findInvalidText', () => {
  it.each([
    ['plain text and emoji pairs', { a: ['ok', 'bread 🥖'] }, null],
    ['a NUL in a nested value', { a: [{ b: NUL }] }, '/a/0/b'],
    ['a lone high surrogate', { text: LONE }, '/text'],
    ['a lone low surrogate', ['\udc00'], '/0'],
    ['a NUL in a key (escaped in the pointer)', { 'x/y': { [NUL]: 1 } }, `/x~1y/${NUL}`],
    ['a string on its own', NUL, ''],
  ])('%s', (_what, value, pointer) => {
    expect(findInvalidText(value)).toBe(pointer);
  });

  it('walks nesting far deeper than the call stack allows (a 2 MB body can nest a million deep)', () => {
    let deep: unknown = NUL;
    for (let i = 0; i < 300_000; i++) deep = [deep];
    expect(findInvalidText(deep)).toBe('/0'.repeat(300_000));
  });
});

describe('NUL bytes and lone surrogates are refused at validation, never stored', () => {
  const w = () => `/api/v1/workspaces/${ws}`;
  const cases: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', () => string, () => unknown, () => Headers, string][] = [
    [
      'sign-in email',
      'POST',
      () => '/api/v1/auth/signin',
      () => ({ email: NUL, password: 'correct horse battery staple' }),
      () => ({}),
      'body/email',
    ],
    [
      'sign-up name',
      'POST',
      () => '/api/v1/auth/signup',
      () => ({ email: 'nul@example.com', password: 'correct horse battery staple', name: LONE }),
      () => ({}),
      'body/name',
    ],
    ['token name', 'POST', () => '/api/v1/tokens', () => ({ name: NUL, workspace: ws, access: 'write' }), () => owner, 'body/name'],
    ['workspace name', 'POST', () => '/api/v1/workspaces', () => ({ name: LONE }), () => owner, 'body/name'],
    ['strategy name', 'POST', () => `${w()}/strategies`, () => cleanStrategy({ id: 'nul-strategy', name: NUL }), () => owner, 'body/name'],
    [
      'campaign name',
      'POST',
      () => `${w()}/campaigns`,
      () => cleanCampaign({ id: 'nul-campaign', strategy: strategy.id, name: LONE }),
      () => owner,
      'body/name',
    ],
    [
      'JSON import',
      'POST',
      () => `${w()}/import`,
      () => ({ documents: [cleanStrategy({ id: 'nul-import', name: NUL })] }),
      () => owner,
      'body/documents/0/name',
    ],
    [
      'post text',
      'POST',
      () => `${w()}/posts`,
      () => ({ strategy: strategy.id, pillar: 'how-to', variants: { mastodon: { text: LONE } } }),
      () => owner,
      'body/variants/mastodon/text',
    ],
    ['comment text', 'POST', () => `${w()}/posts/${postId}/comments`, () => ({ text: LONE }), () => owner, 'body/text'],
    ['a path parameter', 'GET', () => `${w()}/strategies/a%00b`, () => undefined, () => owner, 'params/strategyId'],
    ['a query parameter', 'GET', () => `${w()}/posts?strategy=%00`, () => undefined, () => owner, 'query/strategy'],
  ];

  it.each(cases)('%s → 400 request.invalid_text', async (_what, method, url, payload, headers, where) => {
    const before = await rowCounts();
    const res = await t.inject(method, url(), headers(), payload());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('request.invalid_text');
    expect(res.json().error.message).toMatch(new RegExp(`^${where.replace(/[/]/g, '\\/')}`));
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['a "\\0" escape', stringify(cleanStrategy({ id: 'yaml-nul', name: NUL })), '/name'],
    ['a lone "\\ud83d" escape', `${stringify(cleanStrategy({ id: 'yaml-lone' }))}description: "hi \\ud83d"\n`, '/description'],
  ])('a YAML import with %s → 400 plan.invalid naming the field, nothing stored', async (_what, yaml, path) => {
    const before = await rowCounts();
    const res = await t.app.inject({
      method: 'POST',
      url: `${w()}/import`,
      headers: { ...owner, 'content-type': 'application/yaml' },
      payload: yaml,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('plan.invalid');
    expect(res.json().error.details.findings).toEqual([
      expect.objectContaining({ rule: 'schema', path, message: expect.stringContaining('NUL characters') }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a raw NUL in a YAML body before parsing it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${w()}/import`,
      headers: { ...owner, 'content-type': 'application/yaml' },
      payload: `kind: strategy\nname: a\u0000b\n`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'request.invalid_text', details: { in: 'body', pointer: '' } });
  });

  it('refuses a campaign dated in year 0000 (Postgres has no year 0) with 400, nothing stored', async () => {
    const before = await rowCounts();
    const res = await t.inject('POST', `${w()}/campaigns`, owner, {
      ...cleanCampaign({ id: 'year-zero', strategy: strategy.id }),
      start: '0000-01-01',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'request.invalid', message: expect.stringContaining('year 0001 or later') });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a post list from year 0000 with 400', async () => {
    const res = await t.inject('GET', `${w()}/posts?from=0000-01-01T00:00:00Z`, owner);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'request.invalid', message: expect.stringContaining('year 0001 or later') });
  });

  it('still accepts text with emoji (surrogate pairs)', async () => {
    const res = await t.inject('POST', `/api/v1/workspaces`, owner, { name: 'Bakery 🥖' });
    expect(res.statusCode).toBe(201);
  });
});
