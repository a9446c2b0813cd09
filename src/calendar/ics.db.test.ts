/**
 * The ICS feed: made and rotated by an owner, served without a session at its secret URL, and read
 * back with a small RFC 5545 parser — UTC start times across DST, one event per scheduled or
 * published variant, campaign periods as all-day events, escaping of commas, semicolons and newlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCampaign } from '../../test/plan-fixtures.ts';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

interface Prop {
  params: string;
  value: string;
}
type IcsEvent = Record<string, Prop>;

/** Unfolds lines, splits VEVENTs, unescapes TEXT values. Enough of RFC 5545 for these assertions. */
function parseIcs(text: string): { calendar: Record<string, string>; events: IcsEvent[]; rawLines: string[] } {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  const rawLines = text.split('\r\n');
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const calendar: Record<string, string> = {};
  const events: IcsEvent[] = [];
  let current: IcsEvent | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else {
      const m = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
      expect(m, line).toBeTruthy();
      const [, name, params, value] = m!;
      if (current) current[name!] = { params: params!, value: value! };
      else calendar[name!] = value!;
    }
  }
  return { calendar, events, rawLines };
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

let t: PostsTestApp;
let owner: Headers;
let ws: string;
let slug: string;
const strategy = postingStrategy();
const campaign = cleanCampaign();

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers = owner, payload?: unknown) =>
  t.inject(method, `/api/v1${url}`, headers, payload);

/** A post taken through review to `scheduled` at a local time. */
async function scheduledPost(
  variants: Record<string, { text: string }>,
  localTime: string,
  timezone?: string,
  extra: Record<string, unknown> = {},
) {
  const created = await api('POST', `/workspaces/${ws}/posts`, owner, { strategy: strategy.id, variants, ...extra });
  expectStatus(created, 201);
  const id = created.json().post.id as string;
  for (const action of ['submit', 'approve']) expectStatus(await api('POST', `/workspaces/${ws}/posts/${id}/${action}`), 200);
  const res = await api('POST', `/workspaces/${ws}/posts/${id}/schedule`, owner, { localTime, ...(timezone ? { timezone } : {}) });
  expectStatus(res, 200);
  return res.json().post as { id: string; variants: { id: string; channel: string; dueAt: string }[] };
}

async function newFeed(headers = owner, body?: unknown) {
  const res = await api('POST', `/workspaces/${ws}/calendar-feed`, headers, body);
  expectStatus(res, 201);
  return res.json() as { url: string; path: string; createdAt: string; rotated: boolean };
}

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  await t.createStrategy(ws, owner, strategy);
  expectStatus(await api('POST', `/workspaces/${ws}/campaigns`, owner, campaign), 201);
  const patched = await api('PATCH', `/workspaces/${ws}`, owner, { timezone: 'Europe/Berlin', allowSelfApproval: true });
  expectStatus(patched, 200);
  slug = patched.json().workspace.slug;
});
afterAll(() => t.close());

