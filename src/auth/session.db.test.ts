import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /auth/session', () => {
  it('answers 200 with no user when signed out (while /auth/me answers 401)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ user: null, workspaces: [] });
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }), 401);
  });

  it('names the user and their workspaces with role when signed in', async () => {
    const { headers, email } = await t.signUp();
    const ws = await t.createWorkspace(headers, 'Session Co');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expectStatus(res, 200);
    expect(res.json().user.email).toBe(email);
    expect(res.json().workspaces).toEqual([expect.objectContaining({ id: ws, role: 'owner' })]);
  });
});
