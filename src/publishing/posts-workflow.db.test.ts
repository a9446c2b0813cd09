import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let ws: string;
let owner: Headers;
let editor: { headers: Headers; userId: string };
let approver: Headers;
let strategist: Headers;
let viewer: Headers;
const base = () => `/api/v1/workspaces/${ws}/posts`;
const strategy = postingStrategy();
const campaign = cleanCampaign();

const draft = (over: Record<string, unknown> = {}) => ({
  strategy: strategy.id,
  pillar: 'how-to',
  variants: {
    bluesky: {
      text: 'Why your sourdough collapses, in three photos 🥖',
      media: [{ url: 'https://cdn.example.com/1.jpg', alt: 'A flat loaf' }],
    },
    mastodon: { text: 'Why your sourdough collapses — a thread', thread: ['1. The starter was past its peak.'] },
  },
  ...over,
});

async function create(headers: Headers, payload: unknown = draft(), url = base()) {
  const res = await t.inject('POST', url, headers, payload);
  expectStatus(res, 201);
  return res.json() as {
    post: { id: string; state: string; version: number; variants: { channel: string; state: string }[] };
    warnings: { code: string; path?: string }[];
  };
}

const act = (headers: Headers, id: string, action: string, payload?: unknown, extra: Headers = {}) =>
  t.inject('POST', `${base()}/${id}/${action}`, { ...headers, ...extra }, payload);

async function auditOf(id: string) {
  const res = await t.inject('GET', `/api/v1/workspaces/${ws}/audit?entityType=post&entityId=${id}&limit=100`, owner);
  expectStatus(res, 200);
  return (res.json().entries as { action: string; actor: string; before: unknown; after: unknown; reason: string | null }[]).reverse();
}

const postCount = async () => (await t.db.pool.query('SELECT count(*)::int AS n FROM posts')).rows[0].n as number;

