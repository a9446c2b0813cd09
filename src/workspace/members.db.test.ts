import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { ROLES, type Role } from './policy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const call = (method: Method, url: string, headers: Headers, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

/** A workspace with its owner, and one member of each other role. */
async function team() {
  const owner = await t.signUp();
  const ws = await t.createWorkspace(owner.headers);
  const members = {} as Record<Role, { headers: Headers; userId: string; email: string }>;
  members.owner = owner;
  for (const role of ROLES.filter((r) => r !== 'owner')) {
    const u = await t.signUp();
    await t.addMember(owner.headers, ws, u, role);
    members[role] = u;
  }
  return { ws, members };
}

describe('members', () => {
  it('an address joins only by accepting its invitation; lists members, changes a role, removes — each audited', async () => {
    const owner = await t.signUp(undefined, 'Owner');
    const ws = await t.createWorkspace(owner.headers);
    const u = await t.signUp(undefined, 'Newcomer');

    // There is no way to add someone without their consent: the old silent add is gone.
    const silent = await call('POST', `/workspaces/${ws}/members`, owner.headers, { email: u.email, role: 'editor' });
    expectStatus(silent, 404);
    const invited = await call('POST', `/workspaces/${ws}/invitations`, owner.headers, { email: u.email.toUpperCase(), role: 'editor' });
    expectStatus(invited, 201);
    // Invited is not joined: the newcomer cannot see the workspace until they accept.
    expectStatus(await call('GET', `/workspaces/${ws}`, u.headers), 404);
    expectStatus(await call('POST', `/invitations/${invited.json().token}/accept`, u.headers), 200);

    const list = await call('GET', `/workspaces/${ws}/members`, u.headers);
    expectStatus(list, 200);
    expect(list.json().members).toEqual([
      expect.objectContaining({ userId: owner.userId, role: 'owner' }),
      { userId: u.userId, email: u.email, name: 'Newcomer', role: 'editor', joinedAt: expect.any(String) },
    ]);

    const changed = await call('PATCH', `/workspaces/${ws}/members/${u.userId}`, owner.headers, { role: 'strategist' });
    expectStatus(changed, 200);
    expect(changed.json().member).toMatchObject({ userId: u.userId, role: 'strategist' });
    // The same role again is not a change.
    expectStatus(await call('PATCH', `/workspaces/${ws}/members/${u.userId}`, owner.headers, { role: 'strategist' }), 200);

    expectStatus(await call('DELETE', `/workspaces/${ws}/members/${u.userId}`, owner.headers), 204);
    expectStatus(await call('GET', `/workspaces/${ws}`, u.headers), 404);

    const { rows } = await t.db.pool.query(
      `SELECT actor_id, action, entity_type, after FROM audit_log
        WHERE workspace_id = $1 AND action <> 'workspace.create' ORDER BY id`,
      [ws],
    );
    const member = (role: string) => ({ userId: u.userId, email: u.email, role });
    expect(rows).toEqual([
      {
        actor_id: owner.userId,
        action: 'invitation.create',
        entity_type: 'invitation',
        after: expect.objectContaining({ email: u.email, role: 'editor' }),
      },
      { actor_id: u.userId, action: 'invitation.accept', entity_type: 'invitation', after: member('editor') },
      { actor_id: owner.userId, action: 'member.role_change', entity_type: 'membership', after: member('strategist') },
      { actor_id: owner.userId, action: 'member.remove', entity_type: 'membership', after: null },
    ]);
  });

  it('an invitation to an existing member is refused', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const again = await call('POST', `/workspaces/${ws}/invitations`, owner.headers, { email: owner.email, role: 'viewer' });
    expectStatus(again, 409);
    expect(again.json().error.code).toBe('member.exists');
  });

  it('never leaves a workspace without an owner', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    for (const [method, payload] of [
      ['PATCH', { role: 'viewer' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(method, `/workspaces/${ws}/members/${owner.userId}`, owner.headers, payload);
      expectStatus(res, 409);
      expect(res.json().error.code).toBe('member.last_owner');
    }
    // With a second owner, the first may step down; then the second is the last owner.
    const second = await t.signUp();
    await t.addMember(owner.headers, ws, second, 'owner');
    expectStatus(await call('PATCH', `/workspaces/${ws}/members/${owner.userId}`, owner.headers, { role: 'viewer' }), 200);
    const last = await call('DELETE', `/workspaces/${ws}/members/${second.userId}`, second.headers);
    expectStatus(last, 409);
    expect(last.json().error.code).toBe('member.last_owner');
    const { rows } = await t.db.pool.query("SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner'", [ws]);
    expect(rows).toEqual([{ user_id: second.userId }]);
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const a = await t.signUp();
    const ws = await t.createWorkspace(a.headers);
    const b = await t.signUp();
    await t.addMember(a.headers, ws, b, 'owner');
    const results = await Promise.all([
      call('PATCH', `/workspaces/${ws}/members/${b.userId}`, a.headers, { role: 'viewer' }),
      call('PATCH', `/workspaces/${ws}/members/${a.userId}`, b.headers, { role: 'viewer' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 403]);
    const { rows } = await t.db.pool.query("SELECT count(*)::int AS n FROM memberships WHERE workspace_id = $1 AND role = 'owner'", [ws]);
    expect(rows[0].n).toBe(1);
  });

  it('an owner demoted while their own change waited on the lock gets 403, not a stale 409', async () => {
    const a = await t.signUp();
    const ws = await t.createWorkspace(a.headers);
    const b = await t.signUp();
    await t.addMember(a.headers, ws, b, 'owner');
    // Hold the workspace lock and demote b, as a's concurrent change would; b's own change must wait.
    const holder = await t.db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [ws]);
      await holder.query("UPDATE memberships SET role = 'viewer' WHERE workspace_id = $1 AND user_id = $2", [ws, b.userId]);
      const pending = call('PATCH', `/workspaces/${ws}/members/${a.userId}`, b.headers, { role: 'viewer' });
      for (let waiting = 0; waiting === 0; ) {
        const { rows } = await t.db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        waiting = rows[0]?.n ?? 0;
      }
      await holder.query('COMMIT');
      const res = await pending;
      expectStatus(res, 403);
      expect(res.json().error).toMatchObject({ code: 'auth.forbidden', details: { role: 'viewer' } });
    } finally {
      holder.release();
    }
  });

  it('answers 404 member.not_found for non-members and malformed user ids', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const stranger = await t.signUp();
    for (const userId of [stranger.userId, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      const res = await call('PATCH', `/workspaces/${ws}/members/${userId}`, owner.headers, { role: 'viewer' });
      expectStatus(res, 404);
      expect(res.json().error.code).toBe('member.not_found');
    }
  });
});

describe('the policy, enforced through the real routes', () => {
  it('a viewer can read but not add members, rename, or change roles: 403 with details', async () => {
    const { ws, members } = await team();
    const viewer = members.viewer.headers;
    expectStatus(await call('GET', `/workspaces/${ws}`, viewer), 200);
    expectStatus(await call('GET', `/workspaces/${ws}/members`, viewer), 200);
    const newcomer = await t.signUp();
    const add = await call('POST', `/workspaces/${ws}/invitations`, viewer, { email: newcomer.email, role: 'viewer' });
    expectStatus(add, 403);
    expect(add.json().error).toMatchObject({ code: 'auth.forbidden', details: { permission: 'members.manage', role: 'viewer' } });
    const rename = await call('PATCH', `/workspaces/${ws}`, viewer, { name: 'Hijacked' });
    expectStatus(rename, 403);
    expect(rename.json().error.details).toEqual({ permission: 'workspace.manage', role: 'viewer' });
    const promote = await call('PATCH', `/workspaces/${ws}/members/${members.viewer.userId}`, viewer, { role: 'owner' });
    expectStatus(promote, 403);
  });

  it('only owners manage members and rename; every role reads', async () => {
    const { ws, members } = await team();
    for (const role of ROLES) {
      const h = members[role].headers;
      expect([role, (await call('GET', `/workspaces/${ws}/members`, h)).statusCode]).toEqual([role, 200]);
      const expected = role === 'owner' ? 200 : 403;
      const rename = await call('PATCH', `/workspaces/${ws}`, h, { name: `Renamed by ${role}` });
      expect([role, rename.statusCode]).toEqual([role, expected]);
      const target = members.viewer.userId;
      const change = await call('PATCH', `/workspaces/${ws}/members/${target}`, h, { role: 'viewer' });
      expect([role, change.statusCode]).toEqual([role, expected]);
    }
  });

  it('a non-member gets 404 for the workspace and its members, exactly as for a missing one', async () => {
    const { ws, members } = await team();
    const outsider = await t.signUp();
    const ownWs = await t.createWorkspace(outsider.headers);
    const missing = '00000000-0000-0000-0000-000000000000';
    const requests = (id: string): Array<[Method, string, unknown]> => [
      ['GET', `/workspaces/${id}`, undefined],
      ['PATCH', `/workspaces/${id}`, { name: 'x' }],
      ['GET', `/workspaces/${id}/members`, undefined],
      ['POST', `/workspaces/${id}/invitations`, { email: outsider.email, role: 'owner' }],
      ['PATCH', `/workspaces/${id}/members/${members.viewer.userId}`, { role: 'viewer' }],
      ['DELETE', `/workspaces/${id}/members/${members.viewer.userId}`, undefined],
    ];
    for (const id of [ws, missing]) {
      for (const [method, url, payload] of requests(id)) {
        const res = await call(method, url, outsider.headers, payload);
        expect([method, url, res.statusCode, res.json().error.code]).toEqual([method, url, 404, 'workspace.not_found']);
      }
    }
    // The outsider's own workspace id does not open another's members either.
    const cross = await call('DELETE', `/workspaces/${ownWs}/members/${members.viewer.userId}`, outsider.headers);
    expectStatus(cross, 404);
    expect(cross.json().error.code).toBe('member.not_found');
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM memberships WHERE workspace_id = $1', [ws]);
    expect(rows[0].n).toBe(ROLES.length);
  });

  it('garbage workspace ids answer 404, never 500', async () => {
    const { headers } = await t.signUp();
    await t.createWorkspace(headers);
    for (const ref of [
      'not-a-uuid',
      '..%2Fx',
      '..x',
      '.',
      "x'%20OR%20'1'='1",
      '00000000-0000-0000-0000-00000000000g',
      'a'.repeat(99),
      '-leading',
      'UPPER',
    ]) {
      const res = await call('GET', `/workspaces/${ref}/members`, headers);
      expect([ref, res.statusCode, res.json().error.code]).toEqual([ref, 404, 'workspace.not_found']);
    }
    // A NUL cannot even be looked up (Postgres text has none): it names no workspace, refused before any query.
    const nul = await call('GET', '/workspaces/%00/members', headers);
    expect([nul.statusCode, nul.json().error.code]).toEqual([404, 'workspace.not_found']);
    // Dot segments are resolved by the URL parser before routing: no such route, still a clean 404.
    for (const url of ['/workspaces/../x', '/workspaces/%2E%2E/members']) {
      const res = await call('GET', url, headers);
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
  });

  it('an API token acts with its user’s role', async () => {
    const { ws, members } = await team();
    const tok = await call('POST', '/tokens', members.viewer.headers, { name: 'viewer bot', workspace: ws, access: 'write' });
    const bearer = { authorization: `Bearer ${tok.json().token}` };
    expectStatus(await call('GET', `/workspaces/${ws}/members`, bearer), 200);
    const add = await call('POST', `/workspaces/${ws}/invitations`, bearer, { email: 'someone@example.com', role: 'viewer' });
    expectStatus(add, 403);
  });

  it("a token follows its user's membership at once: a new role on the next request, none once removed", async () => {
    const { ws, members } = await team();
    const { userId, headers } = members.viewer;
    const tok = await call('POST', '/tokens', headers, { name: 'viewer bot', workspace: ws, access: 'write' });
    const bearer = { authorization: `Bearer ${tok.json().token}` };
    const slug = (await call('GET', `/workspaces/${ws}`, bearer)).json().workspace.slug as string;
    for (const ref of [ws, slug, slug.toUpperCase()]) {
      expectStatus(await call('PATCH', `/workspaces/${ref}`, bearer, { name: 'Renamed by a viewer' }), 403);
    }

    expectStatus(await call('PATCH', `/workspaces/${ws}/members/${userId}`, members.owner.headers, { role: 'owner' }), 200);
    expectStatus(await call('PATCH', `/workspaces/${slug}`, bearer, { name: 'Renamed by a new owner' }), 200);
    const me = await call('GET', '/auth/me', bearer);
    expect(me.json().workspaces.map((w: { name: string; role: string }) => [w.name, w.role])).toEqual([
      ['Renamed by a new owner', 'owner'],
    ]);

    expectStatus(await call('PATCH', `/workspaces/${ws}/members/${userId}`, members.owner.headers, { role: 'viewer' }), 200);
    const demoted = await call('PATCH', `/workspaces/${ws}`, bearer, { name: 'Renamed again' });
    expectStatus(demoted, 403);
    expect(demoted.json().error.details).toEqual({ permission: 'workspace.manage', role: 'viewer' });

    expectStatus(await call('DELETE', `/workspaces/${ws}/members/${userId}`, members.owner.headers), 204);
    for (const ref of [ws, slug]) {
      const gone = await call('GET', `/workspaces/${ref}/members`, bearer);
      expectStatus(gone, 404);
      expect(gone.json().error.code).toBe('workspace.not_found');
    }
    expect((await call('GET', '/auth/me', bearer)).json().workspaces).toEqual([]);
  });
});
