/**
 * The listening dashboard against real Postgres, through the API: queries, mentions and matches
 * written directly; every figure worked out by hand. Period 2027-03-01 – 2027-03-07 (daily) and
 * 2027-03-02 alone (hourly).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../../test/app.ts';
import { insertMentions, insertQuery } from '../../../test/listening-analysis-fixtures.ts';
import type { ListeningDashboard } from './schema.ts';

let t: TestApp;
let owner: Awaited<ReturnType<TestApp['signUp']>>;
let ws: string;
let otherWs: string;
const q: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  otherWs = await t.createWorkspace(owner.headers, 'Other');
  const pool = t.db.pool;
  q.brand = await insertQuery(pool, ws, { name: 'Northwind', topic: 'coffee', role: 'brand' });
  q.rivalA = await insertQuery(pool, ws, { name: 'Acme Roasters', topic: 'coffee', role: 'competitor' });
  q.rivalB = await insertQuery(pool, ws, { name: 'Bean Co', topic: 'coffee', role: 'competitor' });
  q.topic = await insertQuery(pool, ws, { name: 'Cold brew' });
  q.old = await insertQuery(pool, ws, { name: 'Old rival', topic: 'coffee', role: 'competitor', archived: true });
  const foreign = await insertQuery(pool, otherWs, { name: 'Northwind', topic: 'coffee', role: 'brand' });
  q.foreign = foreign;
  await insertMentions(pool, ws, [
    // 2027-03-02: 4 mentions, one matched by brand and topic (counted once in the volume).
    {
      at: '2027-03-02T09:15:00Z',
      queries: [q.brand, q.topic],
      sentiment: 'positive',
      author: 'ana',
      text: 'Northwind cold brew is lovely',
    },
    { at: '2027-03-02T09:40:00Z', queries: [q.brand], sentiment: 'positive', author: 'ana', text: 'Lovely Northwind espresso' },
    {
      at: '2027-03-02T14:00:00Z',
      queries: [q.brand],
      sentiment: 'negative',
      author: 'ben',
      text: 'The espresso was cold https://x.example/cold',
    },
    { at: '2027-03-02T23:59:59Z', queries: [q.rivalA], sentiment: 'unscored', author: 'cleo', text: 'Acme Röstung ist lecker' },
    // 2027-03-05: 3 mentions.
    { at: '2027-03-05T08:00:00Z', queries: [q.rivalA], sentiment: 'neutral', author: 'ben', text: 'acme espresso @ana.bsky.social' },
    { at: '2027-03-05T10:00:00Z', queries: [q.rivalB], sentiment: 'negative', author: null, text: '#Espresso at Bean Co' },
    { at: '2027-03-05T11:00:00Z', queries: [q.old], sentiment: 'neutral', author: 'dan', text: 'the old rival' },
    // Outside the period: the day before and the day after.
    { at: '2027-02-28T23:59:59Z', queries: [q.brand], sentiment: 'positive' },
    { at: '2027-03-08T00:00:00Z', queries: [q.brand], sentiment: 'positive' },
  ]);
  // Another workspace's mentions in the same period stay out.
  await insertMentions(pool, otherWs, [{ at: '2027-03-02T09:00:00Z', queries: [foreign], sentiment: 'positive', author: 'zed' }]);
});
afterAll(() => t.close());

const get = async (query: string, workspace = ws) =>
  t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspace}/listening/dashboard?${query}`, headers: owner.headers });
const dashboard = async (query: string): Promise<ListeningDashboard> => {
  const res = await get(query);
  expectStatus(res, 200);
  return res.json();
};

describe('GET /listening/dashboard', () => {
  it('counts distinct mentions per day and sentiment, with net sentiment per bucket and in total', async () => {
    const d = await dashboard('from=2027-03-01&to=2027-03-07');
    expect(d.period).toEqual({ from: '2027-03-01', to: '2027-03-07', days: 7, grain: 'day' });
    expect(d.totals).toEqual({ mentions: 7, positive: 2, negative: 2, neutral: 2, unscored: 1, net: 0 });
    expect(d.series).toHaveLength(7);
    expect(d.series[0]).toEqual({
      at: '2027-03-01T00:00:00.000Z',
      mentions: 0,
      positive: 0,
      negative: 0,
      neutral: 0,
      unscored: 0,
      net: null,
    });
    expect(d.series[1]).toEqual({
      at: '2027-03-02T00:00:00.000Z',
      mentions: 4,
      positive: 2,
      negative: 1,
      neutral: 0,
      unscored: 1,
      net: 1 / 3,
    });
    expect(d.series[4]).toMatchObject({ at: '2027-03-05T00:00:00.000Z', mentions: 3, negative: 1, neutral: 2, net: -1 });
    expect(d.topAuthors).toEqual([
      { author: 'ana', mentions: 2 },
      { author: 'ben', mentions: 2 },
      { author: 'cleo', mentions: 1 },
      { author: 'dan', mentions: 1 },
    ]);
    // "espresso" in 3 texts ("#espresso", the hashtag, is a term of its own); links, handles and stop words left out.
    expect(d.topTerms.slice(0, 4)).toEqual([
      { term: 'espresso', count: 3 },
      { term: 'acme', count: 2 },
      { term: 'cold', count: 2 },
      { term: 'lovely', count: 2 },
    ]);
    expect(d.topTerms.map((x) => x.term)).toContain('#espresso');
    expect(d.topTerms.map((x) => x.term)).not.toContain('the');
    expect(d.topTerms.map((x) => x.term)).not.toContain('ana');
    expect(d.queries.map((x) => x.name)).toEqual(['Acme Roasters', 'Bean Co', 'Cold brew', 'Northwind']);
  });

  it('gives share of voice per topic: brand / (brand + each competitor), archived competitors with hits included', async () => {
    const d = await dashboard('from=2027-03-01&to=2027-03-07');
    expect(d.shareOfVoice).toHaveLength(1);
    const coffee = d.shareOfVoice[0]!;
    expect(coffee).toMatchObject({ topic: 'coffee', brand: 3, competitors: 4, share: 3 / 7 });
    expect(coffee.entries).toEqual([
      { queryId: q.brand, name: 'Northwind', role: 'brand', mentions: 3, share: 3 / 7 },
      { queryId: q.rivalA, name: 'Acme Roasters', role: 'competitor', mentions: 2, share: 2 / 7 },
      { queryId: q.rivalB, name: 'Bean Co', role: 'competitor', mentions: 1, share: 1 / 7 },
      { queryId: q.old, name: 'Old rival', role: 'competitor', mentions: 1, share: 1 / 7 },
    ]);
  });

  it('is hourly for 3 days or fewer; narrows to one query or one topic', async () => {
    const d = await dashboard('from=2027-03-02&to=2027-03-02');
    expect(d.period.grain).toBe('hour');
    expect(d.series).toHaveLength(24);
    expect(d.series[9]).toMatchObject({ at: '2027-03-02T09:00:00.000Z', mentions: 2, positive: 2 });
    expect(d.series[14]).toMatchObject({ mentions: 1, negative: 1 });
    expect(d.series[23]).toMatchObject({ mentions: 1, unscored: 1 });

    const one = await dashboard(`from=2027-03-01&to=2027-03-07&queryId=${q.topic}`);
    expect(one.totals.mentions).toBe(1);
    expect(one.filter).toEqual({ queryId: q.topic, topic: null });
    const topic = await dashboard('from=2027-03-01&to=2027-03-07&topic=coffee');
    expect(topic.totals.mentions).toBe(7);
    const none = await dashboard('from=2027-03-01&to=2027-03-07&topic=tea');
    expect(none.totals.mentions).toBe(0);
    expect(none.shareOfVoice).toEqual([]);
  });

  it('keeps workspaces apart: the other sees only its own mention, and a foreign query id is a 404', async () => {
    const other = await get('from=2027-03-01&to=2027-03-07', otherWs);
    expectStatus(other, 200);
    expect(other.json().totals.mentions).toBe(1);
    expect(other.json().shareOfVoice[0].brand).toBe(1);
    for (const id of [q.foreign, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      const res = await get(`queryId=${id}`);
      expectStatus(res, 404);
      expect(res.json().error.code).toBe('listening.query_not_found');
    }
  });

  it('defaults to the 30 days up to today and refuses bad periods with a coded 400', async () => {
    const d = await dashboard('');
    expect(d.period.days).toBe(30);
    expect(d.period.to).toBe(new Date().toISOString().slice(0, 10));
    for (const bad of ['from=2027-03-08&to=2027-03-01', 'from=2020-01-01&to=2027-01-01', 'from=1960-01-01&to=1960-01-02']) {
      const res = await get(bad);
      expectStatus(res, 400);
      expect(res.json().error.code).toBe('listening.invalid_period');
    }
    expectStatus(await get('from=2027-02-30'), 400);
  });

  it('is not shown to someone outside the workspace', async () => {
    const viewer = await t.signUp();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}/listening/dashboard`, headers: viewer.headers });
    expect([403, 404]).toContain(res.statusCode);
  });
});
