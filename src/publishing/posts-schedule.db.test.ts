import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let ws: string;
let owner: Headers;
let editor: Headers;
let approver: Headers;
// Long enough for the far-future times these tests schedule (no outside-the-period warnings).
const strategy = postingStrategy({ period: { start: '2027-01-01', end: '2031-12-31' } });
const base = () => `/api/v1/workspaces/${ws}/posts`;

let textCounter = 0;
/** A draft whose texts are unique unless given (so duplicate warnings appear only where meant). */
const draft = (over: Record<string, unknown> = {}, text = `Sourdough note ${++textCounter}`) => ({
  strategy: strategy.id,
  pillar: 'how-to',
  variants: { bluesky: { text }, mastodon: { text } },
  ...over,
});

interface PostBody {
  id: string;
  state: string;
  scheduledAt: string | null;
  localTime: string | null;
  timezone: string;
  version: number;
  variants: { id: string; channel: string; state: string; dueAt: string | null }[];
}
interface Warning {
  code: string;
  channel?: string;
  details?: Record<string, unknown>;
}

async function create(headers: Headers, payload: unknown = draft(), url = base()): Promise<{ post: PostBody; warnings: Warning[] }> {
  const res = await t.inject('POST', url, headers, payload);
  expectStatus(res, 201);
  return res.json();
}
const act = (headers: Headers, id: string, action: string, payload?: unknown, url = base()) =>
  t.inject('POST', `${url}/${id}/${action}`, headers, payload);

/** Created by the editor, submitted, approved by the approver. */
async function approved(payload: unknown = draft()): Promise<string> {
  const { post } = await create(editor, payload);
  expectStatus(await act(editor, post.id, 'submit'), 200);
  expectStatus(await act(approver, post.id, 'approve'), 200);
  return post.id;
}

async function schedule(
  id: string,
  body: unknown,
  mode = 'schedule',
  url = base(),
  headers = editor,
): Promise<{
  post: PostBody;
  warnings: Warning[];
  schedule: {
    ambiguous: boolean;
    alternatives?: string[];
    slots: { channel: string; dueAt: string; localTime: string; timezone: string }[];
  };
}> {
  const res = await act(headers, id, mode, body, url);
  expectStatus(res, 200);
  return res.json();
}

async function variantsOf(postId: string) {
  const { rows } = await t.db.pool.query<{
    id: string;
    channel_id: string;
    state: string;
    due_at: Date | null;
    schedule_token: string | null;
  }>('SELECT id, channel_id, state, due_at, schedule_token FROM post_variants WHERE post_id = $1 ORDER BY channel_id', [postId]);
  return rows;
}

/** What the worker does with a job: only a current token finds a variant to claim. */
async function claimable(tokens: (string | null)[]): Promise<number> {
  const { rows } = await t.db.pool.query(`SELECT id FROM post_variants WHERE schedule_token = ANY($1::uuid[]) AND state = 'scheduled'`, [
    tokens,
  ]);
  return rows.length;
}

async function auditActions(id: string): Promise<{ action: string; before: unknown; after: unknown; reason: string | null }[]> {
  const res = await t.inject('GET', `/api/v1/workspaces/${ws}/audit?entityType=post&entityId=${id}&limit=100`, owner);
  return res.json().entries.reverse();
}

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  editor = (await t.member(ws, owner, 'editor')).headers;
  approver = (await t.member(ws, owner, 'approver')).headers;
  await t.createStrategy(ws, owner, strategy);
});
beforeEach(() => {
  t.queue.jobs = [];
  t.queue.failWith = null;
});
afterAll(() => t.close());

