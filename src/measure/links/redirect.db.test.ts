/**
 * The redirector `/l/<code>` over HTTP against real Postgres: the 302 and what a click counts, bots and
 * HEAD requests not counted, unique visitors per day (salted, rotated), referrer domains, the 404 page,
 * a counting failure that still redirects — and no client address in any table or log line.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_CONFIG, type TestApp } from '../../../test/app.ts';
import { buildApp, type App } from '../../http/app.ts';
import type { Queryable } from '../../db/pool.ts';
import { countClick } from './count-click.ts';
import { findLink } from './find-link.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const OTHER_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

let t: TestApp;
let workspaceId: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.signUp();
  workspaceId = await t.createWorkspace(owner.headers);
});
afterAll(() => t.close());

/** A tracked link made straight in SQL (wrapping at publish has its own tests): its code. */
async function makeLink(target = 'https://bakery.example/rye?utm_source=bluesky&utm_medium=social'): Promise<{ id: string; code: string }> {
  const code = `test${String(++seq).padStart(6, '0')}`;
  const { rows } = await t.db.pool.query<{ id: string }>(
    `INSERT INTO tracked_links (workspace_id, code, target_url, strategy_id, campaign_id, channel_id)
     VALUES ($1, $2, $3, 'strategy', 'spring', 'bluesky') RETURNING id`,
    [workspaceId, code, target],
  );
  return { id: rows[0]!.id, code };
}

interface Click {
  ip?: string;
  ua?: string | null;
  referer?: string;
  method?: 'GET' | 'HEAD';
  forwardedFor?: string;
}
const follow = (code: string, c: Click = {}, app: App = t.app) =>
  app.inject({
    method: c.method ?? 'GET',
    url: `/l/${code}`,
    remoteAddress: c.ip ?? '192.0.2.10',
    headers: {
      ...(c.ua === null ? {} : { 'user-agent': c.ua ?? BROWSER }),
      ...(c.referer ? { referer: c.referer } : {}),
      ...(c.forwardedFor ? { 'x-forwarded-for': c.forwardedFor } : {}),
    },
  });

/** The link's counted clicks and unique visitors, from the measurement log. */
async function counts(linkId: string, q: Queryable = t.db.pool) {
  const { rows } = await q.query<{ metric: string; n: number }>(
    'SELECT metric, sum(value)::int AS n FROM metric_events WHERE link_id = $1 GROUP BY metric',
    [linkId],
  );
  const by = Object.fromEntries(rows.map((r) => [r.metric, r.n]));
  return { clicks: by.link_clicks ?? 0, uniques: by.unique_visitors ?? 0 };
}

