import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A token of the user in a new workspace of theirs (read or write). */
async function createToken(headers: Record<string, string>, name = 'CI', access: 'read' | 'write' = 'write') {
  const workspace = await t.createWorkspace(headers);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name, workspace, access } });
  expectStatus(res, 201);
  return {
    ...(res.json() as { token: string; id: string; name: string; prefix: string; createdAt: string; access: string }),
    workspaceId: workspace,
  };
}

describe('API tokens', () => {
  it('create → act as their user → revoke → 401 auth.invalid_token', async () => {
    const { headers, userId, email } = await t.signUp();
    const created = await createToken(headers, 'Deploy bot');
    expect(created).toEqual({
      token: expect.stringMatching(/^gw_[A-Za-z0-9_-]{43}$/),
      id: expect.any(String),
      name: 'Deploy bot',
      prefix: created.token.slice(0, 11),
      createdAt: expect.any(String),
      workspace: { id: created.workspaceId, slug: expect.any(String), name: expect.any(String) },
      access: 'write',
      workspaceId: created.workspaceId,
    });

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(created.token) });
    expectStatus(me, 200);
    expect(me.json().user).toEqual({ id: userId, email, name: 'Test User' });
    // A token can do what its user can in its workspace: rename it.
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${created.workspaceId}`,
      headers: bearer(created.token),
      payload: { name: 'Via token' },
    });
    expectStatus(renamed, 200);

    const { rows } = await t.db.pool.query('SELECT last_used_at, token_hash FROM api_tokens WHERE id = $1', [created.id]);
    expect(rows[0].last_used_at).toBeInstanceOf(Date);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    expectStatus(await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers }), 204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(created.token) });
    expectStatus(after, 401);
    expect(after.json().error.code).toBe('auth.invalid_token');
    // Revoking twice: it is no longer one of your active tokens.
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers });
    expectStatus(again, 404);
    expect(again.json().error.code).toBe('token.not_found');
  });

  it('writes last_used_at at most once a minute', async () => {
    const { headers } = await t.signUp();
    const { token, id } = await createToken(headers);
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    const first = (await t.db.pool.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [id])).rows[0].last_used_at as Date;
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    const second = (await t.db.pool.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [id])).rows[0].last_used_at as Date;
    expect(second.getTime()).toBe(first.getTime());
    await t.db.pool.query("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [id]);
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    const third = (await t.db.pool.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [id])).rows[0].last_used_at as Date;
    expect(third.getTime()).toBeGreaterThan(first.getTime() - 1000);
    expect(Date.now() - third.getTime()).toBeLessThan(60_000);
  });

  it('never shows the secret again: not in GET /tokens, not in the audit log, not in the database', async () => {
    const { headers } = await t.signUp();
    const { token, id, prefix, workspaceId } = await createToken(headers, 'Secret keeper');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers });
    expectStatus(list, 200);
    expect(list.json()).toEqual({
      tokens: [
        {
          id,
          name: 'Secret keeper',
          prefix,
          createdAt: expect.any(String),
          lastUsedAt: null,
          workspace: { id: workspaceId, slug: expect.any(String), name: expect.any(String) },
          access: 'write',
        },
      ],
    });
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(token.slice(11));

    expectStatus(await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers }), 204);
    const { rows } = await t.db.pool.query(
      "SELECT action, entity_id, before, after FROM audit_log WHERE entity_type = 'api_token' AND entity_id = $1 ORDER BY id",
      [id],
    );
    expect(rows).toEqual([
      { action: 'token.create', entity_id: id, before: null, after: { id, name: 'Secret keeper', prefix, access: 'write' } },
      { action: 'token.revoke', entity_id: id, before: { id, name: 'Secret keeper', prefix }, after: null },
    ]);
    const { rows: dump } = await t.db.pool.query(
      'SELECT (SELECT json_agg(a) FROM audit_log a)::text AS audit, (SELECT json_agg(k) FROM api_tokens k)::text AS tokens',
    );
    expect(dump[0].audit).not.toContain(token.slice(11));
    expect(dump[0].tokens).not.toContain(token.slice(11));

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers });
    expect(listed.json()).toEqual({ tokens: [] });
  });

  it("cannot revoke someone else's token: 404, and it keeps working", async () => {
    const alice = await t.signUp();
    const bob = await t.signUp();
    const { token, id } = await createToken(alice.headers);
    for (const ref of [id, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${ref}`, headers: bob.headers });
      expectStatus(res, 404);
      expect(res.json().error.code).toBe('token.not_found');
    }
    const bobsList = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bob.headers });
    expect(bobsList.json()).toEqual({ tokens: [] });
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) }), 200);
  });

  it('refuses an unknown or mistyped bearer token with auth.invalid_token, even with a valid cookie', async () => {
    const { headers } = await t.signUp();
    for (const token of [`gw_${'A'.repeat(43)}`, 'gw_short', 'something-else']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: { ...headers, ...bearer(token) } });
      expectStatus(res, 401);
      expect(res.json().error.code).toBe('auth.invalid_token');
    }
  });

  it('needs a signed-in user to manage tokens', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/tokens'],
      ['DELETE', '/api/v1/tokens/x'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? { name: 'x', workspace: 'x' } : undefined });
      expectStatus(res, 401);
      expect(res.json().error.code).toBe('auth.required');
    }
  });

  it('acts in its one workspace only, reading only when made so, and never makes tokens', async () => {
    const { headers } = await t.signUp();
    const reader = await createToken(headers, 'Reporting', 'read');
    const other = await t.createWorkspace(headers);
    const as = bearer(reader.token);
    // Its workspace: reading works, changing is refused; another workspace of the same user is unknown to it.
    expectStatus(await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${reader.workspaceId}/strategies`, headers: as }), 200);
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${reader.workspaceId}`,
      headers: as,
      payload: { name: 'Nope' },
    });
    expectStatus(write, 403);
    expect(write.json().error.code).toBe('auth.token_read_only');
    const elsewhere = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${other}/strategies`, headers: as });
    expectStatus(elsewhere, 404);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: as });
    expect(listed.json().workspaces.map((w: { id: string }) => w.id)).toEqual([reader.workspaceId]);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: as, payload: { name: 'Via token' } });
    expectStatus(created, 403);
    expect(created.json().error.code).toBe('auth.session_required');
    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: as,
      payload: { name: 'child', workspace: reader.workspaceId, access: 'write' },
    });
    expectStatus(minted, 403);
    expect(minted.json().error.code).toBe('auth.session_required');
    // Not a member of a workspace: no token for it.
    const stranger = await t.signUp();
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: stranger.headers,
      payload: { name: 'x', workspace: other },
    });
    expectStatus(foreign, 404);
  });

  it('changes nothing outside its workspace: it cannot list or revoke tokens, or accept an invitation', async () => {
    const { headers, email } = await t.signUp();
    const reader = await createToken(headers, 'Reporting', 'read');
    const writer = await createToken(headers, 'Deploys', 'write');
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/invitations`,
      headers: owner.headers,
      payload: { email, role: 'viewer' },
    });
    expectStatus(invited, 201);
    for (const token of [reader.token, writer.token]) {
      for (const [method, url] of [
        ['GET', '/api/v1/tokens'],
        ['DELETE', `/api/v1/tokens/${writer.id}`],
        ['POST', `/api/v1/invitations/${invited.json().token}/accept`],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: bearer(token) });
        expect([method, url, res.statusCode, res.json().error?.code]).toEqual([method, url, 403, 'auth.session_required']);
      }
    }
    // Both tokens still work, and the invitation is still open for the person to accept.
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(writer.token) }), 200);
    expectStatus(await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${invited.json().token}/accept`, headers }), 200);
  });

  it('changing the password ends the other sessions, and revokes the tokens when asked', async () => {
    const user = await t.signUp();
    const { token } = await createToken(user.headers);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email: user.email, password: 'correct horse battery staple' },
    });
    expectStatus(second, 200);
    const otherSession = { cookie: `gw_session=${second.cookies.find((c) => c.name === 'gw_session')!.value}` };

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: user.headers,
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new password' },
    });
    expectStatus(wrong, 403);
    expect(wrong.json().error.code).toBe('auth.wrong_password');
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: bearer(token),
      payload: { currentPassword: 'correct horse battery staple', newPassword: 'a brand new password' },
    });
    expectStatus(viaToken, 403);

    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: user.headers,
      payload: { currentPassword: 'correct horse battery staple', newPassword: 'a brand new password' },
    });
    expectStatus(changed, 200);
    expect(changed.json()).toEqual({ sessionsEnded: 1, tokensRevoked: 0, activeTokens: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: otherSession })).statusCode).toBe(401);
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.headers }), 200);
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) }), 200);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: user.headers,
      payload: { currentPassword: 'a brand new password', newPassword: 'yet another password', revokeTokens: true },
    });
    expect(again.json()).toEqual({ sessionsEnded: 0, tokensRevoked: 1, activeTokens: 0 });
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) }), 401);
  });
});