describe('scheduling', () => {
  it('schedules every variant at the local time, with fresh tokens, and enqueues one job each after commit', async () => {
    const id = await approved();
    const res = await schedule(id, { localTime: '2030-06-03T09:00', timezone: 'Europe/Berlin' });
    expect(res.post).toMatchObject({
      state: 'scheduled',
      scheduledAt: '2030-06-03T07:00:00.000Z',
      localTime: '2030-06-03T09:00',
      timezone: 'Europe/Berlin',
    });
    expect(res.schedule).toEqual({
      ambiguous: false,
      slots: [
        { channel: 'bluesky', dueAt: '2030-06-03T07:00:00.000Z', localTime: '2030-06-03T09:00', timezone: 'Europe/Berlin' },
        { channel: 'mastodon', dueAt: '2030-06-03T07:00:00.000Z', localTime: '2030-06-03T09:00', timezone: 'Europe/Berlin' },
      ],
    });
    const rows = await variantsOf(id);
    expect(rows.map((r) => [r.state, r.due_at?.toISOString()])).toEqual([
      ['scheduled', '2030-06-03T07:00:00.000Z'],
      ['scheduled', '2030-06-03T07:00:00.000Z'],
    ]);
    expect(t.queue.jobs).toEqual(rows.map((r) => ({ variantId: r.id, scheduleToken: r.schedule_token, dueAt: r.due_at })));
    expect(await claimable(rows.map((r) => r.schedule_token))).toBe(2);
  });

  it('refuses a local time in a DST gap, naming the nearest valid times, in both zones', async () => {
    const id = await approved();
    const berlin = await act(editor, id, 'schedule', { localTime: '2030-03-31T02:30', timezone: 'Europe/Berlin' });
    expectError(berlin, 422, 'post.nonexistent_local_time');
    expect(berlin.json().error.message).toBe(
      '2030-03-31 02:30 does not exist in Europe/Berlin: the clocks jump from 02:00 to 03:00 that day. The nearest valid times are 2030-03-31 01:59 and 2030-03-31 03:00.',
    );
    const ny = await act(editor, id, 'schedule', { localTime: '2030-03-10T02:30', timezone: 'America/New_York' });
    expectError(ny, 422, 'post.nonexistent_local_time');
    expect(ny.json().error.details).toMatchObject({ nearestBefore: '2030-03-10T01:59', nearestAfter: '2030-03-10T03:00' });
    expect((await variantsOf(id)).map((r) => r.state)).toEqual(['pending', 'pending']);
    expect(t.queue.jobs).toEqual([]);
  });

  it('takes the earlier instant of a DST overlap and says it was ambiguous', async () => {
    const id = await approved();
    const res = await schedule(id, { localTime: '2030-10-27T02:30', timezone: 'Europe/Berlin' });
    expect(res.schedule).toMatchObject({ ambiguous: true, alternatives: ['2030-10-27T00:30:00.000Z', '2030-10-27T01:30:00.000Z'] });
    expect(res.post.scheduledAt).toBe('2030-10-27T00:30:00.000Z');
    expect(res.warnings.map((w) => w.code)).toContain('post.ambiguous_local_time');
  });

  it('refuses past times, unknown zones and approvers scheduling', async () => {
    const id = await approved();
    expectError(await act(editor, id, 'schedule', { localTime: '2020-01-06T09:00' }), 422, 'post.schedule_in_past');
    expectError(
      await act(editor, id, 'schedule', { localTime: '2030-06-03T09:00', timezone: 'Europe/Atlantis' }),
      422,
      'post.invalid_timezone',
    );
    expectError(await act(editor, id, 'schedule', {}), 422, 'post.time_required');
    expectError(await act(editor, id, 'schedule', { queue: true, localTime: '2030-06-03T09:00' }), 400, 'request.invalid');
    expectError(await act(approver, id, 'schedule', { localTime: '2030-06-03T09:00' }), 403, 'auth.forbidden');
  });
});

