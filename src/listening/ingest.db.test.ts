/**
 * The ingest pipeline on a real Postgres: stored once however often delivered (also twice in one
 * batch), matched with the queries as they are now (the cached matcher follows edits and archiving),
 * and the cursor moves only with the mentions it covers (a rolled-back batch leaves both untouched).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectStatus, type Headers, type PostsTestApp } from '../../test/posts-app.ts';
import { withTransaction } from '../db/pool.ts';
import { ingestMentions, type NormalizedMention } from './ingest.ts';

let t: PostsTestApp;
let ws: string;
let owner: { headers: Headers };
let sourceId: string;
let coffee: string;

const mention = (id: string, text: string): NormalizedMention => ({
  network: 'mastodon',
  externalId: `https://m.example/s/${id}`,
  text,
  lang: 'en',
  postedAt: new Date('2026-11-30T10:00:00Z'),
});
const ingest = (mentions: NormalizedMention[], cursor?: string) =>
  withTransaction(t.db.pool, (tx) => ingestMentions(tx, ws, sourceId, mentions, cursor === undefined ? {} : { cursor }));
const cursor = async () => (await t.db.pool.query(`SELECT cursor FROM listening_sources WHERE id = $1`, [sourceId])).rows[0].cursor;

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  const q = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries`, owner.headers, { name: 'Coffee', query: 'coffee' });
  expectStatus(q, 201);
  coffee = q.json().query.id;
  const s = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/sources`, owner.headers, {
    kind: 'mastodon',
    name: 'm',
    config: { url: 'https://m.example', stream: 'public' },
  });
  sourceId = s.json().source.id;
});
afterAll(() => t.close());

describe('ingestMentions', () => {
  it('stores each mention once, matches the new ones, and moves the cursor with them', async () => {
    const first = await ingest([mention('1', 'Good coffee'), mention('2', 'Tea time'), mention('1', 'Good coffee')], '2');
    expect(first.stored.map((s) => [s.externalId, s.queryIds, s.sentiment])).toEqual([
      ['https://m.example/s/1', [coffee], 'positive'],
      ['https://m.example/s/2', [], 'neutral'],
    ]);
    expect(first.duplicates).toBe(1);
    expect(await cursor()).toBe('2');
    const again = await ingest([mention('2', 'Tea time'), mention('3', 'coffee?')], '3');
    expect(again.stored.map((s) => s.externalId)).toEqual(['https://m.example/s/3']);
    expect(again.duplicates).toBe(1);
  });

  it('leaves mentions and cursor untouched when the batch rolls back', async () => {
    await expect(
      withTransaction(t.db.pool, async (tx) => {
        await ingestMentions(tx, ws, sourceId, [mention('4', 'coffee')], { cursor: '4' });
        throw new Error('crash after storing');
      }),
    ).rejects.toThrow('crash');
    expect(await cursor()).toBe('3');
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM mentions WHERE external_id = $1`, ['https://m.example/s/4']);
    expect(rows[0].n).toBe(0);
  });

  it('matches with the queries as they are now: a new query, an edited one, an archived one', async () => {
    const tea = (await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries`, owner.headers, { name: 'Tea', query: 'tea' })).json()
      .query.id;
    expect((await ingest([mention('5', 'tea and coffee')])).stored[0]!.queryIds).toEqual([coffee, tea].sort());
    expectStatus(
      await t.inject('PATCH', `/api/v1/workspaces/${ws}/listening/queries/${coffee}`, owner.headers, { query: 'espresso' }),
      200,
    );
    expect((await ingest([mention('6', 'tea and coffee')])).stored[0]!.queryIds).toEqual([tea]);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries/${tea}/archive`, owner.headers), 200);
    expect((await ingest([mention('7', 'tea with espresso')])).stored[0]!.queryIds).toEqual([coffee]);
  });
});
