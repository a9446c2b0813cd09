import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let ws: string;
let owner: Headers;
let editor: { headers: Headers; userId: string };
let approver: Headers;
let viewer: Headers;
const strategy = postingStrategy();
const posts = () => `/api/v1/workspaces/${ws}/posts`;

type PostJson = { id: string; state: string; version: number; localTime: string | null; timezone: string };

async function create(headers: Headers, text: string, over: Record<string, unknown> = {}): Promise<PostJson> {
  const res = await t.inject('POST', posts(), headers, { strategy: strategy.id, variants: { mastodon: { text } }, ...over });
  expectStatus(res, 201);
  return res.json().post;
}
const act = async (headers: Headers, id: string, action: string, body: unknown = {}): Promise<PostJson> => {
  const res = await t.inject('POST', `${posts()}/${id}/${action}`, headers, body);
  expectStatus(res, 200);
  return res.json().post;
};
const bulk = (headers: Headers, body: unknown) => t.inject('POST', `${posts()}/bulk`, headers, body);
const read = async (id: string): Promise<PostJson> => (await t.inject('GET', `${posts()}/${id}`, owner)).json().post;
const auditActions = async (id: string) =>
  (
    (await t.inject('GET', `/api/v1/workspaces/${ws}/audit?entityType=post&entityId=${id}&limit=50`, owner)).json().entries as {
      action: string;
    }[]
  ).map((e) => e.action);

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  editor = await t.member(ws, owner, 'editor');
  approver = (await t.member(ws, owner, 'approver')).headers;
  viewer = (await t.member(ws, owner, 'viewer')).headers;
  await t.createStrategy(ws, owner, strategy);
});
beforeEach(() => {
  t.queue.jobs = [];
});
afterAll(() => t.close());