describe('changes after scheduling never publish at the old time', () => {
  it('editing a scheduled post sends it back to review and voids its jobs', async () => {
    const id = await approved();
    await schedule(id, { localTime: '2030-06-04T09:00', timezone: 'Europe/Berlin' });
    const old = (await variantsOf(id)).map((r) => r.schedule_token);
    expect(await claimable(old)).toBe(2);

    const edit = await t.inject('PATCH', `${base()}/${id}`, editor, { variants: { mastodon: { text: 'A fixed typo' } }, reason: 'typo' });
    expectStatus(edit, 200);
    expect(edit.json().post).toMatchObject({ state: 'in_review', scheduledAt: '2030-06-04T07:00:00.000Z' });
    const rows = await variantsOf(id);
    expect(rows.map((r) => [r.state, r.due_at])).toEqual([
      ['pending', null],
      ['pending', null],
    ]);
    expect(await claimable(old)).toBe(0);
    expect((await auditActions(id)).map((e) => e.action).slice(-2)).toEqual(['post.update', 'post.return_to_review']);

    // Back through review; `{}` schedules at the time it had.
    expectError(await act(editor, id, 'schedule', {}), 409, 'post.invalid_transition');
    expectStatus(await act(approver, id, 'approve'), 200);
    const again = await schedule(id, {});
    expect(again.post.scheduledAt).toBe('2030-06-04T07:00:00.000Z');
    const fresh = (await variantsOf(id)).map((r) => r.schedule_token);
    expect(fresh.some((tk) => old.includes(tk))).toBe(false);
    expect(await claimable(fresh)).toBe(2);
  });

  it('rescheduling changes the token: the old job no longer matches', async () => {
    const id = await approved();
    await schedule(id, { localTime: '2030-06-05T09:00', timezone: 'Europe/Berlin' });
    const old = await variantsOf(id);
    t.queue.jobs = [];
    const res = await schedule(id, { localTime: '2030-06-05T15:30', timezone: 'Europe/Berlin', reason: 'Lunch crowd' }, 'reschedule');
    expect(res.post).toMatchObject({ state: 'scheduled', localTime: '2030-06-05T15:30' });
    const now = await variantsOf(id);
    expect(await claimable(old.map((r) => r.schedule_token))).toBe(0);
    expect(await claimable(now.map((r) => r.schedule_token))).toBe(2);
    expect(t.queue.jobs.map((j) => j.scheduleToken)).toEqual(now.map((r) => r.schedule_token));
    const entry = (await auditActions(id)).at(-1)!;
    expect(entry).toMatchObject({
      action: 'post.reschedule',
      reason: 'Lunch crowd',
      before: { variants: { bluesky: { dueAt: '2030-06-05T07:00:00.000Z' } } },
      after: { variants: { bluesky: { dueAt: '2030-06-05T13:30:00.000Z' } } },
    });
    // The calendar's drag uses If-Match: a stale version is refused.
    expectError(
      await t.app.inject({
        method: 'POST',
        url: `${base()}/${id}/reschedule`,
        headers: { ...editor, 'if-match': '"1"' },
        payload: { localTime: '2030-06-05T16:00' },
      }),
      409,
      'post.version_conflict',
    );
  });

  it('deleting a scheduled post cancels its variants and voids its jobs', async () => {
    const id = await approved();
    await schedule(id, { localTime: '2030-06-06T09:00' });
    const old = (await variantsOf(id)).map((r) => r.schedule_token);
    expectStatus(await t.inject('DELETE', `${base()}/${id}`, editor), 204);
    expect(await claimable(old)).toBe(0);
    expect((await variantsOf(id)).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
    const { rows } = await t.db.pool.query('SELECT state, deleted_at FROM posts WHERE id = $1', [id]);
    expect(rows[0].state).toBe('cancelled');
    expect(rows[0].deleted_at).not.toBeNull();
  });

  it('cancelling a scheduled post voids its jobs too', async () => {
    const id = await approved();
    await schedule(id, { localTime: '2030-06-06T10:00' });
    const old = (await variantsOf(id)).map((r) => r.schedule_token);
    expectStatus(await act(editor, id, 'cancel', { comment: 'Event postponed' }), 200);
    expect(await claimable(old)).toBe(0);
    expect((await variantsOf(id)).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('refuses to change a post while a variant is being published', async () => {
    const id = await approved();
    await schedule(id, { localTime: '2030-06-06T11:00' });
    await t.db.pool.query(`UPDATE post_variants SET state = 'publishing' WHERE post_id = $1 AND channel_id = 'bluesky'`, [id]);
    await t.db.pool.query(`UPDATE posts SET state = 'publishing' WHERE id = $1`, [id]);
    expectError(await t.inject('DELETE', `${base()}/${id}`, editor), 409, 'post.publishing');
    expectError(
      await t.inject('PATCH', `${base()}/${id}`, editor, { variants: { bluesky: { text: 'late change' } } }),
      409,
      'post.invalid_transition',
    );
    expectError(await act(editor, id, 'reschedule', { localTime: '2030-06-07T11:00' }), 409, 'post.invalid_transition');
  });
});

describe('a failed post', () => {
  it('can be scheduled again as it is, or edited back into a draft', async () => {
    const id = await approved();
    await schedule(id, { localTime: '2030-06-08T09:00' });
    // What the worker leaves behind when the network refused the post.
    await t.db.pool.query(`UPDATE post_variants SET state = 'failed', last_error = 'rejected' WHERE post_id = $1`, [id]);
    await t.db.pool.query(`UPDATE posts SET state = 'failed' WHERE id = $1`, [id]);
    const again = await schedule(id, { localTime: '2030-06-09T09:00' });
    expect(again.post.state).toBe('scheduled');
    expect(again.post.variants.map((v) => [v.state, v.dueAt])).toEqual([
      ['scheduled', '2030-06-09T09:00:00.000Z'],
      ['scheduled', '2030-06-09T09:00:00.000Z'],
    ]);
    await t.db.pool.query(`UPDATE post_variants SET state = 'failed' WHERE post_id = $1`, [id]);
    await t.db.pool.query(`UPDATE posts SET state = 'failed' WHERE id = $1`, [id]);
    const edited = await t.inject('PATCH', `${base()}/${id}`, editor, { variants: { bluesky: { text: 'Shorter, kinder' } } });
    expectStatus(edited, 200);
    expect(edited.json().post.state).toBe('draft');
    expect((await variantsOf(id)).map((r) => r.state)).toEqual(['pending', 'pending']);
  });
});

describe('queue slots', () => {
  it('puts each channel in its next free slot from the cadence, in the channel time zone, never twice', async () => {
    const queueWs = await t.createWorkspace(owner);
    const url = `/api/v1/workspaces/${queueWs}/posts`;
    await t.db.pool.query(`UPDATE workspaces SET timezone = 'Europe/Berlin', require_approval = false WHERE id = $1`, [queueWs]);
    await t.createStrategy(queueWs, owner, strategy);
    await t.db.pool.query(
      `UPDATE channel_connections SET timezone = 'America/New_York' WHERE workspace_id = $1 AND channel_id = 'mastodon'`,
      [queueWs],
    );
    const slots: Record<string, string[]> = { bluesky: [], mastodon: [] };
    for (let i = 0; i < 3; i++) {
      const { post } = await create(owner, draft(), url);
      const res = await schedule(post.id, { queue: true }, 'schedule', url, owner);
      for (const s of res.schedule.slots) slots[s.channel]!.push(s.dueAt);
      expect(res.schedule.slots.map((s) => [s.channel, s.timezone, s.localTime.slice(11)])).toEqual([
        ['bluesky', 'Europe/Berlin', '09:00'],
        ['mastodon', 'America/New_York', '09:00'],
      ]);
      expect(res.post.scheduledAt).toBe([...res.schedule.slots.map((s) => s.dueAt)].sort()[0]);
    }
    for (const channel of ['bluesky', 'mastodon']) {
      const times = slots[channel]!;
      expect(new Set(times).size).toBe(3);
      expect([...times].sort()).toEqual(times);
      for (const at of times) expect(Date.parse(at)).toBeGreaterThan(Date.now());
    }
    // Bluesky 2 a week: Monday and Thursday; Mastodon 3 a week: Monday, Wednesday, Friday.
    const weekday = (iso: string, zone: string) =>
      new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: zone }).format(new Date(iso));
    for (const at of slots.bluesky!) expect(['Mon', 'Thu']).toContain(weekday(at, 'Europe/Berlin'));
    for (const at of slots.mastodon!) expect(['Mon', 'Wed', 'Fri']).toContain(weekday(at, 'America/New_York'));
  });
});

describe('warnings', () => {
  it('warns about the same text already scheduled on a channel within 30 days', async () => {
    const text = 'Our rye is back — order by Friday!';
    const first = await approved(draft({}, text));
    await schedule(first, { localTime: '2030-09-02T09:00' });
    // Without a time, "within 30 days" is counted from now: a post planned for 2030 is no duplicate yet.
    const unplanned = await create(editor, draft({}, text));
    expect(unplanned.warnings).toEqual([]);
    const second = await create(editor, draft({ localTime: '2030-09-20T09:00' }, '  our RYE is back —   order by friday!  '));
    const dup = second.warnings.filter((w) => w.code === 'post.duplicate_text');
    expect(dup.map((w) => w.channel)).toEqual(['bluesky', 'mastodon']);
    expect(dup[0]!.details).toEqual({ posts: [first] });
    expectStatus(await act(editor, second.post.id, 'submit'), 200);
    expectStatus(await act(approver, second.post.id, 'approve'), 200);
    const later = await schedule(second.post.id, {});
    expect(later.post.scheduledAt).toBe('2030-09-20T09:00:00.000Z');
    expect(later.warnings.filter((w) => w.code === 'post.duplicate_text')).toHaveLength(2);
    // Two months on, it is no longer a duplicate.
    const third = await approved(draft({}, text));
    const far = await schedule(third, { localTime: '2030-11-20T09:00' });
    expect(far.warnings.filter((w) => w.code === 'post.duplicate_text')).toEqual([]);
  });

  it('warns when promotional posts exceed the strategy’s maximum share', async () => {
    const guide = await approved(draft({ pillar: 'how-to' }));
    const g = await schedule(guide, { localTime: '2031-02-03T09:00' });
    expect(g.warnings.map((w) => w.code)).not.toContain('post.promotional_share_exceeded');
    const offer = await approved(draft({ pillar: 'offers' }));
    const o = await schedule(offer, { localTime: '2031-02-10T09:00' });
    const w = o.warnings.find((x) => x.code === 'post.promotional_share_exceeded');
    expect(w?.details).toMatchObject({ promotional: 1, total: 2, share: 0.5, maxPromotionalShare: 0.2 });
  });

  it('warns when a channel’s week has more posts than its cadence', async () => {
    const codes: string[][] = [];
    for (const day of ['05', '06', '07']) {
      const id = await approved(draft({ variants: { bluesky: { text: `Week post ${day}` } } }));
      const res = await schedule(id, { localTime: `2031-05-${day}T09:00`, timezone: 'Europe/Berlin' });
      codes.push(res.warnings.map((w) => w.code));
    }
    expect(codes.slice(0, 2)).toEqual([[], []]);
    expect(codes[2]).toEqual(['post.cadence_exceeded']);
  });

  it('warns about a planned day outside the strategy period, and a time already past', async () => {
    const outside = await create(editor, draft({ localTime: '2032-01-05T09:00', timezone: 'Europe/Berlin' }));
    expect(outside.warnings.map((w) => w.code)).toEqual(['post.outside_strategy_period']);
    const past = await create(editor, draft({ localTime: '2026-01-05T09:00', timezone: 'Europe/Berlin' }));
    expect(past.warnings.map((w) => w.code)).toEqual(['post.time_in_past', 'post.outside_strategy_period']);
  });

  it('keeps the schedule and warns when the queue cannot be reached', async () => {
    const id = await approved();
    t.queue.failWith = new Error('connection refused');
    const res = await schedule(id, { localTime: '2030-06-10T09:00' });
    expect(res.warnings.map((w) => w.code)).toEqual(['post.enqueue_failed']);
    expect((await variantsOf(id)).map((r) => r.state)).toEqual(['scheduled', 'scheduled']);
  });
});

describe('a workspace that does not require approval', () => {
  it('lets a writer schedule a draft, and keeps it scheduled when edited', async () => {
    const freeWs = await t.createWorkspace(owner);
    const url = `/api/v1/workspaces/${freeWs}/posts`;
    await t.db.pool.query('UPDATE workspaces SET require_approval = false WHERE id = $1', [freeWs]);
    await t.createStrategy(freeWs, owner, strategy);
    const { post } = await create(owner, draft({ variants: { bluesky: { text: 'Straight out' } } }), url);
    const res = await t.inject('POST', `${url}/${post.id}/schedule`, owner, { localTime: '2030-06-03T12:00' });
    expectStatus(res, 200);
    const [before] = await variantsOf(post.id);
    t.queue.jobs = [];
    const edit = await t.inject('PATCH', `${url}/${post.id}`, owner, {
      variants: { bluesky: { text: 'Straight out, fixed' }, mastodon: { text: 'And on Mastodon' } },
    });
    expectStatus(edit, 200);
    expect(edit.json().post.state).toBe('scheduled');
    const rows = await variantsOf(post.id);
    expect(rows.map((r) => [r.channel_id, r.state, r.due_at?.toISOString()])).toEqual([
      ['bluesky', 'scheduled', '2030-06-03T12:00:00.000Z'],
      ['mastodon', 'scheduled', '2030-06-03T12:00:00.000Z'],
    ]);
    // The edited variant keeps its job; the added one gets its own.
    expect(rows[0]!.schedule_token).toBe(before!.schedule_token);
    expect(t.queue.jobs.map((j) => j.variantId)).toEqual([rows[1]!.id]);
  });
});

describe('channels without a working account', () => {
  it('warns on save, refuses to schedule naming the channel and strategy, and schedules only when told to anyway', async () => {
    const lonelyWs = await t.createWorkspace(owner);
    const url = `/api/v1/workspaces/${lonelyWs}/posts`;
    await t.db.pool.query('UPDATE workspaces SET require_approval = false WHERE id = $1', [lonelyWs]);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${lonelyWs}/strategies`, owner, strategy), 201);
    await t.connect(lonelyWs, owner, strategy.id, 'bluesky');

    const { post, warnings } = await create(owner, draft(), url);
    expect(warnings.filter((w) => w.code === 'post.channel_not_connected')).toEqual([
      expect.objectContaining({
        channel: 'mastodon',
        details: { strategy: strategy.id, channel: 'mastodon', reason: 'not_connected', fix: 'connections' },
      }),
    ]);

    const refused = await act(owner, post.id, 'schedule', { localTime: '2030-06-03T09:00' }, url);
    expectError(refused, 409, 'post.channel_not_connected');
    expect(refused.json().error.message).toContain(`"mastodon" of strategy "${strategy.name}"`);
    expect(refused.json().error.details.channels).toEqual([{ channel: 'mastodon', reason: 'not_connected' }]);
    expect((await variantsOf(post.id)).map((v) => v.state)).toEqual(['pending', 'pending']);
    expect(t.queue.jobs).toEqual([]);

    // An account that needs reconnecting cannot publish either.
    await t.connect(lonelyWs, owner, strategy.id, 'mastodon');
    await t.db.pool.query(
      `UPDATE channel_connections SET status = 'reconnect_needed' WHERE workspace_id = $1 AND channel_id = 'mastodon'`,
      [lonelyWs],
    );
    const again = await act(owner, post.id, 'schedule', { localTime: '2030-06-03T09:00' }, url);
    expectError(again, 409, 'post.channel_not_connected');
    expect(again.json().error.details.channels).toEqual([{ channel: 'mastodon', reason: 'reconnect_needed' }]);

    const res = await schedule(post.id, { localTime: '2030-06-03T09:00', allowUnconnected: true }, 'schedule', url, owner);
    expect(res.post.state).toBe('scheduled');
    expect(res.warnings.map((w) => w.code)).toContain('post.channel_not_connected');
    expect(t.queue.jobs).toHaveLength(2);
  });
});