describe('the feed URL', () => {
  it('is made by an owner, shown once, rotated on request, switched off; audited without the token', async () => {
    const editor = await t.member(ws, owner, 'editor');
    const strategist = await t.member(ws, owner, 'strategist');
    for (const h of [editor.headers, strategist.headers]) {
      const res = await api('POST', `/workspaces/${ws}/calendar-feed`, h);
      expectError(res, 403, 'auth.forbidden');
      expect(res.json().error.details.permission).toBe('workspace.manage');
    }
    const first = await newFeed();
    expect(first).toEqual({
      url: expect.stringMatching(/^https:\/\/groundwork\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/),
      path: expect.any(String),
      createdAt: expect.any(String),
      rotated: false,
    });
    expect(first.url.endsWith(first.path)).toBe(true);
    expect((await api('GET', `/workspaces/${ws}`)).json().workspace.calendarFeed).toEqual({
      active: true,
      createdAt: first.createdAt,
      lastReadAt: null,
    });

    const served = await t.inject('GET', first.path, {});
    expectStatus(served, 200);
    expect(served.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(served.headers['cache-control']).toBe('private, max-age=300');
    const read = (await api('GET', `/workspaces/${ws}`)).json().workspace.calendarFeed;
    expect(Date.parse(read.lastReadAt)).toBeGreaterThanOrEqual(Date.parse(first.createdAt));

    // Asking again does not silently break the subscriptions: rotation must be asked for.
    const again = await api('POST', `/workspaces/${ws}/calendar-feed`, owner);
    expectError(again, 409, 'calendar.feed_exists');
    expect(again.json().error.details).toEqual({ createdAt: first.createdAt });
    expectStatus(await t.inject('GET', first.path, {}), 200);

    const second = await newFeed(owner, { rotate: true });
    expect(second.rotated).toBe(true);
    expect(second.path).not.toBe(first.path);
    expectError(await t.inject('GET', first.path, {}), 404, 'calendar.not_found');
    expectStatus(await t.inject('GET', second.path, {}), 200);

    // Guessing is a 404 like any other, whatever the shape.
    for (const path of [
      '/api/calendar/nope.ics',
      `/api/calendar/${'A'.repeat(43)}.ics`,
      `${second.path.slice(0, -4)}`,
      `${second.path}x`,
    ]) {
      const res = await t.inject('GET', path, {});
      expect([path, res.statusCode, res.json().error.code]).toEqual([path, 404, 'calendar.not_found']);
    }
    // A NUL is refused before any lookup, like in every other path parameter.
    expectError(await t.inject('GET', '/api/calendar/%00.ics', {}), 400, 'request.invalid_text');

    const { rows } = await t.db.pool.query<{ action: string; after: unknown }>(
      "SELECT action, after FROM audit_log WHERE workspace_id = $1 AND action LIKE 'workspace.calendar_feed%' ORDER BY id",
      [ws],
    );
    expect(rows.map((r) => r.action)).toEqual(['workspace.calendar_feed_create', 'workspace.calendar_feed_rotate']);
    const token = second.path.slice('/api/calendar/'.length, -'.ics'.length);
    const { rows: leaks } = await t.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%' || $1 || '%'", [
      token,
    ]);
    expect(leaks[0].n).toBe(0);
    const { rows: stored } = await t.db.pool.query('SELECT ics_token_hash FROM workspaces WHERE id = $1', [ws]);
    expect(stored[0].ics_token_hash).not.toContain(token);

    expectStatus(await api('DELETE', `/workspaces/${ws}/calendar-feed`), 204);
    expectError(await t.inject('GET', second.path, {}), 404, 'calendar.not_found');
    expect((await api('GET', `/workspaces/${ws}`)).json().workspace.calendarFeed).toEqual({
      active: false,
      createdAt: null,
      lastReadAt: null,
    });
  });

  it('is on PUBLIC_URL whatever Host the request names, and so are the links inside the feed', async () => {
    const forged = { ...owner, host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const res = await api('POST', `/workspaces/${ws}/calendar-feed`, forged, { rotate: true });
    expectStatus(res, 201);
    const feed = res.json() as { url: string; path: string };
    expect(feed.url).toBe(`https://groundwork.test${feed.path}`);
    // The campaign's event links to its planner.
    const ics = await t.inject('GET', feed.path, { host: 'evil.example' });
    expectStatus(ics, 200);
    expect(ics.body).not.toContain('evil.example');
    expect(ics.body).toContain('https://groundwork.test/w/');
    expectStatus(await api('DELETE', `/workspaces/${ws}/calendar-feed`), 204);
  });
});

