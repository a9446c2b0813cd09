/** The sandbox's receipts through the API: scoped to the workspace whose post was sent, kept after a disconnect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let owner: Headers;
let ws: string;
const strategy = postingStrategy();

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner, strategy), 201);
});

afterAll(async () => {
  await t?.close();
});

describe('sandbox receipts', () => {
  it("shows what the sandbox received for the workspace's post, to that workspace only, even after the channel is disconnected", async () => {
    const conn = await t.inject('POST', `/api/v1/workspaces/${ws}/connections`, owner, {
      strategy: strategy.id,
      channel: 'bluesky',
      connector: 'sandbox',
    });
    expectStatus(conn, 201);
    const post = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      variants: { bluesky: { text: 'Rolls at six.' } },
    });
    expectStatus(post, 201);
    const variantId = post.json().post.variants[0].id as string;
    const media = [
      {
        mediaId: '0b0a2c1e-2f0e-4c1a-9a1e-0b0a2c1e2f0e',
        alt: 'Rolls',
        mimeType: 'image/png',
        bytes: 120,
        sha256: 'a'.repeat(64),
        width: 4,
        height: 3,
      },
    ];
    const { rows } = await t.db.pool.query<{ id: string }>(
      `INSERT INTO sandbox_receipts (connection_id, idempotency_key, payload) VALUES ($1, 'k-1', $2) RETURNING id`,
      [
        conn.json().connection.id,
        JSON.stringify({ variantId, channelId: 'bluesky', content: { text: 'Rolls at six.', media: [], thread: [] }, media }),
      ],
    );
    const url = (w: string) => `/api/v1/workspaces/${w}/sandbox-receipts/${rows[0]!.id}`;

    const got = await t.inject('GET', url(ws), owner);
    expectStatus(got, 200);
    expect(got.json().receipt).toMatchObject({ channel: 'bluesky', text: 'Rolls at six.', media, repeats: 0, deletedAt: null });

    const other = (await t.signUp()).headers;
    const otherWs = await t.createWorkspace(other);
    expectError(await t.inject('GET', url(otherWs), other), 404, 'sandbox.receipt_not_found');
    expectError(await t.inject('GET', `/api/v1/workspaces/${ws}/sandbox-receipts/abc`, owner), 404, 'sandbox.receipt_not_found');

    expectStatus(await t.inject('DELETE', `/api/v1/workspaces/${ws}/connections/${conn.json().connection.id}`, owner), 200);
    expectStatus(await t.inject('GET', url(ws), owner), 200);
  });
});
