/**
 * The notifications API against a real Postgres: each member sees their own (and owners the
 * unaddressed ones), newest first with an unread count; reading one or all; links to the post or
 * the connection; nobody reads another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '../../test/worker-fixtures.ts';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let ws: string;
let owner: { headers: Headers; userId: string };
let editor: { headers: Headers; userId: string };
let viewer: { headers: Headers; userId: string };
let postId: string;
let connectionId: string;
const strategy = postingStrategy();
const url = (suffix = '') => `/api/v1/workspaces/${ws}/notifications${suffix}`;

async function notify(userId: string | null, kind: string, entityType: string, entityId: string, message: string): Promise<number> {
  const { rows } = await t.db.pool.query<{ id: string }>(
    `INSERT INTO notifications (workspace_id, user_id, kind, entity_type, entity_id, message) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [ws, userId, kind, entityType, entityId, message],
  );
  return Number(rows[0]!.id);
}

async function list(headers: Headers, query = '') {
  const res = await t.inject('GET', url(query), headers);
  expectStatus(res, 200);
  return res.json() as {
    notifications: {
      id: number;
      kind: string;
      message: string;
      readAt: string | null;
      post: { id: string } | null;
      connection: Record<string, string> | null;
    }[];
    unreadCount: number;
    nextBefore: number | null;
  };
}

let failed: number;
let missed: number;
let reconnect: number;
let editorOwn: number;

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  editor = await t.member(ws, owner.headers, 'editor');
  viewer = await t.member(ws, owner.headers, 'viewer');
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner.headers, strategy), 201);
  const created = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, editor.headers, {
    strategy: strategy.id,
    variants: { bluesky: { text: 'Rye day' } },
  });
  expectStatus(created, 201);
  postId = created.json().post.id;
  connectionId = await connectChannel(t.db.pool, { workspaceId: ws, strategyId: strategy.id, userId: owner.userId }, 'mastodon', 'sandbox');

  failed = await notify(owner.userId, 'publish_failed', 'post', postId, 'Publishing to bluesky failed: Invalid record');
  missed = await notify(owner.userId, 'publish_missed', 'post', postId, 'bluesky: Not published: due …');
  reconnect = await notify(
    null,
    'reconnect_needed',
    'connection',
    connectionId,
    'Reconnect the sandbox account of channel mastodon: revoked',
  );
  editorOwn = await notify(editor.userId, 'publish_failed', 'post', postId, 'Publishing to mastodon failed: 422');
});
afterAll(() => t.close());

describe('listing', () => {
  it('gives the caller their own and (owners) the unaddressed ones, newest first, with links and the unread count', async () => {
    const body = await list(owner.headers);
    expect(body.notifications.map((n) => n.id)).toEqual([reconnect, missed, failed]);
    expect(body.unreadCount).toBe(3);
    expect(body.nextBefore).toBeNull();
    const [r, m] = body.notifications;
    expect(r).toMatchObject({
      kind: 'reconnect_needed',
      readAt: null,
      post: null,
      connection: { id: connectionId, strategy: strategy.id, channel: 'mastodon', connector: 'sandbox' },
    });
    expect(m).toMatchObject({ kind: 'publish_missed', post: { id: postId }, connection: null });
  });

  it('an editor sees only their own; a viewer (no notifications) sees none', async () => {
    const mine = await list(editor.headers);
    expect(mine.notifications.map((n) => n.id)).toEqual([editorOwn]);
    expect(mine.unreadCount).toBe(1);
    expect(await list(viewer.headers)).toEqual({ notifications: [], unreadCount: 0, nextBefore: null });
  });

  it('pages with limit/before, and filters unread', async () => {
    const first = await list(owner.headers, '?limit=2');
    expect(first.notifications.map((n) => n.id)).toEqual([reconnect, missed]);
    expect(first.nextBefore).toBe(missed);
    const second = await list(owner.headers, `?limit=2&before=${first.nextBefore}`);
    expect(second.notifications.map((n) => n.id)).toEqual([failed]);
    expect(second.nextBefore).toBeNull();
    expectError(await t.inject('GET', url('?limit=0'), owner.headers), 400, 'request.invalid');
  });

  it('needs a member: others get 404, anonymous 401', async () => {
    const stranger = await t.signUp();
    expectStatus(await t.inject('GET', url(), stranger.headers), 404);
    expectStatus(await t.inject('GET', url(), {}), 401);
  });

  it('does not link a deleted post', async () => {
    const created = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, editor.headers, {
      strategy: strategy.id,
      variants: { bluesky: { text: 'Gone soon' } },
    });
    const gone = created.json().post.id as string;
    const id = await notify(editor.userId, 'publish_missed', 'post', gone, 'missed');
    expectStatus(await t.inject('DELETE', `/api/v1/workspaces/${ws}/posts/${gone}`, editor.headers), 204);
    const n = (await list(editor.headers)).notifications.find((x) => x.id === id)!;
    expect(n.post).toBeNull();
    expectStatus(await t.inject('POST', url(`/${id}/read`), editor.headers), 200);
  });
});

describe('reading', () => {
  it('marks one read (idempotently), and the unread count drops', async () => {
    const res = await t.inject('POST', url(`/${failed}/read`), owner.headers);
    expectStatus(res, 200);
    const { notification, unreadCount } = res.json();
    expect(notification).toMatchObject({ id: failed, kind: 'publish_failed' });
    expect(notification.readAt).toEqual(expect.any(String));
    expect(unreadCount).toBe(2);
    const again = await t.inject('POST', url(`/${failed}/read`), owner.headers);
    expect(again.json().notification.readAt).toBe(notification.readAt);
    expect((await list(owner.headers, '?unread=true')).notifications.map((n) => n.id)).toEqual([reconnect, missed]);
  });

  it("refuses another member's notification (404) and one of another workspace", async () => {
    expectError(await t.inject('POST', url(`/${editorOwn}/read`), owner.headers), 404, 'notification.not_found');
    expectError(await t.inject('POST', url(`/${failed}/read`), editor.headers), 404, 'notification.not_found');
    expectError(await t.inject('POST', url(`/${reconnect}/read`), viewer.headers), 404, 'notification.not_found');
    const otherWs = await t.createWorkspace(owner.headers);
    expectError(
      await t.inject('POST', `/api/v1/workspaces/${otherWs}/notifications/${failed}/read`, owner.headers),
      404,
      'notification.not_found',
    );
    expectStatus(await t.inject('POST', url('/abc/read'), owner.headers), 400);
    expect((await list(editor.headers, '?unread=true')).notifications.map((n) => n.id)).toEqual([editorOwn]);
  });

  it('marks all read, only the caller’s', async () => {
    const res = await t.inject('POST', url('/read-all'), owner.headers);
    expectStatus(res, 200);
    expect(res.json()).toEqual({ marked: 2, unreadCount: 0 });
    expect((await list(owner.headers)).notifications.every((n) => n.readAt !== null)).toBe(true);
    expect((await list(editor.headers)).unreadCount).toBe(1);
    expect((await t.inject('POST', url('/read-all'), owner.headers)).json()).toEqual({ marked: 0, unreadCount: 0 });
  });
});
