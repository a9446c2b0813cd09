/**
 * The inbox API on a real Postgres with the real sandbox connector: items recorded as the poll and
 * listening record them, listed and filtered, assigned, tagged, noted, closed in bulk (all or none),
 * answered (sent, failed, repeated), the collision warning, the SLA and its figures, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { connectChannel } from '../../test/worker-fixtures.ts';
import { createInboxItemsFromMentions } from './create-items-from-mentions.ts';
import { recordInboxItems, type IncomingPost } from './record-items.ts';

let t: TestApp;
let owner: { headers: Record<string, string>; userId: string; email: string };
let editor: { headers: Record<string, string>; userId: string; email: string };
let analyst: { headers: Record<string, string>; userId: string; email: string };
let outsider: { headers: Record<string, string>; userId: string; email: string };
let ws: string;
let connectionId: string;

const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url: `/api/v1/workspaces/${ws}/inbox${url}`, headers, ...(payload ? { payload } : {}) });

const post = (n: number, over: Partial<IncomingPost> = {}): IncomingPost => ({
  kind: 'mention',
  externalId: `sandbox-in-${n}`,
  url: null,
  author: `fan${n}`,
  authorName: `Fan ${n}`,
  text: `Hello number ${n}`,
  postedAt: new Date(Date.UTC(2026, 11, 1, 10, n)),
  ...over,
});

async function record(posts: IncomingPost[], now = new Date()) {
  return recordInboxItems(t.db.pool, { workspaceId: ws, network: 'sandbox', connectionId, channelId: 'social' }, posts, now);
}

async function idOf(externalId: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM inbox_items WHERE workspace_id = $1 AND external_id = $2', [
    ws,
    externalId,
  ]);
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp(undefined, 'Olive Owner');
  editor = await t.signUp(undefined, 'Eddie Editor');
  analyst = await t.signUp(undefined, 'Ana Analyst');
  outsider = await t.signUp(undefined, 'Otto Outsider');
  ws = await t.createWorkspace(owner.headers);
  await t.addMember(owner.headers, ws, editor, 'editor');
  await t.addMember(owner.headers, ws, analyst, 'analyst');
  await t.db.pool.query(
    `INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document)
     VALUES ($1, 'strategy', 'Strategy', 'Org', '2026-01-01', '2027-12-31', '{}')`,
    [ws],
  );
  connectionId = await connectChannel(t.db.pool, { workspaceId: ws, strategyId: 'strategy', userId: owner.userId }, 'social');
});

afterAll(async () => {
  await t?.close();
});

describe('the inbox', () => {
  it('records each post once, however often it is seen, and groups replies into their conversation', async () => {
    expect(await record([post(1), post(2), post(3, { kind: 'reply', parentId: 'sandbox-in-1' })])).toBe(3);
    expect(await record([post(1), post(2)])).toBe(0);
    const { rows } = await t.db.pool.query<{ external_id: string; conversation_id: string }>(
      'SELECT external_id, conversation_id FROM inbox_items WHERE workspace_id = $1 ORDER BY external_id',
      [ws],
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]!.conversation_id).toBe(rows[2]!.conversation_id);
    expect(rows[1]!.conversation_id).not.toBe(rows[0]!.conversation_id);

    const detail = await api('GET', `/items/${await idOf('sandbox-in-3')}`, owner.headers);
    expectStatus(detail, 200);
    expect(detail.json().conversation.map((c: { text: string }) => c.text)).toEqual(['Hello number 1', 'Hello number 3']);
    expect(detail.json().item).toMatchObject({ kind: 'reply', status: 'open', canReply: true, channel: 'social', assignee: null });
  });

  it('lists newest first with keyset pages, and filters by status, assignee, tag, kind and words', async () => {
    await record([4, 5, 6, 7].map((n) => post(n, { text: n === 6 ? 'My order never arrived' : `Hi ${n}` })));
    const first = await api('GET', '/items?limit=3', owner.headers);
    expectStatus(first, 200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toBe(7);
    expect(page1.counts).toMatchObject({ open: 7, pending: 0, closed: 0, unassigned: 7, mine: 0 });
    const seen = [...page1.items.map((i: { id: string }) => i.id)];
    let cursor = page1.nextCursor;
    while (cursor) {
      const next = (await api('GET', `/items?limit=3&cursor=${cursor}`, owner.headers)).json();
      // The total is of the filters, not of what is left after the cursor.
      expect(next.total).toBe(7);
      seen.push(...next.items.map((i: { id: string }) => i.id));
      cursor = next.nextCursor;
    }
    expect(new Set(seen).size).toBe(7);

    expect((await api('GET', '/items?q=ORDER', owner.headers)).json().items.map((i: { text: string }) => i.text)).toEqual([
      'My order never arrived',
    ]);
    expect((await api('GET', '/items?kind=reply', owner.headers)).json()).toMatchObject({ items: [{ kind: 'reply' }], total: 1 });
    expectStatus(await api('GET', `/items?cursor=00000000-0000-4000-8000-000000000000`, owner.headers), 400);
  });

  it('assigns to members only, sets status and tags, and audits each change', async () => {
    const id = await idOf('sandbox-in-6');
    const assigned = await api('PATCH', `/items/${id}`, owner.headers, { assignee: editor.userId, tags: ['Delivery', 'urgent'] });
    expectStatus(assigned, 200);
    expect(assigned.json().item).toMatchObject({ assignee: { id: editor.userId, name: 'Eddie Editor' }, tags: ['delivery', 'urgent'] });

    const notMember = await api('PATCH', `/items/${id}`, owner.headers, { assignee: outsider.userId });
    expectStatus(notMember, 422);
    expect(notMember.json().error.code).toBe('inbox.not_a_member');

    expect((await api('GET', '/items?assignee=me', editor.headers)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await api('GET', '/items?tag=delivery', owner.headers)).json().items).toHaveLength(1);
    expect((await api('GET', '/items?assignee=unassigned', owner.headers)).json().items).toHaveLength(6);

    const closed = await api('PATCH', `/items/${id}`, editor.headers, { status: 'closed' });
    expect(closed.json().item.status).toBe('closed');
    expect(closed.json().item.closedAt).not.toBeNull();
    const reopened = await api('PATCH', `/items/${id}`, editor.headers, { status: 'open', assignee: null });
    expect(reopened.json().item).toMatchObject({ status: 'open', closedAt: null, assignee: null });

    const { rows } = await t.db.pool.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'inbox_item' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['inbox.update', 'inbox.update', 'inbox.update']);
    expect(rows[0]!.after).toEqual({ assignee_id: editor.userId, tags: ['delivery', 'urgent'] });
  });

  it('bulk actions change all the items or none', async () => {
    const ids = await Promise.all(['sandbox-in-4', 'sandbox-in-5'].map(idOf));
    const missing = await api('POST', '/bulk', owner.headers, { ids: [...ids, '00000000-0000-4000-8000-000000000000'], status: 'pending' });
    expectStatus(missing, 404);
    expect(missing.json().error.details.ids).toEqual(['00000000-0000-4000-8000-000000000000']);
    expect((await api('GET', '/items?status=pending', owner.headers)).json().items).toHaveLength(0);

    const done = await api('POST', '/bulk', owner.headers, { ids, status: 'pending', assignee: owner.userId, addTags: ['spam'] });
    expectStatus(done, 200);
    expect(done.json().updated).toBe(2);
    const pending = (await api('GET', '/items?status=pending', owner.headers)).json();
    expect(pending.items.map((i: { tags: string[] }) => i.tags)).toEqual([['spam'], ['spam']]);
    expect(pending.counts).toMatchObject({ pending: 2, mine: 2 });
    expectStatus(await api('POST', '/bulk', owner.headers, { ids, removeTags: ['spam'], status: 'open', assignee: null }), 200);
    expectStatus(await api('POST', '/bulk', owner.headers, { ids: Array.from({ length: 101 }, () => ids[0]), status: 'open' }), 400);
  });

  it('notes and saved replies: created, renamed, names unique, deleted', async () => {
    const id = await idOf('sandbox-in-2');
    const note = await api('POST', `/items/${id}/notes`, editor.headers, { body: 'Regular customer, be nice' });
    expectStatus(note, 201);
    expect((await api('GET', `/items/${id}`, owner.headers)).json().notes).toMatchObject([
      { body: 'Regular customer, be nice', author: { name: 'Eddie Editor' } },
    ]);

    const created = await api('POST', '/saved-replies', editor.headers, { name: 'Thanks', body: 'Thank you for writing to us!' });
    expectStatus(created, 201);
    const dup = await api('POST', '/saved-replies', owner.headers, { name: 'thanks', body: 'x' });
    expectStatus(dup, 409);
    expect(dup.json().error.code).toBe('inbox.saved_reply_exists');
    const sid = created.json().savedReply.id;
    expectStatus(await api('PUT', `/saved-replies/${sid}`, owner.headers, { name: 'Thanks!', body: 'Thanks a lot!' }), 200);
    expectStatus(await api('POST', '/saved-replies', owner.headers, { name: 'Sorry', body: 'Sorry about that.' }), 201);
    expect((await api('GET', '/saved-replies', analyst.headers)).json().savedReplies.map((s: { name: string }) => s.name)).toEqual([
      'Sorry',
      'Thanks!',
    ]);
    expectStatus(await api('DELETE', `/saved-replies/${sid}`, owner.headers), 200);
    expectStatus(await api('DELETE', `/saved-replies/${sid}`, owner.headers), 404);
  });

  it('replies through the connector: sent, first response set, audited; a repeat with the same key sends nothing new; a refusal is a coded error', async () => {
    const id = await idOf('sandbox-in-1');
    const key = '11111111-1111-4111-8111-111111111111';
    const sent = await api('POST', `/items/${id}/replies`, editor.headers, { text: 'Thanks for the kind words!', idempotencyKey: key });
    expectStatus(sent, 201);
    expect(sent.json().reply).toMatchObject({ state: 'sent', author: { name: 'Eddie Editor' }, error: null });
    expect(sent.json().reply.remoteUrl).toMatch(/^sandbox:\/\/replies\//);
    expect(sent.json().item.firstResponseAt).not.toBeNull();
    const again = await api('POST', `/items/${id}/replies`, editor.headers, { text: 'Thanks for the kind words!', idempotencyKey: key });
    expectStatus(again, 201);
    expect(again.json().reply.id).toBe(sent.json().reply.id);

    const refused = await api('POST', `/items/${id}/replies`, editor.headers, { text: 'nope #sandbox-reject' });
    expectStatus(refused, 422);
    expect(refused.json().error.code).toBe('inbox.reply_rejected');
    const detail = (await api('GET', `/items/${id}`, editor.headers)).json();
    expect(detail.replies.map((r: { state: string }) => r.state)).toEqual(['sent', 'failed']);
    expect(detail.item.firstResponseAt).toBe(sent.json().item.firstResponseAt);

    const { rows } = await t.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'inbox_item' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['inbox.reply', 'inbox.reply_failed']);
  });

  it('warns of collisions: who else has the item open, and replies others sent since you opened it', async () => {
    const id = await idOf('sandbox-in-7');
    expect((await api('GET', `/items/${id}`, owner.headers)).json()).toMatchObject({ viewers: [], repliedSinceOpened: [] });
    const asEditor = (await api('GET', `/items/${id}`, editor.headers)).json();
    expect(asEditor.viewers).toMatchObject([{ id: owner.userId, name: 'Olive Owner' }]);
    expectStatus(await api('POST', `/items/${id}/replies`, editor.headers, { text: 'On it!' }), 201);
    const asOwner = (await api('GET', `/items/${id}`, owner.headers)).json();
    expect(asOwner.viewers).toMatchObject([{ id: editor.userId }]);
    expect(asOwner.repliedSinceOpened).toMatchObject([{ by: 'Eddie Editor' }]);
    // The one who replied is not warned of their own reply.
    expect((await api('GET', `/items/${id}`, editor.headers)).json().repliedSinceOpened).toEqual([]);

    // A read-only API token reads the item without becoming a viewer (it writes nothing).
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: analyst.headers,
      payload: { name: 'ro', workspace: ws },
    });
    expectStatus(token, 201);
    const asToken = await api('GET', `/items/${id}`, { authorization: `Bearer ${token.json().token}` });
    expectStatus(asToken, 200);
    const { rows } = await t.db.pool.query('SELECT 1 FROM inbox_viewers WHERE item_id = $1 AND user_id = $2', [id, analyst.userId]);
    expect(rows).toHaveLength(0);
  });

  it('the SLA: overdue items, a new target recomputes due times, and the response figures', async () => {
    const long = new Date(Date.now() - 3 * 3600_000);
    await record([post(20, { externalId: 'late-1' }), post(21, { externalId: 'late-2' })], long);
    const overdue = (await api('GET', '/items?overdue=true', owner.headers)).json();
    expect(overdue.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, true]);
    expect(overdue.counts.overdue).toBe(2);

    const bad = await api('PUT', '/settings', owner.headers, {
      firstResponseMinutes: 60,
      businessHours: { timezone: 'Mars/Olympus', start: '09:00', end: '17:00', days: [1] },
    });
    expectStatus(bad, 400);
    expectStatus(await api('PUT', '/settings', editor.headers, { firstResponseMinutes: 600, businessHours: null }), 403);
    const set = await api('PUT', '/settings', owner.headers, { firstResponseMinutes: 600, businessHours: null });
    expectStatus(set, 200);
    expect((await api('GET', '/settings', analyst.headers)).json().settings).toEqual({ firstResponseMinutes: 600, businessHours: null });
    expect((await api('GET', '/items?overdue=true', owner.headers)).json().items).toHaveLength(0);

    const stats = await api('GET', '/stats', analyst.headers);
    expectStatus(stats, 200);
    // 9 items received; items 1 and 7 answered.
    expect(stats.json()).toMatchObject({ received: 9, answered: 2, overdue: 0 });
    expect(stats.json().responseRate).toBeCloseTo(2 / 9);
    expect(stats.json().firstResponseMinutes.median).toBeGreaterThan(0);
    expectStatus(await api('GET', '/stats?from=2026-01-01&to=2025-01-01', analyst.headers), 400);
  });

  it('listening hits of queries that need a response become items, once, answered by the account on their network', async () => {
    const { rows: q } = await t.db.pool.query<{ id: string; needs_response: boolean }>(
      `INSERT INTO listening_queries (workspace_id, name, query, needs_response) VALUES ($1, 'Brand', 'bakery', true), ($1, 'Topic', 'bread', false)
       RETURNING id, needs_response`,
      [ws],
    );
    const [needs, not] = [q.find((r) => r.needs_response)!.id, q.find((r) => !r.needs_response)!.id];
    const { rows: m } = await t.db.pool.query<{ id: string }>(
      `INSERT INTO mentions (workspace_id, network, external_id, author, text, posted_at, sentiment)
       VALUES ($1, 'mastodon', '1139001', 'someone', 'Your bakery is closed again?', now(), 'negative'),
              ($1, 'mastodon', '1139002', 'other', 'Bread is great', now(), 'positive') RETURNING id`,
      [ws],
    );
    await connectChannel(
      t.db.pool,
      { workspaceId: ws, strategyId: 'strategy', userId: owner.userId },
      'masto',
      'mastodon',
      { url: 'https://mastodon.example' },
      { accessToken: 't' },
    );
    const hits = [
      { mentionId: m[0]!.id, queryIds: [needs, not] },
      { mentionId: m[1]!.id, queryIds: [not] },
    ];
    expect(await createInboxItemsFromMentions(t.db.pool, ws, hits)).toBe(1);
    expect(await createInboxItemsFromMentions(t.db.pool, ws, hits)).toBe(0);
    const items = (await api('GET', '/items?kind=listening', owner.headers)).json().items;
    expect(items).toMatchObject([
      { text: 'Your bakery is closed again?', kind: 'listening', network: 'mastodon', channel: 'masto', canReply: true },
    ]);
  });

  it('who may: viewers see nothing, analysts read but do not answer, another workspace’s item is 404', async () => {
    const viewer = await t.signUp(undefined, 'Vic Viewer');
    await t.addMember(owner.headers, ws, viewer, 'viewer');
    expectStatus(await api('GET', '/items', viewer.headers), 403);
    const id = await idOf('sandbox-in-2');
    expectStatus(await api('GET', `/items/${id}`, analyst.headers), 200);
    expectStatus(await api('PATCH', `/items/${id}`, analyst.headers, { status: 'closed' }), 403);
    expectStatus(await api('POST', `/items/${id}/replies`, analyst.headers, { text: 'hi' }), 403);

    const otherWs = await t.createWorkspace(outsider.headers);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${otherWs}/inbox/items/${id}`, headers: outsider.headers });
    expectStatus(res, 404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${otherWs}/inbox/items/${id}`,
      headers: outsider.headers,
      payload: { status: 'closed' },
    });
    expectStatus(patch, 404);
  });
});