describe('the feed content', () => {
  it('has one event per scheduled or published variant and each campaign period, in UTC, correctly escaped', async () => {
    // Winter time in Berlin (UTC+1), two channels.
    const winter = await scheduledPost(
      { bluesky: { text: 'Rye, spelt; and wheat:\nwhich flour for which loaf?' }, mastodon: { text: 'Flour guide, part 1' } },
      '2027-01-11T09:00',
      undefined,
      { campaign: undefined, pillar: 'how-to' },
    );
    // Summer time in Berlin (UTC+2), on the day the clocks go forward, after the jump.
    const spring = await scheduledPost({ bluesky: { text: 'Spring forward: bake at 03:30 local time 🍞' } }, '2027-03-28T03:30');
    // A post planned in another zone keeps its own instant.
    const newYork = await scheduledPost(
      { linkedin: { text: 'Wholesale hours for the 4th of July' } },
      '2027-07-04T12:00',
      'America/New_York',
    );
    // Published: still on the calendar, with where it went out.
    const published = await scheduledPost({ mastodon: { text: 'Our sourdough starter turns 10' } }, '2027-02-01T10:00');
    await t.db.pool.query(
      `UPDATE post_variants SET state = 'published', published_at = due_at, remote_url = 'https://bakers.social/@acme/1' WHERE post_id = $1`,
      [published.id],
    );
    await t.db.pool.query(`UPDATE posts SET state = 'published' WHERE id = $1`, [published.id]);
    // Not on the calendar: a draft, a cancelled post, a deleted post.
    expectStatus(
      await api('POST', `/workspaces/${ws}/posts`, owner, {
        strategy: strategy.id,
        variants: { bluesky: { text: 'Just an idea' } },
        localTime: '2027-01-12T09:00',
      }),
      201,
    );
    const cancelled = await scheduledPost({ bluesky: { text: 'Cancelled one' } }, '2027-01-13T09:00');
    expectStatus(await api('POST', `/workspaces/${ws}/posts/${cancelled.id}/cancel`), 200);
    const deleted = await scheduledPost({ bluesky: { text: 'Deleted one' } }, '2027-01-14T09:00');
    expectStatus(await api('DELETE', `/workspaces/${ws}/posts/${deleted.id}`), 204);

    const feed = await newFeed();
    const res = await t.inject('GET', feed.path, {});
    expectStatus(res, 200);
    const { calendar, events, rawLines } = parseIcs(res.body);
    // Links point back to the configured PUBLIC_URL.
    const origin = feed.url.slice(0, feed.url.indexOf('/api/calendar/'));
    expect(calendar.VERSION).toBe('2.0');
    expect(unescapeText(calendar['X-WR-CALNAME']!)).toMatch(/^Groundwork · Posts \d+$/);
    // RFC 5545: lines are folded at 75 octets.
    for (const line of rawLines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const postEvents = events.filter((e) => !e.UID!.value.startsWith('campaign-'));
    const campaignEvents = events.filter((e) => e.UID!.value.startsWith('campaign-'));
    expect(postEvents).toHaveLength(5);
    expect(campaignEvents).toHaveLength(1);

    const byVariant = (id: string) => postEvents.find((e) => e.UID!.value === `${id}@groundwork`)!;
    const expectations: Array<[string, string, string]> = [
      [winter.variants.find((v) => v.channel === 'bluesky')!.id, '20270111T080000Z', '20270111T081500Z'],
      [winter.variants.find((v) => v.channel === 'mastodon')!.id, '20270111T080000Z', '20270111T081500Z'],
      [spring.variants[0]!.id, '20270328T013000Z', '20270328T014500Z'],
      [newYork.variants[0]!.id, '20270704T160000Z', '20270704T161500Z'],
      [published.variants[0]!.id, '20270201T090000Z', '20270201T091500Z'],
    ];
    for (const [id, start, end] of expectations) {
      const e = byVariant(id);
      expect([id, e.DTSTART, e.DTEND]).toEqual([id, { params: '', value: start }, { params: '', value: end }]);
      expect(e.TRANSP!.value).toBe('TRANSPARENT');
    }

    const rye = byVariant(winter.variants.find((v) => v.channel === 'bluesky')!.id);
    // Escaped on the wire…
    expect(rye.SUMMARY!.value).toBe('bluesky: Rye\\, spelt\\; and wheat: which flour for which loaf?');
    expect(rye.DESCRIPTION!.value).toContain('Rye\\, spelt\\; and wheat:\\nwhich flour for which loaf?');
    // …and back to the text when read.
    const description = unescapeText(rye.DESCRIPTION!.value);
    expect(description).toContain('State: Scheduled');
    expect(description).toContain(`Strategy: ${strategy.id} · Pillar: how-to`);
    expect(description).toContain('Rye, spelt; and wheat:\nwhich flour for which loaf?');
    expect(description).toContain(`Open in Groundwork: ${origin}/w/${slug}/posts/${winter.id}`);
    expect(rye.URL!.value).toBe(`${origin}/w/${slug}/posts/${winter.id}`);

    const pub = unescapeText(byVariant(published.variants[0]!.id).DESCRIPTION!.value);
    expect(pub).toMatch(/^State: Published \(2027-02-01T09:00:00\.000Z\)/);
    expect(pub).toContain('On the network: https://bakers.social/@acme/1');

    const [c] = campaignEvents;
    expect(c!.SUMMARY!.value).toBe(`Campaign: ${campaign.name}`);
    expect(c!.DTSTART).toEqual({ params: ';VALUE=DATE', value: '20270701' });
    // All-day ends are exclusive: the day after the campaign's last day.
    expect(c!.DTEND).toEqual({ params: ';VALUE=DATE', value: '20270901' });
    expect(c!.URL!.value).toBe(`${origin}/w/${slug}/strategies/${strategy.id}/campaigns/${campaign.id}`);

    // Rescheduling moves the event (same UID, higher SEQUENCE); cancelling takes it off.
    const before = Number(byVariant(spring.variants[0]!.id).SEQUENCE!.value);
    expectStatus(await api('POST', `/workspaces/${ws}/posts/${spring.id}/reschedule`, owner, { localTime: '2027-03-27T09:00' }), 200);
    expectStatus(await api('POST', `/workspaces/${ws}/posts/${newYork.id}/cancel`), 200);
    const again = parseIcs((await t.inject('GET', feed.path, {})).body).events;
    const moved = again.find((e) => e.UID!.value === `${spring.variants[0]!.id}@groundwork`)!;
    expect(moved.DTSTART!.value).toBe('20270327T080000Z');
    expect(Number(moved.SEQUENCE!.value)).toBeGreaterThan(before);
    expect(again.some((e) => e.UID!.value === `${newYork.variants[0]!.id}@groundwork`)).toBe(false);
    expect(again).toHaveLength(5);
  });
});
