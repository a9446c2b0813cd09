/**
 * Links wrapped at publish time, end to end: posts written through the API, published by the worker's
 * processor to the sandbox network (what it received is its receipt), the short links followed, and
 * the links list API. The opt-outs (workspace, post), the UTM overrides and a retry that reuses its links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCampaign } from '../../../test/plan-fixtures.ts';
import { createPostsTestApp, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../../test/posts-app.ts';
import { createDefaultRegistry } from '../../connections/default-registry.ts';
import type { VariantContent } from '../../content/limits.ts';
import type { PublishQueue } from '../../scheduler/queue.ts';
import { PublishProcessor } from '../../scheduler/worker-publish.ts';
import type { PostTracking } from '../../publishing/schema.ts';
import type { TrackedLinkView } from './schema.ts';

const PUBLIC_URL = 'https://groundwork.test';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

let t: PostsTestApp;
let owner: Headers;
let ws: string;
let processor: PublishProcessor;
const campaign = cleanCampaign();
const strategy = postingStrategy();

/** Retries are queued by the processor; the test runs them itself. */
const noQueue: PublishQueue = { enqueue: async () => {} };

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  await t.createStrategy(ws, owner, strategy);
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/campaigns`, owner, campaign), 201);
  processor = new PublishProcessor({
    pool: t.db.pool,
    registry: createDefaultRegistry({ db: t.db.pool, sandbox: { latencyMs: 0 } }),
    queue: noQueue,
    settings: { graceMs: 15 * 60_000, claimTimeoutMs: 60_000, maxAttempts: 3, retryBaseMs: 0, retryMaxMs: 0 },
    trackLinks: { publicUrl: PUBLIC_URL },
  });
});
afterAll(() => t.close());

interface Made {
  postId: string;
  variantId: string;
}

/** A post through the API, then scheduled and due now (the post workflow has its own tests). */
async function makePost(
  variants: Record<string, Partial<VariantContent>>,
  extra: { campaign?: string; tracking?: PostTracking } = {},
): Promise<Made & { variants: Record<string, string> }> {
  const res = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, { strategy: strategy.id, ...extra, variants });
  expectStatus(res, 201);
  const post = res.json().post as { id: string; variants: { id: string; channel: string }[] };
  await t.db.pool.query(`UPDATE posts SET state = 'scheduled', scheduled_at = now() WHERE id = $1`, [post.id]);
  await t.db.pool.query(
    `UPDATE post_variants SET state = 'scheduled', due_at = now() - interval '1 second', schedule_token = gen_random_uuid() WHERE post_id = $1`,
    [post.id],
  );
  const byChannel = Object.fromEntries(post.variants.map((v) => [v.channel, v.id]));
  return { postId: post.id, variantId: post.variants[0]!.id, variants: byChannel };
}

async function publish(variantId: string) {
  const { rows } = await t.db.pool.query<{ schedule_token: string }>('SELECT schedule_token FROM post_variants WHERE id = $1', [variantId]);
  return processor.process({ variantId, scheduleToken: rows[0]!.schedule_token });
}

/** What the sandbox network received for the variant. */
async function sent(variantId: string): Promise<VariantContent> {
  const { rows } = await t.db.pool.query<{ payload: { content: VariantContent } }>(
    `SELECT r.payload FROM sandbox_receipts r JOIN post_variants v ON v.idempotency_key = r.idempotency_key WHERE v.id = $1`,
    [variantId],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.payload.content;
}

const linksOf = async (variantId: string) =>
  (
    await t.db.pool.query<{ code: string; target_url: string; campaign_id: string | null; channel_id: string; post_id: string }>(
      'SELECT code, target_url, campaign_id, channel_id, post_id FROM tracked_links WHERE variant_id = $1 ORDER BY target_url',
      [variantId],
    )
  ).rows;

const shortLinks = (text: string) => [...text.matchAll(/https:\/\/groundwork\.test\/l\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

const listLinks = async (query: string, headers: Headers = owner) => {
  const res = await t.inject('GET', `/api/v1/workspaces/${ws}/links${query}`, headers);
  expectStatus(res, 200);
  return res.json().links as TrackedLinkView[];
};

describe('wrapping links at publish', () => {
  it('sends short links whose targets carry the UTM parameters, and a short link leads there', async () => {
    const post = await makePost(
      {
        bluesky: {
          text: 'Rye is back: https://bakery.example/rye?size=l. Spelt too https://bakery.example/spelt#today',
          link: 'https://bakery.example/rye?size=l',
          linkTitle: 'Rye',
        },
      },
      { campaign: campaign.id },
    );
    expect(await publish(post.variantId)).toMatchObject({ kind: 'published' });
    const out = await sent(post.variantId);
    const codes = shortLinks(out.text);
    expect(codes).toHaveLength(2);
    expect(out.text).toBe(`Rye is back: ${PUBLIC_URL}/l/${codes[0]}. Spelt too ${PUBLIC_URL}/l/${codes[1]}`);
    expect(out.link).toBe(`${PUBLIC_URL}/l/${codes[0]}`);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{10}$/);

    const tags = `utm_source=bluesky&utm_medium=social&utm_campaign=${campaign.id}&utm_content=${post.variantId}`;
    expect(await linksOf(post.variantId)).toEqual([
      expect.objectContaining({ target_url: `https://bakery.example/rye?size=l&${tags}`, campaign_id: campaign.id, channel_id: 'bluesky' }),
      expect.objectContaining({ target_url: `https://bakery.example/spelt?${tags}#today` }),
    ]);
    // The variant as written is kept: only what went out is wrapped.
    const stored = await t.db.pool.query<{ content: VariantContent }>('SELECT content FROM post_variants WHERE id = $1', [post.variantId]);
    expect(stored.rows[0]!.content.text).toContain('https://bakery.example/rye?size=l');

    const res = await t.app.inject({ method: 'GET', url: `/l/${codes[0]}`, headers: { 'user-agent': BROWSER } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`https://bakery.example/rye?size=l&${tags}`);
    // The audit log says which links were made.
    const audit = await t.db.pool.query(`SELECT actor, after FROM audit_log WHERE action = 'post.links_tracked' AND entity_id = $1`, [
      post.postId,
    ]);
    expect(audit.rows).toEqual([{ actor: 'system', after: expect.objectContaining({ variant: post.variantId, channel: 'bluesky' }) }]);
  });

  it('uses the strategy id without a campaign, and the network of each channel as the source', async () => {
    const post = await makePost({ bluesky: { text: 'See https://bakery.example/a' }, mastodon: { text: 'See https://bakery.example/a' } });
    for (const id of Object.values(post.variants)) expect(await publish(id)).toMatchObject({ kind: 'published' });
    const [bluesky] = await linksOf(post.variants.bluesky!);
    const [mastodon] = await linksOf(post.variants.mastodon!);
    expect(bluesky!.target_url).toBe(
      `https://bakery.example/a?utm_source=bluesky&utm_medium=social&utm_campaign=${strategy.id}&utm_content=${post.variants.bluesky}`,
    );
    expect(mastodon!.target_url).toContain('utm_source=mastodon');
    // One link per variant and target: the two channels are counted apart.
    expect(bluesky!.code).not.toBe(mastodon!.code);
  });

  it('reuses the same short links when a publish is retried', async () => {
    const post = await makePost({ bluesky: { text: 'Flaky oven #sandbox-flaky https://bakery.example/oven' } });
    expect(await publish(post.variantId)).toMatchObject({ kind: 'retry' });
    const before = await linksOf(post.variantId);
    expect(before).toHaveLength(1);
    // The sandbox asked for a second's pause: the test does not wait for it.
    await t.db.pool.query('UPDATE post_variants SET retry_at = now() WHERE id = $1', [post.variantId]);
    expect(await publish(post.variantId)).toMatchObject({ kind: 'published' });
    expect(await linksOf(post.variantId)).toEqual(before);
    expect(shortLinks((await sent(post.variantId)).text)).toEqual([before[0]!.code]);
  });

  it("takes the post's own UTM values, while a UTM parameter in the link itself wins", async () => {
    const post = await makePost(
      { bluesky: { text: 'https://bakery.example/x and https://bakery.example/y?utm_campaign=flyer' } },
      { campaign: campaign.id, tracking: { utmCampaign: 'easter', utmContent: 'hero-post' } },
    );
    await publish(post.variantId);
    expect((await linksOf(post.variantId)).map((l) => l.target_url)).toEqual([
      'https://bakery.example/x?utm_source=bluesky&utm_medium=social&utm_campaign=easter&utm_content=hero-post',
      'https://bakery.example/y?utm_campaign=flyer&utm_source=bluesky&utm_medium=social&utm_content=hero-post',
    ]);
  });

  it('sends the text as written where the post opts out, or the workspace does', async () => {
    const text = 'Untracked: https://bakery.example/plain';
    const optedOut = await makePost({ bluesky: { text } }, { tracking: { enabled: false } });
    await publish(optedOut.variantId);
    expect((await sent(optedOut.variantId)).text).toBe(text);
    expect(await linksOf(optedOut.variantId)).toEqual([]);

    const off = await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner, { trackLinks: false });
    expectStatus(off, 200);
    expect(off.json().workspace.trackLinks).toBe(false);
    try {
      const post = await makePost({ bluesky: { text }, mastodon: { text, link: 'https://bakery.example/card' } });
      for (const id of Object.values(post.variants)) await publish(id);
      expect((await sent(post.variants.bluesky!)).text).toBe(text);
      expect(await sent(post.variants.mastodon!)).toMatchObject({ text, link: 'https://bakery.example/card' });
      expect(await linksOf(post.variants.bluesky!)).toEqual([]);
    } finally {
      expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner, { trackLinks: true }), 200);
    }
    const audit = await t.db.pool.query(
      `SELECT before, after FROM audit_log WHERE action = 'workspace.settings_change' AND entity_id = $1 ORDER BY id`,
      [ws],
    );
    expect(audit.rows.slice(-2)).toEqual([
      { before: { trackLinks: true }, after: { trackLinks: false } },
      { before: { trackLinks: false }, after: { trackLinks: true } },
    ]);
  });
});

