import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
let ws: string;
let owner: Headers;
const strategy = postingStrategy();

type QueueJson = {
  postingTimes: string[];
  channels: {
    strategy: string;
    channel: string;
    timezone: string;
    slots: { at: string; localTime: string; post: { id: string; text: string } | null }[];
  }[];
};

beforeAll(async () => {
  t = await createPostsTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  await t.db.pool.query(
    `UPDATE workspaces SET timezone = 'Europe/Berlin', require_approval = false, posting_times = '{10:30}' WHERE id = $1`,
    [ws],
  );
  await t.createStrategy(ws, owner, strategy);
});
afterAll(() => t.close());

describe('the queue view', () => {
  it('shows each channel’s coming slots, the ones filled by queued posts, and where the next post goes', async () => {
    const empty = await t.inject('GET', `/api/v1/workspaces/${ws}/queue?free=3`, owner);
    expectStatus(empty, 200);
    const before = empty.json() as QueueJson;
    expect(before.postingTimes).toEqual(['10:30']);
    expect(before.channels.map((c) => c.channel)).toEqual(strategy.channels.map((c) => c.id));
    const bluesky = () => before.channels.find((c) => c.channel === 'bluesky')!;
    expect(bluesky().timezone).toBe('Europe/Berlin');
    expect(bluesky().slots).toHaveLength(3);
    expect(bluesky().slots.every((s) => s.post === null && s.localTime.endsWith('T10:30'))).toBe(true);

    // "Add to queue" takes the first free slot; the view then shows it filled and one more free slot.
    const created = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      variants: { bluesky: { text: 'Queued loaf' } },
    });
    const id = created.json().post.id as string;
    const queued = await t.inject('POST', `/api/v1/workspaces/${ws}/posts/${id}/schedule`, owner, { queue: true });
    expectStatus(queued, 200);
    expect(queued.json().schedule.slots[0].dueAt).toBe(bluesky().slots[0]!.at);

    const after = (await t.inject('GET', `/api/v1/workspaces/${ws}/queue?free=3&strategy=${strategy.id}`, owner)).json() as QueueJson;
    const slots = after.channels.find((c) => c.channel === 'bluesky')!.slots;
    expect(slots.map((s) => s.post?.text ?? null)).toEqual(['Queued loaf', null, null, null]);
    expect(slots.slice(1, 3).map((s) => s.at)).toEqual(
      bluesky()
        .slots.slice(1)
        .map((s) => s.at),
    );
    expect(after.channels.find((c) => c.channel === 'mastodon')!.slots.every((s) => s.post === null)).toBe(true);
  });

  it('is scoped to the workspace and checks its query', async () => {
    const outsider = await t.signUp();
    expectError(await t.inject('GET', `/api/v1/workspaces/${ws}/queue`, outsider.headers), 404, 'workspace.not_found');
    expect(((await t.inject('GET', `/api/v1/workspaces/${ws}/queue?strategy=nope`, owner)).json() as QueueJson).channels).toEqual([]);
    expectError(await t.inject('GET', `/api/v1/workspaces/${ws}/queue?free=0`, owner), 400, 'request.invalid');
  });
});
