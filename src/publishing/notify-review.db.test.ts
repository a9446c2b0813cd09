/**
 * Review notifications against a real Postgres, through the real routes: who hears that a post awaits
 * review, was approved, rejected or commented on — and who does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

type User = { headers: Headers; userId: string };
let t: PostsTestApp;
let ws: string;
let owner: User;
let strategist: User;
let editor: User;
let approver: User;
let analyst: User;
let viewer: User;
const strategy = postingStrategy();

interface Seen {
  kind: string;
  message: string;
  post: { id: string; strategy: string; strategyName: string | null; channels: string[] } | null;
}

/** The review notifications `user` has about `postId`, oldest first. */
async function seen(user: User, postId: string): Promise<Seen[]> {
  const res = await t.inject('GET', `/api/v1/workspaces/${ws}/notifications?limit=200`, user.headers);
  expectStatus(res, 200);
  return (res.json().notifications as Seen[]).filter((n) => n.post?.id === postId).reverse();
}
const kinds = async (user: User, postId: string) => (await seen(user, postId)).map((n) => n.kind);

const act = (user: User, id: string, action: string, payload: unknown = {}) =>
  t.inject('POST', `/api/v1/workspaces/${ws}/posts/${id}/${action}`, user.headers, payload);

async function create(user: User): Promise<string> {
  const res = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, user.headers, {
    strategy: strategy.id,
    variants: { bluesky: { text: 'Rye day is back: three loaves, one starter' }, mastodon: { text: 'Rye day is back' } },
  });
  expectStatus(res, 201);
  return res.json().post.id;
}

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  strategist = await t.member(ws, owner.headers, 'strategist');
  editor = await t.member(ws, owner.headers, 'editor');
  approver = await t.member(ws, owner.headers, 'approver');
  analyst = await t.member(ws, owner.headers, 'analyst');
  viewer = await t.member(ws, owner.headers, 'viewer');
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner.headers, strategy), 201);
});
afterAll(() => t.close());

describe('review notifications', () => {
  it('a submitted post goes to every member who may approve it — not its author, not the other roles', async () => {
    const id = await create(editor);
    expectStatus(await act(editor, id, 'submit', { comment: 'Photos are final' }), 200);
    for (const u of [owner, strategist, approver]) expect(await kinds(u, id)).toEqual(['review_requested']);
    for (const u of [editor, analyst, viewer]) expect(await kinds(u, id)).toEqual([]);

    const [n] = await seen(approver, id);
    // It names the post, its strategy and its channels, and links to the post with the same.
    const editorName = (await t.inject('GET', '/api/v1/auth/me', editor.headers)).json().user.name;
    expect(n!.message).toBe(
      `${editorName} asks you to review “Rye day is back: three loaves, one starter” (strategy “${strategy.name}”, channels bluesky, mastodon): “Photos are final”`,
    );
    expect(n!.post).toEqual({ id, strategy: strategy.id, strategyName: strategy.name, channels: ['bluesky', 'mastodon'] });
  });

  it('approved, rejected and commented: the post’s authors hear it, the one who did it does not', async () => {
    const id = await create(editor);
    // The strategist rewrites it: now an author too, so four eyes keep them out of its review.
    expectStatus(
      await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${id}`, strategist.headers, {
        variants: { mastodon: { text: 'Rye day, rewritten' } },
      }),
      200,
    );
    expectStatus(await act(editor, id, 'submit'), 200);
    expect(await kinds(owner, id)).toEqual(['review_requested']);
    expect(await kinds(approver, id)).toEqual(['review_requested']);
    expect(await kinds(strategist, id)).toEqual([]);

    expectStatus(await act(approver, id, 'reject', { comment: 'Say which day' }), 200);
    for (const u of [editor, strategist]) expect(await kinds(u, id)).toEqual(['post_rejected']);
    expect((await seen(editor, id))[0]!.message).toMatch(
      /^User \d+ asked for changes to “Rye day is back.*” \(strategy “.+”, channels bluesky, mastodon\): “Say which day”$/,
    );
    expect(await kinds(approver, id)).toEqual(['review_requested']);

    // A comment by one author reaches the other author only.
    const comment = await t.inject('POST', `/api/v1/workspaces/${ws}/posts/${id}/comments`, editor.headers, { body: 'Saturday it is' });
    expectStatus(comment, 201);
    expect(await kinds(strategist, id)).toEqual(['post_rejected', 'post_commented']);
    expect(await kinds(editor, id)).toEqual(['post_rejected']);
    expect(await kinds(owner, id)).toEqual(['review_requested']);

    expectStatus(await act(editor, id, 'submit'), 200);
    expectStatus(await act(owner, id, 'approve', { comment: 'Lovely' }), 200);
    for (const u of [editor, strategist]) expect((await kinds(u, id)).at(-1)).toBe('post_approved');
    expect((await kinds(owner, id)).filter((k) => k === 'post_approved')).toEqual([]);
  });

  it('an approved post edited back into review asks the approvers again', async () => {
    const id = await create(editor);
    expectStatus(await act(editor, id, 'submit'), 200);
    expectStatus(await act(approver, id, 'approve'), 200);
    expectStatus(
      await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${id}`, editor.headers, {
        variants: { mastodon: { text: 'Rye day moved' } },
      }),
      200,
    );
    expect(await kinds(approver, id)).toEqual(['review_requested', 'review_requested']);
    expect(await kinds(editor, id)).toEqual(['post_approved']);
  });

  it('with self-approval allowed, the author’s fellow authors are asked too; the submitter never', async () => {
    const id = await create(editor);
    expectStatus(
      await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${id}`, strategist.headers, { variants: { mastodon: { text: 'Rye!' } } }),
      200,
    );
    expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner.headers, { allowSelfApproval: true }), 200);
    try {
      expectStatus(await act(strategist, id, 'submit'), 200);
      expect(await kinds(strategist, id)).toEqual([]);
      expect(await kinds(owner, id)).toEqual(['review_requested']);
      expect(await kinds(approver, id)).toEqual(['review_requested']);
    } finally {
      expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner.headers, { allowSelfApproval: false }), 200);
    }
  });

  it('counts in the bell’s unread total; nobody of another workspace hears of it', async () => {
    const outsider = await t.signUp();
    const other = await t.createWorkspace(outsider.headers);
    const before = (await t.inject('GET', `/api/v1/workspaces/${ws}/notifications`, approver.headers)).json().unreadCount as number;
    const id = await create(editor);
    expectStatus(await act(editor, id, 'submit'), 200);
    expect((await t.inject('GET', `/api/v1/workspaces/${ws}/notifications`, approver.headers)).json().unreadCount).toBe(before + 1);
    expect((await t.inject('GET', `/api/v1/workspaces/${other}/notifications`, outsider.headers)).json().notifications).toEqual([]);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [outsider.userId]);
    expect(rows[0].n).toBe(0);
  });
});