beforeAll(async () => {
  t = await createPostsTestApp();
  const o = await t.signUp();
  owner = o.headers;
  ws = await t.createWorkspace(owner);
  editor = await t.member(ws, owner, 'editor');
  approver = (await t.member(ws, owner, 'approver')).headers;
  strategist = (await t.member(ws, owner, 'strategist')).headers;
  viewer = (await t.member(ws, owner, 'viewer')).headers;
  await t.createStrategy(ws, owner, strategy);
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/campaigns`, owner, campaign), 201);
  const other = cleanStrategy({ id: 'other-2027', name: 'Other strategy' });
  await t.createStrategy(ws, owner, other);
  expectStatus(
    await t.inject('POST', `/api/v1/workspaces/${ws}/campaigns`, owner, cleanCampaign({ id: 'other-launch', strategy: other.id })),
    201,
  );
});
afterAll(() => t.close());

describe('creating posts', () => {
  it('creates a draft with one variant per channel, audited', async () => {
    const { post, warnings } = await create(editor.headers);
    expect(post).toMatchObject({
      state: 'draft',
      strategy: strategy.id,
      pillar: 'how-to',
      campaign: null,
      version: 1,
      scheduledAt: null,
      timezone: 'UTC',
    });
    expect(post.variants.map((v) => [v.channel, v.state])).toEqual([
      ['bluesky', 'pending'],
      ['mastodon', 'pending'],
    ]);
    expect(warnings).toEqual([]);
    const [entry] = await auditOf(post.id);
    expect(entry).toMatchObject({ action: 'post.create', actor: expect.stringContaining('@example.com') });
  });

  it('keeps a draft over a network limit, warns with a pointer, and refuses to submit it', async () => {
    const { post, warnings } = await create(editor.headers, draft({ variants: { bluesky: { text: '🥐'.repeat(301) } } }));
    expect(warnings).toEqual([expect.objectContaining({ code: 'post.text_too_long', path: '/variants/bluesky/text', channel: 'bluesky' })]);
    const res = await act(editor.headers, post.id, 'submit');
    expectError(res, 422, 'post.content_invalid');
    expect(res.json().error.details.issues[0]).toMatchObject({ path: '/variants/bluesky/text' });
  });

  it('warns when a variant is on a channel the campaign does not use', async () => {
    const { warnings } = await create(editor.headers, draft({ campaign: campaign.id }));
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['post.channel_not_in_campaign', '/variants/bluesky'],
      ['post.channel_not_in_campaign', '/variants/mastodon'],
    ]);
  });

  it.each([
    ['an unknown strategy', { strategy: 'nope' }, 'post.unknown_strategy'],
    ['a campaign of another strategy', { campaign: 'other-launch' }, 'post.campaign_not_in_strategy'],
    ['an unknown campaign', { campaign: 'nope' }, 'post.unknown_campaign'],
    ['a pillar the strategy does not have', { pillar: 'memes' }, 'post.unknown_pillar'],
    ['a channel the strategy does not have', { variants: { tiktok: { text: 'hi' } } }, 'post.unknown_channel'],
    ['an unknown time zone', { localTime: '2030-06-03T09:00', timezone: 'Europe/Atlantis' }, 'post.invalid_timezone'],
  ])('refuses %s with 422 and stores nothing', async (_what, over, code) => {
    const before = await postCount();
    expectError(await t.inject('POST', base(), editor.headers, draft(over)), 422, code);
    expect(await postCount()).toBe(before);
  });

  it.each([
    ['an image without alt text', draft({ variants: { bluesky: { text: 'x', media: [{ url: 'https://cdn.example.com/1.jpg' }] } } })],
    [
      'an image with blank alt text',
      draft({ variants: { bluesky: { text: 'x', media: [{ url: 'https://cdn.example.com/1.jpg', alt: '  ' }] } } }),
    ],
    ['no variants', draft({ variants: {} })],
    ['a bad channel key', draft({ variants: { 'bad key!': { text: 'x' } } })],
    ['an impossible date', draft({ localTime: '2030-02-30T09:00' })],
    ['a time with an offset', draft({ localTime: '2030-06-03T09:00+02:00' })],
    ['an unknown key', draft({ approvedBy: 'me' })],
    ['a state other than idea or draft', draft({ state: 'approved' })],
    ['a non-http link', draft({ variants: { bluesky: { text: 'x', link: 'javascript:alert(1)' } } })],
    ['an array', [draft()]],
  ])('answers 400 request.invalid for %s', async (_what, payload) => {
    const before = await postCount();
    expectError(await t.inject('POST', base(), editor.headers, payload), 400, 'request.invalid');
    expect(await postCount()).toBe(before);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: base(),
      headers: { ...editor.headers, 'content-type': 'application/json' },
      payload: '{"strategy": ',
    });
    expectError(res, 400, 'request.malformed_json');
  });

  it('lets only writers create posts', async () => {
    expectError(await t.inject('POST', base(), viewer, draft()), 403, 'auth.forbidden');
    expectError(await t.inject('POST', base(), approver, draft()), 403, 'auth.forbidden');
    expectError(await t.inject('POST', base(), {}, draft()), 401, 'auth.required');
  });
});

describe('review and approval', () => {
  it('blocks scheduling until approved, then lets an approver approve it with a comment', async () => {
    const { post } = await create(editor.headers);
    const at = { localTime: '2030-06-03T09:00', timezone: 'Europe/Berlin' };
    const blocked = await act(editor.headers, post.id, 'schedule', at);
    expectError(blocked, 409, 'post.approval_required');
    expect(blocked.json().error.message).toMatch(/requires approval/);

    expectStatus(await act(editor.headers, post.id, 'submit', { comment: 'Ready for a look' }), 200);
    expectError(await act(editor.headers, post.id, 'schedule', at), 409, 'post.invalid_transition');
    expectError(await act(editor.headers, post.id, 'approve'), 403, 'auth.forbidden');

    const approved = await act(approver, post.id, 'approve', { comment: 'Lovely photos' });
    expectStatus(approved, 200);
    expect(approved.json().post).toMatchObject({ state: 'approved', version: 3 });

    const detail = await t.inject('GET', `${base()}/${post.id}`, viewer);
    expectStatus(detail, 200);
    expect(detail.json().comments.map((c: { kind: string; body: string }) => [c.kind, c.body])).toEqual([
      ['comment', 'Ready for a look'],
      ['approval', 'Lovely photos'],
    ]);
    expect(detail.json().post.actions).toEqual([]);

    expectStatus(await act(editor.headers, post.id, 'schedule', at), 200);
    expect((await auditOf(post.id)).map((e) => [e.action, e.reason])).toEqual([
      ['post.create', null],
      ['post.submit', 'Ready for a look'],
      ['post.approve', 'Lovely photos'],
      ['post.schedule', null],
    ]);
  });

  it('does not let authors approve their own post — owners included — unless the workspace allows self-approval', async () => {
    const mine = await create(strategist);
    expectStatus(await act(strategist, mine.post.id, 'submit'), 200);
    const self = await act(strategist, mine.post.id, 'approve');
    expectError(self, 403, 'post.self_approval');
    // The post's actions say so before anyone clicks.
    const seenBy = async (h: Headers) => (await t.inject('GET', `${base()}/${mine.post.id}`, h)).json().post.actions;
    expect(await seenBy(strategist)).toEqual(['reject', 'edit', 'cancel']);
    expect(await seenBy(approver)).toEqual(['approve', 'reject']);

    // Editing someone else's post makes you one of its authors too.
    const theirs = await create(editor.headers);
    expectStatus(
      await t.inject('PATCH', `${base()}/${theirs.post.id}`, strategist, { variants: { mastodon: { text: 'Strategist rewrite' } } }),
      200,
    );
    expectStatus(await act(editor.headers, theirs.post.id, 'submit'), 200);
    expectError(await act(strategist, theirs.post.id, 'approve'), 403, 'post.self_approval');
    expectStatus(await act(approver, theirs.post.id, 'approve'), 200);

    // The owner is no exception…
    const owners = await create(owner);
    expectStatus(await act(owner, owners.post.id, 'submit'), 200);
    expectError(await act(owner, owners.post.id, 'approve'), 403, 'post.self_approval');
    expect((await t.inject('GET', `${base()}/${owners.post.id}`, owner)).json().post.actions).not.toContain('approve');
    // …until the workspace allows self-approval (a one-person team); then any author may.
    expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner, { allowSelfApproval: true }), 200);
    try {
      expect((await t.inject('GET', `${base()}/${owners.post.id}`, owner)).json().post.actions).toContain('approve');
      expectStatus(await act(owner, owners.post.id, 'approve'), 200);
      const again = await create(strategist);
      expectStatus(await act(strategist, again.post.id, 'submit'), 200);
      expectStatus(await act(strategist, again.post.id, 'approve'), 200);
    } finally {
      expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner, { allowSelfApproval: false }), 200);
    }
    // Where approval is not required, approving one's own post hides nothing (they could schedule it).
    expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner, { requireApproval: false }), 200);
    try {
      const free = await create(owner);
      expectStatus(await act(owner, free.post.id, 'submit'), 200);
      expectStatus(await act(owner, free.post.id, 'approve'), 200);
    } finally {
      expectStatus(await t.inject('PATCH', `/api/v1/workspaces/${ws}`, owner, { requireApproval: true }), 200);
    }
  });

  it('rejects with a required comment, back to draft', async () => {
    const { post } = await create(editor.headers);
    expectStatus(await act(editor.headers, post.id, 'submit'), 200);
    expectError(await act(approver, post.id, 'reject', {}), 400, 'request.invalid');
    const res = await act(approver, post.id, 'reject', { comment: 'Too salesy for a how-to' });
    expectStatus(res, 200);
    expect(res.json().post.state).toBe('draft');
    const audit = await auditOf(post.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'post.reject',
      reason: 'Too salesy for a how-to',
      before: { state: 'in_review' },
      after: { state: 'draft' },
    });
  });

  it('refuses illegal moves with post.invalid_transition', async () => {
    const { post } = await create(editor.headers, draft({ state: 'idea' }));
    expectError(await act(editor.headers, post.id, 'submit'), 409, 'post.invalid_transition');
    expectError(await act(approver, post.id, 'approve'), 409, 'post.invalid_transition');
    expectError(await act(editor.headers, post.id, 'reschedule', { localTime: '2030-06-03T09:00' }), 409, 'post.invalid_transition');
    expectStatus(await act(editor.headers, post.id, 'develop'), 200);
    expectStatus(await act(editor.headers, post.id, 'cancel', { comment: 'Not this season' }), 200);
    expectError(
      await t.inject('PATCH', `${base()}/${post.id}`, editor.headers, { variants: { bluesky: { text: 'again' } } }),
      409,
      'post.invalid_transition',
    );
    const reopened = await act(editor.headers, post.id, 'reopen');
    expectStatus(reopened, 200);
    expect(reopened.json().post.state).toBe('draft');
  });

  it('lets writers and approvers comment, not viewers', async () => {
    const { post } = await create(editor.headers);
    const res = await t.inject('POST', `${base()}/${post.id}/comments`, approver, { body: 'Can we add a close-up?' });
    expectStatus(res, 201);
    expect(res.json().comment).toMatchObject({ kind: 'comment', body: 'Can we add a close-up?' });
    expectError(await t.inject('POST', `${base()}/${post.id}/comments`, viewer, { body: 'hi' }), 403, 'auth.forbidden');
    expectError(await t.inject('POST', `${base()}/${post.id}/comments`, approver, { body: ' ' }), 400, 'request.invalid');
  });
});

describe('editing', () => {
  it('refuses a stale If-Match and accepts the current one', async () => {
    const { post } = await create(editor.headers);
    const edit = { variants: { mastodon: { text: 'Take two' } } };
    expectError(
      await t.app.inject({
        method: 'PATCH',
        url: `${base()}/${post.id}`,
        headers: { ...editor.headers, 'if-match': '"7"' },
        payload: edit,
      }),
      409,
      'post.version_conflict',
    );
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/${post.id}`,
      headers: { ...editor.headers, 'if-match': '"1"' },
      payload: edit,
    });
    expectStatus(ok, 200);
    expect(ok.json().post.version).toBe(2);
    expect(ok.json().post.variants.find((v: { channel: string }) => v.channel === 'mastodon').content).toEqual({
      text: 'Take two',
      media: [],
      thread: [],
    });
  });

  it('removes and adds channels, but never the last one', async () => {
    const { post } = await create(editor.headers);
    const res = await t.inject('PATCH', `${base()}/${post.id}`, editor.headers, {
      variants: { bluesky: null, linkedin: { text: 'For the café owners' } },
    });
    expectStatus(res, 200);
    expect(res.json().post.variants.map((v: { channel: string; platform: string }) => [v.channel, v.platform])).toEqual([
      ['linkedin', 'linkedin'],
      ['mastodon', 'mastodon'],
    ]);
    expectError(
      await t.inject('PATCH', `${base()}/${post.id}`, editor.headers, { variants: { linkedin: null, mastodon: null } }),
      422,
      'post.no_variants',
    );
    expectError(await t.inject('PATCH', `${base()}/${post.id}`, editor.headers, {}), 400, 'request.invalid');
  });

  it('changes nothing (and no version) when the content is the same', async () => {
    const { post } = await create(editor.headers);
    const same = draft().variants;
    const res = await t.inject('PATCH', `${base()}/${post.id}`, editor.headers, { variants: same });
    expectStatus(res, 200);
    expect(res.json().post.version).toBe(1);
  });
});

