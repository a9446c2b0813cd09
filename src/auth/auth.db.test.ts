import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PASSWORD = 'correct horse battery staple';

async function signup(payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });
}
async function signin(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password } });
}
const sessionOf = (res: { cookies: Array<{ name: string; value: string }> }) => {
  const c = res.cookies.find((x) => x.name === 'gw_session');
  if (!c) throw new Error('no gw_session cookie');
  return { cookie: `gw_session=${c.value}` };
};

describe('sign up, in, out, me', () => {
  it('signs up, sets a secure-by-default session cookie, and stores only a hash', async () => {
    const res = await signup({ email: '  Ada@Example.com ', password: PASSWORD, name: 'Ada Lovelace' });
    expectStatus(res, 201);
    const { user } = res.json();
    expect(user).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(JSON.stringify(res.json())).not.toContain('password');

    const cookie = res.cookies.find((c) => c.name === 'gw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 30 * 86_400 });
    expect(cookie.secure).toBeFalsy(); // config.cookieSecure is false in tests
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { rows: sessions } = await t.db.pool.query('SELECT token_hash FROM sessions WHERE user_id = $1', [user.id]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sessions[0].token_hash).not.toContain(cookie.value);
    const { rows: users } = await t.db.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(users[0].password_hash).toMatch(/^\$argon2id\$/);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: sessionOf(res) });
    expectStatus(me, 200);
    expect(me.json()).toEqual({ user, workspaces: [] });
  });

  it('writes a user.signup audit entry without secrets', async () => {
    const res = await signup({ email: 'audited@example.com', password: PASSWORD, name: 'Audited' });
    expectStatus(res, 201);
    const { rows } = await t.db.pool.query(
      "SELECT actor_id, action, entity_type, entity_id, before, after FROM audit_log WHERE action = 'user.signup' AND entity_id = $1",
      [res.json().user.id],
    );
    expect(rows).toEqual([
      {
        actor_id: res.json().user.id,
        action: 'user.signup',
        entity_type: 'user',
        entity_id: res.json().user.id,
        before: null,
        after: { id: res.json().user.id, email: 'audited@example.com', name: 'Audited' },
      },
    ]);
    const { rows: all } = await t.db.pool.query('SELECT before::text, after::text FROM audit_log');
    const dump = JSON.stringify(all);
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain('argon2');
  });

  describe('an email with an account (no mail configured)', () => {
    it('with another password answers exactly like a failed sign-in, and changes nothing', async () => {
      const first = await signup({ email: 'dup@example.com', password: PASSWORD, name: 'One' });
      expectStatus(first, 201);
      const res = await signup({ email: 'DUP@Example.COM', password: 'another long password', name: 'Two' });
      const failedSignIn = await signin('dup@example.com', 'another long password');
      expectStatus(res, 401);
      expect(res.body).toBe(failedSignIn.body);
      expect(res.json().error.code).toBe('auth.invalid_credentials');
      expect(res.body).not.toMatch(/already|taken|exist/i);
      expect(res.cookies.find((c) => c.name === 'gw_session')).toBeUndefined();
      const { rows } = await t.db.pool.query("SELECT name FROM users WHERE lower(email) = 'dup@example.com'");
      expect(rows).toEqual([{ name: 'One' }]);
      expectStatus(await signin('dup@example.com', PASSWORD), 200);
    });

    it('with its own password signs in: the same answer as a new account, and no change to it', async () => {
      const first = await signup({ email: 'again@example.com', password: PASSWORD, name: 'Again' });
      const res = await signup({ email: 'Again@example.com', password: PASSWORD, name: 'Someone Else' });
      expectStatus(res, 201);
      expect(res.json()).toEqual(first.json());
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: sessionOf(res) });
      expectStatus(me, 200);
      expect(me.json().user).toEqual(first.json().user);
      const { rows } = await t.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.signup' AND entity_id = $1", [
        first.json().user.id,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('a new email still gets its account at once (201 and a session)', async () => {
      const res = await signup({ email: 'brand-new@example.com', password: PASSWORD, name: 'New' });
      expectStatus(res, 201);
      expect(res.json().user).toMatchObject({ email: 'brand-new@example.com', name: 'New' });
      expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: sessionOf(res) }), 200);
    });
  });

  it('refuses a weak password with auth.weak_password', async () => {
    for (const password of ['short', 'x'.repeat(201)]) {
      const res = await signup({ email: `weak${password.length}@example.com`, password, name: 'Weak' });
      expectStatus(res, 400);
      expect(res.json().error.code).toBe('auth.weak_password');
    }
  });

  it('signs in with the right password, in any email case', async () => {
    const up = await signup({ email: 'grace@example.com', password: PASSWORD, name: 'Grace' });
    const res = await signin('Grace@Example.com', PASSWORD);
    expectStatus(res, 200);
    expect(res.json()).toEqual({ user: up.json().user });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: sessionOf(res) });
    expectStatus(me, 200);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    await signup({ email: 'linus@example.com', password: PASSWORD, name: 'Linus' });
    const wrong = await signin('linus@example.com', 'not the password at all');
    const unknown = await signin('nobody@example.com', PASSWORD);
    for (const res of [wrong, unknown]) {
      expectStatus(res, 401);
      expect(res.json().error.code).toBe('auth.invalid_credentials');
      expect(res.cookies.find((c) => c.name === 'gw_session')).toBeUndefined();
    }
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('signs out: deletes the session, clears the cookie, and the old cookie no longer works', async () => {
    const up = await signup({ email: 'bye@example.com', password: PASSWORD, name: 'Bye' });
    const headers = sessionOf(up);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signout', headers });
    expectStatus(out, 204);
    const cleared = out.cookies.find((c) => c.name === 'gw_session');
    expect(cleared?.value).toBe('');
    const { rows } = await t.db.pool.query('SELECT 1 FROM sessions WHERE user_id = $1', [up.json().user.id]);
    expect(rows).toHaveLength(0);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expectStatus(me, 401);
    expect(me.json().error.code).toBe('auth.required');
    // Signing out without a session is harmless.
    expectStatus(await t.app.inject({ method: 'POST', url: '/api/v1/auth/signout' }), 204);
  });

  it('treats an expired session as anonymous, and still lets the user sign in again', async () => {
    const up = await signup({ email: 'expired@example.com', password: PASSWORD, name: 'Expired' });
    const headers = sessionOf(up);
    await t.db.pool.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [up.json().user.id]);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expectStatus(me, 401);
    expect(me.json().error.code).toBe('auth.required');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      headers,
      payload: { email: 'expired@example.com', password: PASSWORD },
    });
    expectStatus(again, 200);
  });

  it('treats garbage cookies and non-Bearer Authorization headers as anonymous', async () => {
    for (const headers of [
      { cookie: 'gw_session=garbage' },
      { cookie: `gw_session=${'A'.repeat(43)}` },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
      { authorization: 'gw_abc' },
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      expectStatus(res, 401);
      expect(res.json().error.code).toBe('auth.required');
    }
  });

  it('lists the workspaces of /auth/me with role and permissions', async () => {
    const { headers } = await t.signUp();
    const id = await t.createWorkspace(headers, 'Mine');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect(me.json().workspaces).toEqual([
      expect.objectContaining({ id, slug: 'mine', name: 'Mine', role: 'owner', permissions: expect.arrayContaining(['members.manage']) }),
    ]);
  });
});