describe("a post's tracking settings", () => {
  it('are stored with the post, changed without sending it back to review, and reset with null', async () => {
    const created = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      tracking: { enabled: false, utmCampaign: 'easter' },
      variants: { bluesky: { text: 'Settings' } },
    });
    expectStatus(created, 201);
    const post = created.json().post;
    expect(post.tracking).toEqual({ enabled: false, utmCampaign: 'easter' });

    const changed = await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${post.id}`, owner, { tracking: { utmContent: 'b' } });
    expectStatus(changed, 200);
    expect(changed.json().post).toMatchObject({ tracking: { utmContent: 'b' }, state: 'draft', version: post.version + 1 });

    const reset = await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${post.id}`, owner, { tracking: null });
    expect(reset.json().post.tracking).toEqual({});
    const untouched = await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${post.id}`, owner, { tracking: {} });
    expect(untouched.json().post.version).toBe(reset.json().post.version);

    const bad = await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${post.id}`, owner, { tracking: { utmCampaign: '' } });
    expectStatus(bad, 400);
    const unknown = await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${post.id}`, owner, { tracking: { utmSource: 'x' } });
    expectStatus(unknown, 400);
  });
});

describe('the links list', () => {
  it("lists a post's links with their clicks, unique visitors and referring domains", async () => {
    const post = await makePost({ bluesky: { text: 'Counted https://bakery.example/counted' } }, { campaign: campaign.id });
    await publish(post.variantId);
    const [code] = shortLinks((await sent(post.variantId)).text);
    const click = (ip: string, referer?: string) =>
      t.app.inject({
        method: 'GET',
        url: `/l/${code}`,
        remoteAddress: ip,
        headers: { 'user-agent': BROWSER, ...(referer ? { referer } : {}) },
      });
    await click('192.0.2.1', 'https://bsky.app/profile/acme');
    await click('192.0.2.1', 'https://bsky.app/profile/acme');
    await click('192.0.2.2', 'https://www.Google.com/');
    await click('192.0.2.3');

    const links = await listLinks(`?post=${post.postId}`);
    expect(links).toEqual([
      {
        id: expect.any(String),
        code,
        shortUrl: `${PUBLIC_URL}/l/${code}`,
        targetUrl: expect.stringContaining('https://bakery.example/counted?utm_source=bluesky'),
        strategy: strategy.id,
        campaign: campaign.id,
        channel: 'bluesky',
        post: post.postId,
        variant: post.variantId,
        createdAt: expect.any(String),
        clicks: 4,
        uniqueVisitors: 3,
        topReferrers: [
          { domain: 'bsky.app', clicks: 2 },
          { domain: 'www.google.com', clicks: 1 },
        ],
      },
    ]);
    // By campaign: this post's link among them, most clicked first.
    const byCampaign = await listLinks(`?campaign=${campaign.id}`);
    expect(byCampaign[0]!.code).toBe(code);
    expect(byCampaign.every((l) => l.campaign === campaign.id)).toBe(true);
    // A range without the clicks counts none (the link is still listed).
    const past = await listLinks(`?post=${post.postId}&from=2020-01-01&to=2020-12-31`);
    expect(past).toEqual([expect.objectContaining({ code, clicks: 0, uniqueVisitors: 0, topReferrers: [] })]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listLinks(`?post=${post.postId}&from=${today}&to=${today}`))[0]).toMatchObject({ clicks: 4, uniqueVisitors: 3 });
  });

  it('needs analytics.read, keeps to the workspace, and refuses a bad range', async () => {
    const editor = await t.member(ws, owner, 'editor');
    const refused = await t.inject('GET', `/api/v1/workspaces/${ws}/links`, editor.headers);
    expectStatus(refused, 403);
    const analyst = await t.member(ws, owner, 'analyst');
    expect((await listLinks('', analyst.headers)).length).toBeGreaterThan(0);

    const other = await t.signUp();
    const otherWs = await t.createWorkspace(other.headers);
    const theirs = await t.inject('GET', `/api/v1/workspaces/${otherWs}/links`, other.headers);
    expect(theirs.json().links).toEqual([]);
    expectStatus(await t.inject('GET', `/api/v1/workspaces/${ws}/links`, other.headers), 404);

    const reversed = await t.inject('GET', `/api/v1/workspaces/${ws}/links?from=2026-02-01&to=2026-01-01`, owner);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('request.invalid');
  });
});
