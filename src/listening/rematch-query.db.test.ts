/**
 * A query created or changed is matched against the stored history at once (the last 30 days): its
 * mentions, counts and dashboards are there, as the preview promised; a changed text drops the hits
 * that no longer match; and a `needs_response` query puts no old mention in the inbox — only live hits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectStatus, type Headers, type PostsTestApp } from '../../test/posts-app.ts';
import { ingestMentions, type NormalizedMention } from './ingest.ts';

let t: PostsTestApp;
let ws: string;
let owner: { headers: Headers };
const api = (suffix: string) => `/api/v1/workspaces/${ws}/listening${suffix}`;
const DAY = 86_400_000;
const mention = (id: string, text: string, daysAgo: number): NormalizedMention => ({
  network: 'mastodon',
  externalId: `https://m.example/s/${id}`,
  text,
  lang: 'en',
  postedAt: new Date(Date.now() - daysAgo * DAY),
});
const matched = async (queryId: string) =>
  (await t.app.inject({ method: 'GET', url: api(`/mentions?query=${queryId}`), headers: owner.headers }))
    .json()
    .mentions.map((m: { text: string }) => m.text);
const inboxItems = async () =>
  (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox_items WHERE workspace_id = $1`, [ws])).rows[0]!.n;

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  await ingestMentions(t.db.pool, ws, null, [
    mention('1', 'Warm rye bread this morning', 2),
    mention('2', 'Coffee first', 1),
    mention('3', 'Rye from last season', 40),
    mention('4', 'Sourdough starter is alive', 3),
  ]);
});
afterAll(() => t.close());

describe('re-matching the history', () => {
  it('a new query has the last 30 days of matches at once, without inbox items; a changed text re-matches', async () => {
    const created = await t.inject('POST', api('/queries'), owner.headers, { name: 'Rye', query: 'rye', needsResponse: true });
    expectStatus(created, 201);
    const rye = created.json().query;
    // The 40-day-old post is beyond the window.
    expect(rye.matches).toBe(1);
    expect(await matched(rye.id)).toEqual(['Warm rye bread this morning']);
    expect(await inboxItems()).toBe(0);

    // A live hit is an inbox item, as before.
    await ingestMentions(t.db.pool, ws, null, [mention('5', 'Rye toast now', 0)]);
    expect(await inboxItems()).toBe(1);

    const changed = await t.inject('PATCH', api(`/queries/${rye.id}`), owner.headers, { query: 'coffee OR sourdough' });
    expectStatus(changed, 200);
    expect(changed.json().query.matches).toBe(2);
    expect(await matched(rye.id)).toEqual(['Coffee first', 'Sourdough starter is alive']);
    expect(await inboxItems()).toBe(1);

    // Renaming leaves the matches alone.
    const renamed = await t.inject('PATCH', api(`/queries/${rye.id}`), owner.headers, { name: 'Morning' });
    expect(renamed.json().query.matches).toBe(2);
  });
});