describe('workspace scoping', () => {
  it('answers 404 for another workspace’s post ids, unknown ids and malformed ids', async () => {
    const { post } = await create(editor.headers);
    const stranger = await t.signUp();
    const theirWs = await t.createWorkspace(stranger.headers);
    const theirBase = `/api/v1/workspaces/${theirWs}/posts`;
    const attempts = [
      t.inject('GET', `${theirBase}/${post.id}`, stranger.headers),
      t.inject('PATCH', `${theirBase}/${post.id}`, stranger.headers, { variants: { bluesky: { text: 'pwned' } } }),
      t.inject('POST', `${theirBase}/${post.id}/submit`, stranger.headers),
      t.inject('POST', `${theirBase}/${post.id}/schedule`, stranger.headers, { localTime: '2030-06-03T09:00' }),
      t.inject('POST', `${theirBase}/${post.id}/comments`, stranger.headers, { body: 'hi' }),
      t.inject('DELETE', `${theirBase}/${post.id}`, stranger.headers),
      t.inject('GET', `${base()}/00000000-0000-4000-8000-000000000000`, owner),
      t.inject('GET', `${base()}/not-a-uuid`, owner),
      t.inject('DELETE', `${base()}/${'x'.repeat(200)}`, owner),
    ];
    for (const res of await Promise.all(attempts)) expectError(res, 404, 'post.not_found');
    // The stranger cannot even reach this workspace.
    expectError(await t.inject('GET', `${base()}/${post.id}`, stranger.headers), 404, 'workspace.not_found');
    const still = await t.inject('GET', `${base()}/${post.id}`, owner);
    expect(still.json().post.variants[0].content.text).toBe(draft().variants.bluesky.text);
    expect(still.json().post.version).toBe(1);
  });
});