describe('the OpenAPI document', () => {
  it('gives sign-up both answers and says honestly what it reveals without mail', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths;
    const signUp = paths['/api/v1/auth/signup'].post;
    expect(Object.keys(signUp.responses)).toEqual(expect.arrayContaining(['201', '202', '401', '429']));
    expect(Object.keys(signUp.responses)).not.toContain('409');
    expect(signUp.description).toMatch(/SMTP_URL/);
    expect(signUp.description).toMatch(/still tells the requester the address cannot be used/);
    expect(Object.keys(paths['/api/v1/auth/signup/confirm'].post.responses)).toEqual(expect.arrayContaining(['201', '404', '410']));
  });
});

describe('malformed requests answer 4xx with the error shape, never 500', () => {
  const cases: Array<[string, Record<string, unknown>, number, string?]> = [
    ['wrong types', { payload: { email: 5, password: true, name: [] } }, 400, 'request.invalid'],
    ['missing fields', { payload: { email: 'a@example.com' } }, 400, 'request.invalid'],
    ['not an email', { payload: { email: 'nope', password: PASSWORD, name: 'X' } }, 400, 'request.invalid'],
    ['an empty name', { payload: { email: 'a@example.com', password: PASSWORD, name: '   ' } }, 400, 'request.invalid'],
    ['an array body', { payload: '[]', headers: { 'content-type': 'application/json' } }, 400, 'request.invalid'],
    ['invalid JSON', { payload: '{"email":', headers: { 'content-type': 'application/json' } }, 400, 'request.malformed_json'],
    ['an empty JSON body', { payload: '', headers: { 'content-type': 'application/json' } }, 400],
    ['plain text', { payload: 'hello', headers: { 'content-type': 'text/plain' } }, 415, 'request.unsupported_media_type'],
    ['XML', { payload: '<a/>', headers: { 'content-type': 'application/xml' } }, 415, 'request.unsupported_media_type'],
    ['no body', {}, 400, 'request.invalid'],
    [
      'a 6 MB body',
      {
        payload: JSON.stringify({ email: 'big@example.com', password: PASSWORD, name: 'x'.repeat(6 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      },
      413,
      'request.too_large',
    ],
  ];
  for (const [what, opts, status, code] of cases) {
    it(`signup with ${what} → ${status}`, async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', ...opts });
      expectStatus(res, status);
      expect(res.json()).toMatchObject({ error: { code: code ?? expect.any(String), message: expect.any(String) } });
    });
  }

  it('signin, tokens, workspaces and members refuse wrong types with 400', async () => {
    const { headers } = await t.signUp();
    const id = await t.createWorkspace(headers);
    for (const [method, url, payload] of [
      ['POST', '/api/v1/auth/signin', { email: ['x'], password: 1 }],
      ['POST', '/api/v1/tokens', { name: 42 }],
      ['POST', '/api/v1/workspaces', { name: 'x', slug: 'Not A Slug!' }],
      ['POST', '/api/v1/workspaces', { name: {} }],
      ['PATCH', `/api/v1/workspaces/${id}`, { name: null }],
      ['POST', `/api/v1/workspaces/${id}/invitations`, { email: 'a@example.com', role: 'emperor' }],
      ['PATCH', `/api/v1/workspaces/${id}/members/${id}`, {}],
    ] as const) {
      const res = await t.app.inject({ method, url, headers, payload });
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.json().error.code).toBe('request.invalid');
    }
  });
});