describe('the redirector', () => {
  it('answers 302 to the target, uncached, and counts the click with its link, post and plan dimensions', async () => {
    const link = await makeLink();
    const res = await follow(link.code, { referer: 'https://Social.Example./@ana/post/123?secret=1' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://bakery.example/rye?utm_source=bluesky&utm_medium=social');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toBe('');

    expect(await counts(link.id)).toEqual({ clicks: 1, uniques: 1 });
    const { rows: events } = await t.db.pool.query(
      `SELECT metric, value, source, strategy_id, campaign_id, channel_id FROM metric_events WHERE link_id = $1 ORDER BY metric`,
      [link.id],
    );
    expect(events).toEqual([
      { metric: 'link_clicks', value: 1, source: 'link', strategy_id: 'strategy', campaign_id: 'spring', channel_id: 'bluesky' },
      { metric: 'unique_visitors', value: 1, source: 'link', strategy_id: 'strategy', campaign_id: 'spring', channel_id: 'bluesky' },
    ]);
    // The rollups (what dashboards read) follow.
    const { rows: rollups } = await t.db.pool.query(
      `SELECT value FROM metric_rollups WHERE workspace_id = $1 AND grain = 'day' AND metric = 'link_clicks' AND campaign_id = 'spring'`,
      [workspaceId],
    );
    expect(rollups.reduce((s, r) => s + r.value, 0)).toBeGreaterThanOrEqual(1);
    // Only the referrer's host name, lowercased, without the page it was on.
    const { rows: referrers } = await t.db.pool.query('SELECT domain, clicks FROM link_referrers WHERE link_id = $1', [link.id]);
    expect(referrers).toEqual([{ domain: 'social.example', clicks: 1 }]);
  });

  it('redirects but does not count a known bot, a request without a user agent, or a HEAD request', async () => {
    const link = await makeLink();
    for (const c of [{ ua: GOOGLEBOT }, { ua: 'curl/8.5.0' }, { ua: null }, { method: 'HEAD' as const }]) {
      const res = await follow(link.code, c);
      expect(res.statusCode, JSON.stringify(c)).toBe(302);
      expect(res.headers.location).toBe('https://bakery.example/rye?utm_source=bluesky&utm_medium=social');
    }
    expect(await counts(link.id)).toEqual({ clicks: 0, uniques: 0 });
    expect((await t.db.pool.query('SELECT 1 FROM link_visitors WHERE link_id = $1', [link.id])).rowCount).toBe(0);
    // A person after the bots is counted.
    await follow(link.code);
    expect(await counts(link.id)).toEqual({ clicks: 1, uniques: 1 });
  });

  it('counts the same visitor twice in a day as two clicks and one unique; another browser or address is another unique', async () => {
    const link = await makeLink();
    await follow(link.code, { ip: '192.0.2.50' });
    await follow(link.code, { ip: '192.0.2.50' });
    expect(await counts(link.id)).toEqual({ clicks: 2, uniques: 1 });
    await follow(link.code, { ip: '192.0.2.50', ua: OTHER_BROWSER });
    expect(await counts(link.id)).toEqual({ clicks: 3, uniques: 2 });
    await follow(link.code, { ip: '192.0.2.51' });
    expect(await counts(link.id)).toEqual({ clicks: 4, uniques: 3 });
    // Unique per link: the same visitor on another link is that link's unique.
    const other = await makeLink('https://bakery.example/spelt');
    await follow(other.code, { ip: '192.0.2.50' });
    expect(await counts(other.id)).toEqual({ clicks: 1, uniques: 1 });
  });

  it('recognises a visitor within one UTC day only: the next day they are a new unique, and the past salt is gone', async () => {
    const link = await makeLink();
    const target = (await findLink(t.db.pool, link.code))!;
    const visit = { ip: '192.0.2.77', userAgent: BROWSER, referrer: undefined };
    const day1 = new Date('2031-05-04T10:00:00Z');
    expect(await countClick(t.db.pool, target, visit, day1)).toBe('unique');
    expect(await countClick(t.db.pool, target, visit, new Date('2031-05-04T23:59:59Z'))).toBe('repeat');
    expect(await countClick(t.db.pool, target, visit, new Date('2031-05-05T00:00:01Z'))).toBe('unique');
    expect(await countClick(t.db.pool, target, visit, new Date('2031-05-05T18:00:00Z'))).toBe('repeat');
    expect(await counts(link.id)).toEqual({ clicks: 4, uniques: 2 });
    // The events are on the day of the click; the hashes differ across days (another salt), so the days cannot be joined.
    const { rows } = await t.db.pool.query<{ day: string; visitor: Buffer }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, visitor FROM link_visitors WHERE link_id = $1 ORDER BY day`,
      [link.id],
    );
    expect(rows.map((r) => r.day)).toEqual(['2031-05-04', '2031-05-05']);
    expect(rows[0]!.visitor.equals(rows[1]!.visitor)).toBe(false);
    const salts = await t.db.pool.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM visitor_salts`);
    expect(salts.rows.map((r) => r.day)).toEqual(['2031-05-05']);
  });

  it('makes one salt per day, even when the first clicks of a day arrive together', async () => {
    const link = await makeLink();
    const target = (await findLink(t.db.pool, link.code))!;
    const at = new Date('2032-01-01T00:00:00Z');
    // Several connections at once (the cache is per pool: each fresh pool asks the database).
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        countClick(t.db.pool, target, { ip: '192.0.2.99', userAgent: BROWSER, referrer: undefined }, at).then(
          (o) => o,
          (e: Error) => `error ${i}: ${e.message}`,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'unique')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'repeat')).toHaveLength(7);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM visitor_salts WHERE day = '2032-01-01'`);
    expect(rows[0].n).toBe(1);
  });

  it('answers an unknown or malformed code with a small HTML 404 page, not JSON', async () => {
    for (const code of ['nosuchcode', 'a', '%3Cscript%3E', 'x'.repeat(200), '..%2F..%2Fapi']) {
      const res = await follow(code);
      expect(res.statusCode, code).toBe(404);
      expect(res.headers['content-type'], code).toMatch(/^text\/html/);
      expect(res.body, code).toContain('This link does not exist');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const head = await follow('nosuchcode', { method: 'HEAD' });
    expect(head.statusCode).toBe(404);
    // Whatever arrives under /l/: a NUL, an over-long or badly encoded segment, more segments, no code, another method.
    for (const [method, url] of [
      ['GET', '/l/ab%00cd'],
      ['GET', `/l/${'y'.repeat(400)}`],
      ['GET', '/l/%E0%A4%A'],
      ['GET', '/l/abc/def'],
      ['GET', '/l/'],
      ['GET', '/l'],
      ['POST', '/l/nosuchcode'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { 'user-agent': BROWSER } });
      expect([res.statusCode, res.headers['content-type']], `${method} ${url}`).toEqual([404, 'text/html; charset=utf-8']);
      expect(res.body).toContain('This link does not exist');
    }
  });

  it('sends a target with non-ASCII characters as a valid Location', async () => {
    const link = await makeLink('https://bäckerei.example/öffnungszeiten?utm_source=bluesky#heute');
    const res = await follow(link.code);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://xn--bckerei-5wa.example/%C3%B6ffnungszeiten?utm_source=bluesky#heute');
  });

  it('still redirects when counting fails, and logs why without the address', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(s) });
    const app = await buildApp({ pool: t.db.pool, config: { ...TEST_CONFIG, logLevel: 'debug' }, logger });
    await app.ready();
    const link = await makeLink();
    await t.db.pool.query(`
      CREATE FUNCTION refuse_visitors() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'visitors refused for the test'; END $$;
      CREATE TRIGGER refuse_visitors BEFORE INSERT ON link_visitors FOR EACH ROW EXECUTE FUNCTION refuse_visitors();`);
    try {
      const res = await follow(link.code, { ip: '203.0.113.201' }, app);
      expect(res.statusCode).toBe(302);
      expect(await counts(link.id)).toEqual({ clicks: 0, uniques: 0 });
      const warning = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'click not counted');
      expect(warning).toMatchObject({ level: 40, link: link.id, error: 'visitors refused for the test' });
      // Debug logging logs each request, but a tracked link's without the address.
      expect(lines.some((l) => l.includes('incoming request') && l.includes(`/l/${link.code}`))).toBe(true);
      expect(lines.filter((l) => l.includes('203.0.113.201'))).toEqual([]);
    } finally {
      await t.db.pool.query('DROP TRIGGER refuse_visitors ON link_visitors; DROP FUNCTION refuse_visitors();');
      await app.close();
    }
  });
});

describe('privacy', () => {
  const CLIENT_IP = '203.0.113.77';
  const FORWARDED_IP = '198.51.100.23';
  const PROXY_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

  it('behind no trusted proxy, X-Forwarded-For is ignored: a visitor cannot make themselves many uniques', async () => {
    const link = await makeLink();
    await follow(link.code, { ip: CLIENT_IP, forwardedFor: '198.51.100.1' });
    await follow(link.code, { ip: CLIENT_IP, forwardedFor: '198.51.100.2' });
    expect(await counts(link.id)).toEqual({ clicks: 2, uniques: 1 });
  });

  it('behind a trusted proxy (TRUST_PROXY), the forwarded client address tells visitors apart', async () => {
    const app = await buildApp({ pool: t.db.pool, config: { ...TEST_CONFIG, trustProxy: true } });
    await app.ready();
    try {
      const link = await makeLink();
      await follow(link.code, { ip: '10.0.0.5', forwardedFor: FORWARDED_IP, ua: PROXY_UA }, app);
      await follow(link.code, { ip: '10.0.0.5', forwardedFor: FORWARDED_IP, ua: PROXY_UA }, app);
      await follow(link.code, { ip: '10.0.0.5', forwardedFor: '198.51.100.24', ua: PROXY_UA }, app);
      expect(await counts(link.id)).toEqual({ clicks: 3, uniques: 2 });
    } finally {
      await app.close();
    }
  });

  it('keeps no client address anywhere: every row of every table, read as text, holds neither the address nor address + user agent', async () => {
    const link = await makeLink();
    await follow(link.code, { ip: CLIENT_IP, referer: 'https://social.example/feed' });
    await follow(link.code, { ip: CLIENT_IP, ua: OTHER_BROWSER });
    await follow(link.code, { ip: CLIENT_IP, forwardedFor: FORWARDED_IP });
    expect((await counts(link.id)).clicks).toBe(3);

    const { rows: tables } = await t.db.pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(['tracked_links', 'link_visitors', 'link_referrers', 'metric_events']),
    );
    const hex = (s: string) => Buffer.from(s).toString('hex');
    const needles = [CLIENT_IP, FORWARDED_IP, `${CLIENT_IP}\n${BROWSER}`, hex(CLIENT_IP), hex(FORWARDED_IP), BROWSER, OTHER_BROWSER];
    const found: string[] = [];
    for (const { schema, name } of tables) {
      const table = `${JSON.stringify(schema)}.${JSON.stringify(name)}`;
      const { rows } = await t.db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      for (const { row } of rows) for (const n of needles) if (row.includes(n)) found.push(`${table}: ${n}`);
    }
    expect(found).toEqual([]);
    // The test can fail: the address is in a row it reads once it is written somewhere.
    await t.db.pool.query('CREATE TABLE probe_ip (note text)');
    try {
      await t.db.pool.query('INSERT INTO probe_ip VALUES ($1)', [`seen ${CLIENT_IP}`]);
      const { rows } = await t.db.pool.query<{ row: string }>('SELECT t::text AS row FROM probe_ip t');
      expect(rows.some((r) => r.row.includes(CLIENT_IP))).toBe(true);
    } finally {
      await t.db.pool.query('DROP TABLE probe_ip');
    }
  });
});
