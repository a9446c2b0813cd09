/**
 * Polling sources against real local servers (node:http on 127.0.0.1, reached through the guarded
 * outbound client with 127.0.0.1 allowed, as OUTBOUND_ALLOW does) and a real Postgres: an RSS feed and
 * a Mastodon hashtag timeline become mentions; the next poll reads only what is new (the cursor);
 * failures are recorded on the source in our own words; loopback is refused without the allowance.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectStatus, type Headers, type PostsTestApp } from '../../../test/posts-app.ts';
import { createOutbound } from '../../outbound/client.ts';
import { pollSource } from './poll-source.ts';

let t: PostsTestApp;
let ws: string;
let owner: { headers: Headers };
let server: Server;
let base: string;
let queryId: string;
const outbound = createOutbound({ allow: ['127.0.0.1'] });

const feedItems: { guid: string; title: string; body: string; date: string }[] = [
  {
    guid: 'post-1',
    title: 'Our coffee roastery opens',
    body: '<p>Great <a href="https://roast.example/open">news</a>!</p>',
    date: 'Mon, 30 Nov 2026 10:00:00 GMT',
  },
  {
    guid: 'post-2',
    title: 'Tea notes',
    body: '<p>Green tea <img src="https://x.example/t.png"></p>',
    date: 'Tue, 01 Dec 2026 10:00:00 GMT',
  },
];
let feedStatus = 200;

interface Status {
  id: string;
  content: string;
}
const statuses: Status[] = [
  {
    id: '1001',
    content: '<p>Morning <a href="https://m.example/tags/coffee" class="mention hashtag">#<span>coffee</span></a> is the best</p>',
  },
  { id: '1002', content: '<p>Read <a href="https://blog.example/beans">this</a> about beans</p>' },
];
const asStatus = (s: Status) => ({
  id: s.id,
  uri: `https://m.example/users/ana/statuses/${s.id}`,
  url: `https://m.example/@ana/${s.id}`,
  createdAt: '2026-12-01T09:00:00.000Z',
  created_at: '2026-12-01T09:00:00.000Z',
  content: s.content,
  spoiler_text: '',
  language: 'en',
  in_reply_to_id: null,
  media_attachments: [],
  account: { id: '1', acct: 'ana@m.example', display_name: 'Ana', username: 'ana' },
});
const minIds: (string | null)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/feed.xml') {
      res.writeHead(feedStatus, { 'content-type': 'application/rss+xml' });
      const items = feedItems
        .map(
          (i) =>
            `<item><title>${i.title}</title><link>https://blog.example/${i.guid}</link><guid>${i.guid}</guid><description><![CDATA[${i.body}]]></description><pubDate>${i.date}</pubDate></item>`,
        )
        .join('');
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example</link><description>d</description>${items}</channel></rss>`,
      );
      return;
    }
    if (url.pathname === '/api/v1/timelines/tag/coffee') {
      const minId = url.searchParams.get('min_id');
      minIds.push(minId);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const newer = statuses
        .filter((s) => minId === null || BigInt(s.id) > BigInt(minId))
        .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
      // min_id: the statuses right after it; without it, the newest. Newest first either way.
      const page = (minId === null ? newer.slice(-limit) : newer.slice(0, limit)).reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(page.map(asStatus)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  const q = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries`, owner.headers, {
    name: 'Coffee',
    query: 'coffee OR beans',
  });
  expectStatus(q, 201);
  queryId = q.json().query.id;
});
afterAll(async () => {
  await t?.close();
  server?.close();
});

async function addSource(body: object): Promise<string> {
  const res = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/sources`, owner.headers, body);
  expectStatus(res, 201);
  return res.json().source.id;
}
const source = async (id: string) =>
  (await t.db.pool.query(`SELECT status, last_error, cursor, last_run_at FROM listening_sources WHERE id = $1`, [id])).rows[0];

describe('RSS source', () => {
  it('stores the items as mentions, then only the new ones; records a failure', async () => {
    const id = await addSource({ kind: 'rss', name: 'Blog', config: { url: `${base}/feed.xml` } });
    const first = await pollSource(t.db.pool, outbound, id);
    expect(first!.stored.map((s) => s.externalId)).toEqual(['post-1', 'post-2']);
    expect(first!.stored[0]!.queryIds).toEqual([queryId]);
    const { rows } = await t.db.pool.query(`SELECT text, links, media, url FROM mentions WHERE source_id = $1 ORDER BY posted_at`, [id]);
    expect(rows[0]).toEqual({
      text: 'Our coffee roastery opens\nGreat news!',
      links: ['https://roast.example/open'],
      media: 0,
      url: 'https://blog.example/post-1',
    });
    expect(rows[1].media).toBe(1);
    expect(await source(id)).toMatchObject({ status: 'idle', last_error: null, cursor: '2026-12-01T10:00:00.000Z' });

    feedItems.push({ guid: 'post-3', title: 'More coffee', body: 'x', date: 'Tue, 01 Dec 2026 12:00:00 GMT' });
    const second = await pollSource(t.db.pool, outbound, id);
    // post-2 (at the cursor) is read again and known: a duplicate, not a second row.
    expect(second!.stored.map((s) => s.externalId)).toEqual(['post-3']);
    expect(second!.duplicates).toBe(1);

    feedStatus = 500;
    expect(await pollSource(t.db.pool, outbound, id)).toBeNull();
    expect(await source(id)).toMatchObject({ status: 'error', last_error: 'the feed answered HTTP 500' });
    feedStatus = 200;
  });

  it('does not reach a loopback address without the allowance', async () => {
    const id = await addSource({ kind: 'rss', name: 'Local', config: { url: `${base}/feed.xml` } });
    expect(await pollSource(t.db.pool, createOutbound(), id)).toBeNull();
    const s = await source(id);
    expect(s.status).toBe('error');
    expect(s.last_error).toMatch(/127\.0\.0\.1/);
  });
});

describe('Mastodon source', () => {
  it('reads a hashtag timeline, then pages forward from the cursor with min_id', async () => {
    const id = await addSource({ kind: 'mastodon', name: '#coffee', config: { url: base, stream: 'hashtag:coffee' } });
    const first = await pollSource(t.db.pool, outbound, id);
    expect(first!.stored.map((s) => s.externalId)).toEqual([
      'https://m.example/users/ana/statuses/1001',
      'https://m.example/users/ana/statuses/1002',
    ]);
    const { rows } = await t.db.pool.query(
      `SELECT text, author, author_name, links, lang FROM mentions WHERE source_id = $1 ORDER BY external_id`,
      [id],
    );
    expect(rows[0]).toEqual({ text: 'Morning #coffee is the best', author: 'ana@m.example', author_name: 'Ana', links: [], lang: 'en' });
    expect(rows[1].links).toEqual(['https://blog.example/beans']);
    expect((await source(id)).cursor).toBe('1002');

    statuses.push({ id: '1003', content: '<p>coffee again</p>' });
    const second = await pollSource(t.db.pool, outbound, id);
    expect(second!.stored.map((s) => s.externalId)).toEqual(['https://m.example/users/ana/statuses/1003']);
    expect(minIds.at(-1)).toBe('1002');
    expect((await source(id)).cursor).toBe('1003');
    expect((await pollSource(t.db.pool, outbound, id))!.stored).toEqual([]);
  });
});