describe('listing', () => {
  it('filters by state, channel, campaign, pillar and time', async () => {
    // A workspace of its own, so the other tests' posts do not show.
    const listWs = await t.createWorkspace(owner);
    const url = `/api/v1/workspaces/${listWs}/posts`;
    await t.createStrategy(listWs, owner, strategy);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${listWs}/campaigns`, owner, campaign), 201);
    const rye = { instagram: { text: 'Rye launch', media: [{ url: 'https://cdn.example.com/rye.jpg', alt: 'Rye loaf' }] } };
    const a = await create(owner, draft({ campaign: campaign.id, pillar: 'offers', localTime: '2030-07-01T10:00', variants: rye }), url);
    const b = await create(owner, draft({ state: 'idea', localTime: '2030-07-20T10:00', timezone: 'America/New_York' }), url);
    const c = await create(owner, draft(), url);
    const list = async (q: string) => {
      const res = await t.inject('GET', `${url}?${q}`, owner);
      expectStatus(res, 200);
      return (res.json().posts as { id: string }[]).map((p) => p.id);
    };
    expect(await list('')).toEqual([a.post.id, b.post.id, c.post.id]);
    expect(await list(`campaign=${campaign.id}`)).toEqual([a.post.id]);
    expect(await list('pillar=offers')).toEqual([a.post.id]);
    expect(await list('channel=instagram')).toEqual([a.post.id]);
    expect(await list('channel=bluesky')).toEqual([b.post.id, c.post.id]);
    expect(await list('state=idea')).toEqual([b.post.id]);
    expect(await list('state=idea,draft&from=2030-07-01T00:00:00Z&to=2030-08-01T00:00:00Z')).toEqual([a.post.id, b.post.id]);
    expect(await list('from=2030-07-02T00:00:00Z&to=2030-08-01T00:00:00Z')).toEqual([b.post.id]);
    expect(await list(`strategy=${strategy.id}&limit=1`)).toEqual([a.post.id]);
    expectError(await t.inject('GET', `${url}?state=bogus`, owner), 400, 'request.invalid');
    const res = await t.inject('GET', `${url}?state=idea`, owner);
    expect(res.json().posts[0]).toMatchObject({
      localTime: '2030-07-20T10:00',
      timezone: 'America/New_York',
      scheduledAt: '2030-07-20T14:00:00.000Z',
      actions: ['develop', 'edit', 'cancel'],
    });
    // Viewers see the calendar, with no actions.
    const seen = await t.inject('GET', `${base()}?state=draft&limit=1`, viewer);
    expectStatus(seen, 200);
    expect(seen.json().posts[0].actions).toEqual([]);
  });
});

describe('deleting', () => {
  it('soft-deletes with the post kept in the audit log, and 404s afterwards', async () => {
    const { post } = await create(editor.headers);
    expectError(await t.inject('DELETE', `${base()}/${post.id}`, viewer), 403, 'auth.forbidden');
    expectStatus(await t.inject('DELETE', `${base()}/${post.id}?reason=Duplicate%20idea`, editor.headers), 204);
    expectError(await t.inject('GET', `${base()}/${post.id}`, owner), 404, 'post.not_found');
    expectError(await t.inject('DELETE', `${base()}/${post.id}`, editor.headers), 404, 'post.not_found');
    const { rows } = await t.db.pool.query('SELECT deleted_at FROM posts WHERE id = $1', [post.id]);
    expect(rows[0].deleted_at).toBeInstanceOf(Date);
    const entry = (await auditOf(post.id)).at(-1)!;
    expect(entry).toMatchObject({
      action: 'post.delete',
      reason: 'Duplicate idea',
      before: { state: 'draft', variants: { bluesky: { state: 'pending' } } },
    });
  });
});
