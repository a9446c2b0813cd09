/**
 * Bluesky listening end to end against a REAL local PDS (@atproto/dev-env) and a real Postgres: a
 * post created on the PDS arrives through the repo event stream as a mention, analysed and matched;
 * posts made while the stream is stopped arrive after a restart from the stored cursor, none lost
 * and none doubled.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteRange, createPdsAccount, startTestPds, type PdsAccount } from '../../../test/pds.ts';
import { createPostsTestApp, expectStatus, type Headers, type PostsTestApp } from '../../../test/posts-app.ts';
import { silentLogger } from '../../logger.ts';
import { createOutbound } from '../../outbound/client.ts';
import { ingestMentions, type NormalizedMention } from '../ingest.ts';
import { resolveBlueskyHandles, type HandleResolver } from './bluesky-handles.ts';
import { BlueskyStreams } from './bluesky-streams.ts';

let network: TestNetworkNoAppView;
let t: PostsTestApp;
let ws: string;
let owner: { headers: Headers };
let alice: PdsAccount;
let agent: AtpAgent;
let queryId: string;
let sourceId: string;
const allowed = () => ({
  pool: t.db.pool,
  log: silentLogger,
  checkMs: 60_000,
  outboundAllow: ['localhost', '127.0.0.1'],
  plcUrl: network.plc.url,
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mentions = async () =>
  (
    await t.db.pool.query<{
      external_id: string;
      text: string;
      author: string;
      author_id: string;
      lang: string;
      links: string[];
      queries: string[];
      sentiment: string;
    }>(
      `SELECT m.external_id, m.text, m.author, m.author_id, m.lang, m.links, m.sentiment,
              ARRAY(SELECT query_id::text FROM mention_matches mm WHERE mm.mention_id = m.id) AS queries
         FROM mentions m WHERE m.workspace_id = $1 ORDER BY m.posted_at, m.external_id`,
      [ws],
    )
  ).rows;

beforeAll(async () => {
  network = await startTestPds();
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  alice = await createPdsAccount(network, 'alice');
  agent = new AtpAgent({ service: network.pds.url });
  await agent.login({ identifier: alice.handle, password: 'alice-main-pass' });
  const q = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries`, owner.headers, { name: 'Rye', query: 'rye' });
  expectStatus(q, 201);
  queryId = q.json().query.id;
  const s = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/sources`, owner.headers, {
    kind: 'bluesky',
    name: 'Local PDS',
    config: { url: network.pds.url.replace(/^http/, 'ws') },
  });
  expectStatus(s, 201);
  sourceId = s.json().source.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
  await network?.close();
});

describe('Bluesky firehose source', () => {
  it('a post created on the PDS arrives as a mention; a restart from the cursor loses and doubles nothing', async () => {
    // From the start of the PDS's stream (its accounts' first commits): a source without a cursor
    // starts at the live tail, which a post made before the socket opens would miss.
    await t.db.pool.query(`UPDATE listening_sources SET cursor = '0' WHERE id = $1`, [sourceId]);
    // Refused without the allowance: the relay is a user-given address like any other.
    const refusing = new BlueskyStreams({ pool: t.db.pool, log: silentLogger, checkMs: 60_000, backoffMs: 100, plcUrl: network.plc.url });
    refusing.start();
    await refusing.check();
    const refused = await until('the refusal', async () => {
      const { rows } = await t.db.pool.query(`SELECT status, last_error FROM listening_sources WHERE id = $1`, [sourceId]);
      return rows[0].status === 'error' ? rows[0] : undefined;
    });
    await refusing.stop();
    expect(refused.last_error).toMatch(/private or local network address/);
    expect(await mentions()).toEqual([]);

    const streams = new BlueskyStreams({ ...allowed(), flushMs: 20, backoffMs: 100 });
    streams.start();
    await streams.check();
    expect((await t.db.pool.query(`SELECT status FROM listening_sources WHERE id = $1`, [sourceId])).rows[0].status).toBe('running');

    const text = 'Fresh rye bread, lovely crust https://bakery.example/rye';
    const link = 'https://bakery.example/rye';
    const first = await agent.post({
      text,
      langs: ['en'],
      facets: [{ index: byteRange(text, link), features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }] }],
    });
    const [got] = await until('the first mention', async () => ((await mentions()).length === 1 ? await mentions() : undefined));
    expect(got).toMatchObject({
      external_id: first.uri,
      text,
      // The handle, looked up in the local PLC directory; the DID kept beside it.
      author: alice.handle,
      author_id: alice.did,
      lang: 'en',
      links: [link],
      queries: [queryId],
      sentiment: 'positive',
    });
    const cursor1 = Number((await t.db.pool.query(`SELECT cursor FROM listening_sources WHERE id = $1`, [sourceId])).rows[0].cursor);
    expect(cursor1).toBeGreaterThan(0);

    await streams.stop();
    expect((await t.db.pool.query(`SELECT status FROM listening_sources WHERE id = $1`, [sourceId])).rows[0].status).toBe('idle');
    // While nobody listens.
    const second = await agent.post({ text: 'A reply about rye', reply: { root: first, parent: first } });
    const third = await agent.post({ text: 'Nothing about bread' });

    const again = new BlueskyStreams({ ...allowed(), flushMs: 20 });
    again.start();
    await again.check();
    const all = await until('the posts made while stopped', async () => ((await mentions()).length >= 3 ? await mentions() : undefined));
    // A little longer, for anything replayed twice to show up.
    await new Promise((r) => setTimeout(r, 500));
    await again.stop();
    expect((await mentions()).map((m) => m.external_id)).toEqual([first.uri, second.uri, third.uri]);
    expect(all[1]).toMatchObject({ queries: [queryId] });
    expect(all[2]).toMatchObject({ queries: [] });
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*)::int FROM mention_matches WHERE workspace_id = $1) AS matches, cursor FROM listening_sources WHERE id = $2`,
      [ws, sourceId],
    );
    expect(rows[0].matches).toBe(2);
    expect(Number(rows[0].cursor)).toBeGreaterThan(cursor1);
  }, 60_000);

  it('a failed handle lookup keeps the mention under its DID, which author: matches; a later batch resolves it', async () => {
    const bob = await createPdsAccount(network, 'bob', { appPassword: false });
    const byHandle = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries`, owner.headers, {
      name: 'By handle',
      query: `author:${bob.handle}`,
    });
    const byDid = await t.inject('POST', `/api/v1/workspaces/${ws}/listening/queries`, owner.headers, {
      name: 'By DID',
      query: `author:${bob.did}`,
    });
    expectStatus(byHandle, 201);
    expectStatus(byDid, 201);
    const post = (n: number, did: string): NormalizedMention => ({
      network: 'bluesky',
      externalId: `at://${did}/app.bsky.feed.post/handles${n}`,
      author: did,
      text: `post ${n}`,
      postedAt: new Date(),
    });
    // The PLC directory is a local address: refused without the allowance, like any other.
    const refused: HandleResolver = { fetch: createOutbound().fetch, plcUrl: network.plc.url };
    const [stored] = await resolveBlueskyHandles(t.db.pool, refused, [post(1, bob.did)]);
    expect(stored).toMatchObject({ author: bob.did, authorId: bob.did });
    const { stored: hits } = await ingestMentions(t.db.pool, ws, null, [stored!]);
    expect(hits[0]!.queryIds).toEqual([byDid.json().query.id]);
    const cached = await t.db.pool.query(`SELECT handle, failures FROM bluesky_handles WHERE did = $1`, [bob.did]);
    expect(cached.rows).toEqual([{ handle: null, failures: 1 }]);

    // Later (the back-off passed), any batch retries the lookup and renames what is stored.
    await t.db.pool.query(`UPDATE bluesky_handles SET attempted_at = now() - interval '1 hour' WHERE did = $1`, [bob.did]);
    const allowedFetch: HandleResolver = { fetch: createOutbound({ allow: ['localhost'] }).fetch, plcUrl: network.plc.url };
    const [other] = await resolveBlueskyHandles(t.db.pool, allowedFetch, [post(2, alice.did)]);
    expect(other).toMatchObject({ author: alice.handle, authorId: alice.did });
    const { rows } = await t.db.pool.query(
      `SELECT m.author, m.author_id, ARRAY(SELECT query_id::text FROM mention_matches mm WHERE mm.mention_id = m.id ORDER BY 1) AS queries
         FROM mentions m WHERE m.external_id = $1`,
      [post(1, bob.did).externalId],
    );
    expect(rows).toEqual([{ author: bob.handle, author_id: bob.did, queries: [byHandle.json().query.id, byDid.json().query.id].sort() }]);
    expect((await t.db.pool.query(`SELECT handle FROM bluesky_handles WHERE did = $1`, [bob.did])).rows[0].handle).toBe(bob.handle);
  }, 30_000);
});
