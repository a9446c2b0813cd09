/**
 * The listening API against a real Postgres: queries (syntax errors with their position, the live
 * check and preview), mentions imported from CSV and JSONL (nothing stored on a bad row, each id once),
 * the mentions list with its filters and pages, sources; members only, another workspace's ids 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let ws: string;
let owner: { headers: Headers; userId: string };
let analyst: { headers: Headers; userId: string };
let editor: { headers: Headers; userId: string };
const strategy = postingStrategy();
const api = (suffix: string) => `/api/v1/workspaces/${ws}/listening${suffix}`;

function importFile(headers: Headers, body: string, type: string, query = '') {
  return t.app.inject({ method: 'POST', url: api(`/import${query}`), headers: { ...headers, 'content-type': type }, payload: body });
}

const CSV = [
  'id,text,author,lang,url,posted_at,links,media',
  'm1,I love the new rye loaf,alice.example,en,https://example.com/1,2026-03-01T10:00:00Z,https://bakery.example/rye,1',
  'm2,"Terrible coffee today, the rye was stale",bob.example,en,,2026-03-02T10:00:00Z,,0',
  'm3,Nothing about bread here,carol.example,,,2026-03-03T10:00:00Z,,',
].join('\n');

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  analyst = await t.member(ws, owner.headers, 'analyst');
  editor = await t.member(ws, owner.headers, 'editor');
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner.headers, strategy), 201);
});
afterAll(() => t.close());

let ryeId: string;

describe('queries', () => {
  it('creates a query, refuses one that does not parse with its position, and lists them', async () => {
    const created = await t.inject('POST', api('/queries'), analyst.headers, {
      name: 'Rye',
      query: 'rye',
      role: 'brand',
      topic: 'bread',
      strategy: strategy.id,
      needsResponse: true,
    });
    expectStatus(created, 201);
    ryeId = created.json().query.id;
    expect(created.json().query).toMatchObject({
      name: 'Rye',
      role: 'brand',
      topic: 'bread',
      strategy: strategy.id,
      needsResponse: true,
      matches: 0,
    });

    const bad = await t.inject('POST', api('/queries'), analyst.headers, { name: 'Bad', query: 'rye "unclosed' });
    expectError(bad, 422, 'listening.query_syntax');
    expect(bad.json().error.details.position).toBe(4);

    expectError(await t.inject('POST', api('/queries'), analyst.headers, { name: 'rye', query: 'x' }), 409, 'listening.query_name_taken');
    expectError(
      await t.inject('POST', api('/queries'), analyst.headers, { name: 'S', query: 'x', strategy: 'nope' }),
      404,
      'strategy.not_found',
    );
    expectStatus(await t.inject('POST', api('/queries'), editor.headers, { name: 'E', query: 'x' }), 403);

    const list = await t.inject('GET', api('/queries'), editor.headers);
    expectStatus(list, 200);
    expect(list.json().queries.map((q: { name: string }) => q.name)).toEqual(['Rye']);
  });

  it('updates and archives, audited; an archived query is read-only', async () => {
    const other = (await t.inject('POST', api('/queries'), owner.headers, { name: 'Coffee', query: 'coffee' })).json().query.id;
    const updated = await t.inject('PATCH', api(`/queries/${other}`), owner.headers, { query: 'coffee tea', topic: null });
    expectStatus(updated, 200);
    expect(updated.json().query).toMatchObject({ query: 'coffee tea', topic: null });
    expectError(await t.inject('PATCH', api(`/queries/${other}`), owner.headers, { query: '"x' }), 422, 'listening.query_syntax');
    const archived = await t.inject('POST', api(`/queries/${other}/archive`), owner.headers);
    expect(archived.json().query.archivedAt).toEqual(expect.any(String));
    expectError(await t.inject('PATCH', api(`/queries/${other}`), owner.headers, { name: 'X' }), 409, 'listening.query_archived');
    const listed = await t.inject('GET', api('/queries?archived=true'), owner.headers);
    expect(listed.json().queries.map((q: { id: string }) => q.id)).toEqual([other]);
    const { rows } = await t.db.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [other]);
    expect(rows.map((r) => r.action)).toEqual(['listening_query.create', 'listening_query.update', 'listening_query.archive']);
  });
});

describe('import', () => {
  it('refuses a file with a bad row, storing nothing, with line and column', async () => {
    const bad = `${CSV}\nm4,,dave,en,,2026-03-04T10:00:00Z,,\nm5,text,,xx_1,,yesterday,,`;
    const res = await importFile(analyst.headers, bad, 'text/csv');
    expectError(res, 422, 'listening.import_invalid');
    expect(res.json().error.details.errors).toEqual([
      { line: 5, column: 'text', message: 'no text' },
      expect.objectContaining({ line: 6, column: 'lang' }),
      expect.objectContaining({ line: 6, column: 'posted_at' }),
    ]);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM mentions WHERE workspace_id = $1`, [ws]);
    expect(rows[0].n).toBe(0);
  });

  it('previews with dryRun, then imports CSV once: analysed, matched, deduplicated on a second import', async () => {
    const dry = await importFile(analyst.headers, CSV, 'text/csv', '?dryRun=true');
    expectStatus(dry, 200);
    expect(dry.json()).toEqual({ dryRun: true, summary: { rows: 3, imported: 3, duplicates: 0, matched: 2 } });
    const res = await importFile(analyst.headers, CSV, 'text/csv');
    expect(res.json()).toEqual({ dryRun: false, summary: { rows: 3, imported: 3, duplicates: 0, matched: 2 } });
    // The query needs a response: its two hits are in the inbox, once each, as listening items.
    const inbox = await t.inject('GET', `/api/v1/workspaces/${ws}/inbox/items?status=open`, owner.headers);
    expectStatus(inbox, 200);
    const listening = inbox.json().items.filter((i: { kind: string }) => i.kind === 'listening');
    expect(listening.map((i: { text: string }) => i.text).sort()).toEqual([
      'I love the new rye loaf',
      'Terrible coffee today, the rye was stale',
    ]);
    const again = await importFile(analyst.headers, CSV, 'text/csv; charset=utf-8');
    expect(again.json().summary).toEqual({ rows: 3, imported: 0, duplicates: 3, matched: 0 });
    const after = await t.inject('GET', `/api/v1/workspaces/${ws}/inbox/items?status=open`, owner.headers);
    expect(after.json().items.filter((i: { kind: string }) => i.kind === 'listening')).toHaveLength(2);
    expectStatus(await importFile(editor.headers, CSV, 'text/csv'), 403);
  });

  it('imports JSONL, with links as an array; a bad line is reported by number', async () => {
    const good = [
      JSON.stringify({
        id: 'j1',
        text: 'Rye bread in Lisbon',
        posted_at: '2026-03-05T09:00:00Z',
        links: ['https://a.example/x'],
        media: 2,
      }),
      '',
      JSON.stringify({ id: 'j2', text: 'Pão de centeio muito bom', posted_at: '2026-03-05T10:00:00Z', lang: 'pt-BR' }),
    ].join('\n');
    const bad = await importFile(analyst.headers, `${good}\n{nope`, 'application/x-ndjson');
    expectError(bad, 422, 'listening.import_invalid');
    expect(bad.json().error.details.errors).toEqual([{ line: 4, message: 'not a JSON object' }]);
    const res = await importFile(analyst.headers, good, 'application/x-ndjson');
    expect(res.json().summary).toEqual({ rows: 2, imported: 2, duplicates: 0, matched: 1 });
    expectError(await importFile(analyst.headers, 'a;b\n1;2', 'text/csv'), 422, 'import.unreadable');
  });
});

describe('mentions', () => {
  it('lists newest first with sentiment, language and matched queries', async () => {
    const res = await t.inject('GET', api('/mentions'), editor.headers);
    expectStatus(res, 200);
    const { mentions, nextBefore } = res.json();
    expect(mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['j2', 'j1', 'm3', 'm2', 'm1']);
    expect(nextBefore).toBeNull();
    const byId = Object.fromEntries(mentions.map((m: { externalId: string }) => [m.externalId, m]));
    expect(byId.m1).toMatchObject({
      sentiment: 'positive',
      lang: 'en',
      langDetected: false,
      queries: [ryeId],
      media: 1,
      links: ['https://bakery.example/rye'],
    });
    expect(byId.m2).toMatchObject({ sentiment: 'negative', queries: [ryeId] });
    expect(byId.j2).toMatchObject({ lang: 'pt', sentiment: 'unscored', queries: [] });
  });

  it('filters by query, sentiment, network, period and words, and pages by keyset', async () => {
    const ids = async (q: string) =>
      ((await t.inject('GET', api(`/mentions${q}`), editor.headers)).json().mentions as { externalId: string }[]).map((m) => m.externalId);
    expect(await ids(`?query=${ryeId}`)).toEqual(['j1', 'm2', 'm1']);
    expect(await ids('?sentiment=negative')).toEqual(['m2']);
    expect(await ids('?network=bluesky')).toEqual([]);
    expect(await ids('?from=2026-03-02T00:00:00Z&to=2026-03-05T00:00:00Z')).toEqual(['m3', 'm2']);
    expect(await ids('?search=STALE')).toEqual(['m2']);
    expect(await ids('?search=100%25')).toEqual([]);
    const first = (await t.inject('GET', api('/mentions?limit=2'), editor.headers)).json();
    expect(first.mentions).toHaveLength(2);
    const second = (await t.inject('GET', api(`/mentions?limit=2&before=${encodeURIComponent(first.nextBefore)}`), editor.headers)).json();
    expect(second.mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['m3', 'm2']);
    expectError(
      await t.inject('GET', api('/mentions?query=00000000-0000-0000-0000-000000000000'), editor.headers),
      404,
      'listening_query.not_found',
    );
    expectStatus(await t.inject('GET', api('/mentions?before=xyz'), editor.headers), 400);
  });

  it('checks a query live: the error with its position, or a preview of the matches', async () => {
    const bad = await t.inject('POST', api('/queries/check'), editor.headers, { query: 'rye "bread' });
    expectStatus(bad, 200);
    expect(bad.json()).toMatchObject({ ok: false, error: { position: 4 }, preview: { mentions: [], total: 0 } });
    const good = await t.inject('POST', api('/queries/check'), editor.headers, { query: 'rye' });
    expect(good.json()).toMatchObject({ ok: true, error: null, preview: { total: 3, scanned: 5 } });
    expect(good.json().preview.mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['j1', 'm2', 'm1']);
  });
});

describe('sources', () => {
  it('adds, lists, disables, reconfigures and deletes sources; bad config is a 400', async () => {
    const created = await t.inject('POST', api('/sources'), analyst.headers, {
      kind: 'mastodon',
      name: 'Coffee on Mastodon',
      config: { url: 'https://mastodon.example', stream: 'hashtag:coffee' },
    });
    expectStatus(created, 201);
    const source = created.json().source;
    expect(source).toMatchObject({ kind: 'mastodon', enabled: true, status: 'idle', lastError: null, cursor: null, mentions: 0 });
    expectStatus(await t.inject('POST', api('/sources'), analyst.headers, { kind: 'rss', name: 'x', config: { url: 'ftp://x' } }), 400);
    expectStatus(
      await t.inject('POST', api('/sources'), analyst.headers, { kind: 'bluesky', name: 'x', config: { url: 'https://bsky.network' } }),
      400,
    );
    const disabled = await t.inject('PATCH', api(`/sources/${source.id}`), analyst.headers, { enabled: false });
    expect(disabled.json().source.enabled).toBe(false);
    expectError(
      await t.inject('PATCH', api(`/sources/${source.id}`), analyst.headers, { config: { url: 'https://m.example', stream: 'bogus' } }),
      400,
      'listening.invalid_source_config',
    );
    const list = await t.inject('GET', api('/sources'), editor.headers);
    expect(list.json().sources.map((s: { id: string }) => s.id)).toEqual([source.id]);
    expectStatus(await t.inject('DELETE', api(`/sources/${source.id}`), editor.headers), 403);
    expectStatus(await t.inject('DELETE', api(`/sources/${source.id}`), analyst.headers), 204);
    expectError(await t.inject('DELETE', api(`/sources/${source.id}`), analyst.headers), 404, 'listening_source.not_found');
  });

  it("answers 404 for another workspace's ids, 401 anonymous", async () => {
    const other = await t.createWorkspace(owner.headers);
    const res = await t.inject('PATCH', `/api/v1/workspaces/${other}/listening/queries/${ryeId}`, owner.headers, { name: 'x' });
    expectError(res, 404, 'listening_query.not_found');
    const stranger = await t.signUp();
    expectStatus(await t.inject('GET', api('/mentions'), stranger.headers), 404);
    expectStatus(await t.inject('GET', api('/mentions'), {}), 401);
  });
});