describe('bulk actions on posts', () => {
  it('applies each post on its own: mixed results, per-item reasons, nothing undone by a refusal', async () => {
    const a = await create(editor.headers, 'Bulk one');
    const b = await create(editor.headers, 'Bulk two');
    const idea = await create(editor.headers, 'Bulk idea', { state: 'idea' });
    // Another workspace's post: the same 404 as a post that does not exist.
    const elsewhere = await t.createWorkspace(owner);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${elsewhere}/strategies`, owner, strategy), 201);
    const foreign = await t.inject('POST', `/api/v1/workspaces/${elsewhere}/posts`, owner, {
      strategy: strategy.id,
      variants: { mastodon: { text: 'theirs' } },
    });
    const foreignId = foreign.json().post.id as string;

    const res = await bulk(editor.headers, {
      action: 'submit',
      posts: [{ id: a.id }, { id: idea.id }, { id: foreignId }, { id: b.id, version: b.version + 5 }, { id: 'nope' }],
    });
    expectStatus(res, 200);
    const body = res.json();
    expect(body.summary).toEqual({ succeeded: 1, failed: 4 });
    expect(
      body.results.map((r: { id: string; ok: boolean; error?: { code: string; status: number } }) => [
        r.id,
        r.ok,
        r.error?.code,
        r.error?.status,
      ]),
    ).toEqual([
      [a.id, true, undefined, undefined],
      [idea.id, false, 'post.invalid_transition', 409],
      [foreignId, false, 'post.not_found', 404],
      [b.id, false, 'post.version_conflict', 409],
      ['nope', false, 'post.not_found', 404],
    ]);
    expect(body.results[0].post).toMatchObject({ id: a.id, state: 'in_review' });
    expect((await read(a.id)).state).toBe('in_review');
    expect((await read(b.id)).state).toBe('draft');
    expect((await t.inject('GET', `/api/v1/workspaces/${elsewhere}/posts/${foreignId}`, owner)).json().post.state).toBe('draft');
    expect(await auditActions(a.id)).toContain('post.submit');
  });

  it('approves through the four-eyes rule: the author’s own post is refused, the others approved', async () => {
    const mine = await create(owner, 'Owner writes');
    const theirs = await create(editor.headers, 'Editor writes');
    await act(owner, mine.id, 'submit');
    await act(editor.headers, theirs.id, 'submit');
    const res = await bulk(approver, { action: 'approve', posts: [{ id: mine.id }, { id: theirs.id }], comment: 'Looks good' });
    expectStatus(res, 200);
    expect(res.json().summary).toEqual({ succeeded: 2, failed: 0 });
    expect(await auditActions(theirs.id)).toContain('post.approve');

    const third = await create(editor.headers, 'Editor writes again');
    await act(editor.headers, third.id, 'submit');
    const strategist = await t.member(ws, owner, 'strategist');
    const own = await create(strategist.headers, 'Strategist writes');
    await act(strategist.headers, own.id, 'submit');
    const mixed = await bulk(strategist.headers, { action: 'approve', posts: [{ id: own.id }, { id: third.id }] });
    expect(mixed.json().results.map((r: { ok: boolean; error?: { code: string } }) => r.error?.code ?? 'ok')).toEqual([
      'post.self_approval',
      'ok',
    ]);
    expect((await read(own.id)).state).toBe('in_review');
    expect((await read(third.id)).state).toBe('approved');
  });

  it('reschedules by a shift or to a time: scheduled posts move, approved ones are scheduled, drafts need approval first', async () => {
    const scheduled = await create(editor.headers, 'Scheduled one');
    await act(editor.headers, scheduled.id, 'submit');
    await act(approver, scheduled.id, 'approve');
    await act(editor.headers, scheduled.id, 'schedule', { localTime: '2030-03-30T09:00', timezone: 'Europe/Berlin' });
    const approved = await create(editor.headers, 'Approved one', { localTime: '2030-04-02T10:00' });
    await act(editor.headers, approved.id, 'submit');
    await act(approver, approved.id, 'approve');
    const draft = await create(editor.headers, 'Draft one', { localTime: '2030-04-02T10:00' });
    const noTime = await create(editor.headers, 'No time');
    await act(editor.headers, noTime.id, 'submit');
    await act(approver, noTime.id, 'approve');

    t.queue.jobs = [];
    // Two days later: the wall-clock time stays 09:00 in Berlin across the DST change of 2030-03-31.
    const day = await bulk(editor.headers, {
      action: 'reschedule',
      shiftMinutes: 2 * 1440,
      posts: [scheduled, approved, draft, noTime].map((p) => ({ id: p.id })),
    });
    expectStatus(day, 200);
    expect(day.json().results.map((r: { ok: boolean; error?: { code: string } }) => r.error?.code ?? 'ok')).toEqual([
      'ok',
      'ok',
      'post.approval_required',
      'post.time_required',
    ]);
    expect(day.json().results[2].error.message).toMatch(/approved first/);
    expect(await read(scheduled.id)).toMatchObject({ state: 'scheduled', localTime: '2030-04-01T09:00', timezone: 'Europe/Berlin' });
    expect(await read(approved.id)).toMatchObject({ state: 'scheduled', localTime: '2030-04-04T10:00' });
    expect(t.queue.jobs).toHaveLength(2); // one variant each, after each commit
    expect(await auditActions(scheduled.id)).toContain('post.reschedule');

    const set = await bulk(editor.headers, {
      action: 'reschedule',
      localTime: '2030-05-06T12:00',
      posts: [{ id: scheduled.id }, { id: approved.id }],
    });
    expect(set.json().summary).toEqual({ succeeded: 2, failed: 0 });
    expect((await read(scheduled.id)).localTime).toBe('2030-05-06T12:00'); // in the post's own zone
    const past = await bulk(editor.headers, { action: 'reschedule', localTime: '2020-05-06T12:00', posts: [{ id: scheduled.id }] });
    expect(past.json().results[0].error.code).toBe('post.schedule_in_past');

    // A strategy whose channels have no account: refused per post unless the caller accepts it.
    const loose = postingStrategy({ id: 'loose-2027', name: 'Loose strategy' });
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner, loose), 201);
    const unconnected = await create(editor.headers, 'Nowhere to go', { strategy: loose.id, localTime: '2030-04-02T10:00' });
    await act(editor.headers, unconnected.id, 'submit');
    await act(approver, unconnected.id, 'approve');
    const refused = await bulk(editor.headers, { action: 'reschedule', shiftMinutes: 60, posts: [{ id: unconnected.id }] });
    expect(refused.json().results[0].error.code).toBe('post.channel_not_connected');
    const accepted = await bulk(editor.headers, {
      action: 'reschedule',
      shiftMinutes: 60,
      allowUnconnected: true,
      posts: [{ id: unconnected.id }],
    });
    expect(accepted.json().results[0].post).toMatchObject({ state: 'scheduled', localTime: '2030-04-02T11:00' });
  });

  it('cancels and deletes, each audited', async () => {
    const a = await create(editor.headers, 'Cancel me');
    const b = await create(editor.headers, 'Delete me');
    const cancelled = await bulk(editor.headers, { action: 'cancel', posts: [{ id: a.id }] });
    expect(cancelled.json().results[0].post.state).toBe('cancelled');
    const deleted = await bulk(editor.headers, { action: 'delete', posts: [{ id: b.id }, { id: a.id, version: 1 }], comment: 'Clean-up' });
    expect(
      deleted.json().results.map((r: { ok: boolean; post?: unknown; error?: { code: string } }) => [r.ok, r.post, r.error?.code]),
    ).toEqual([
      [true, undefined, undefined],
      [false, undefined, 'post.version_conflict'],
    ]);
    expectError(await t.inject('GET', `${posts()}/${b.id}`, owner), 404, 'post.not_found');
    expect(await auditActions(b.id)).toContain('post.delete');
  });

  it('needs the action’s permission for the whole request, and a well-formed body', async () => {
    const p = await create(editor.headers, 'Permissions');
    expectError(await bulk(viewer, { action: 'cancel', posts: [{ id: p.id }] }), 403, 'auth.forbidden');
    expectError(await bulk(editor.headers, { action: 'approve', posts: [{ id: p.id }] }), 403, 'auth.forbidden');
    expectError(await bulk(approver, { action: 'delete', posts: [{ id: p.id }] }), 403, 'auth.forbidden');
    const outsider = await t.signUp();
    expectError(await bulk(outsider.headers, { action: 'cancel', posts: [{ id: p.id }] }), 404, 'workspace.not_found');
    for (const body of [
      { action: 'cancel', posts: [] },
      { action: 'cancel', posts: [{ id: p.id }, { id: p.id }] },
      { action: 'reschedule', posts: [{ id: p.id }] },
      { action: 'reschedule', posts: [{ id: p.id }], shiftMinutes: 60, localTime: '2030-01-01T09:00' },
      { action: 'cancel', posts: [{ id: p.id }], shiftMinutes: 60 },
      { action: 'publish', posts: [{ id: p.id }] },
    ]) {
      expectError(await bulk(editor.headers, body), 400, 'request.invalid');
    }
    expect((await read(p.id)).state).toBe('draft');
  });
});

describe('listing posts', () => {
  it('searches the text and filters by author', async () => {
    const mine = await create(owner, 'Rye & spelt: 100% whole grain');
    const theirs = await create(editor.headers, 'Spelt focaccia, step by step');
    const ids = async (query: string, headers = owner) => {
      const res = await t.inject('GET', `${posts()}?${query}`, headers);
      expectStatus(res, 200);
      return (res.json().posts as { id: string }[]).map((p) => p.id);
    };
    expect(await ids('q=SPELT')).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([mine.id]);
    expect(await ids(`q=${encodeURIComponent('1_0')}`)).toEqual([]); // _ is a character, not a wildcard
    expect(await ids(`q=spelt&author=${editor.userId}`)).toEqual([theirs.id]);
    expectError(await t.inject('GET', `${posts()}?author=someone`, owner), 400, 'request.invalid');
  });
});
