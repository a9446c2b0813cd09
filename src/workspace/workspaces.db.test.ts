import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const create = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers, payload });

describe('workspaces', () => {
  it('creates a workspace with the creator as owner, and audits it', async () => {
    const { headers, userId } = await t.signUp();
    const res = await create(headers, { name: 'Acme Social' });
    expectStatus(res, 201);
    const { workspace } = res.json();
    expect(workspace).toEqual({
      id: expect.any(String),
      slug: 'acme-social',
      name: 'Acme Social',
      role: 'owner',
      permissions: expect.arrayContaining(['workspace.read', 'workspace.manage', 'members.manage']),
      timezone: 'UTC',
      requireApproval: true,
      allowSelfApproval: false,
      postingTimes: ['09:00', '13:00', '17:00'],
      trackLinks: true,
      calendarFeed: { active: false, createdAt: null, lastReadAt: null },
    });
    const { rows: m } = await t.db.pool.query('SELECT user_id, role FROM memberships WHERE workspace_id = $1', [workspace.id]);
    expect(m).toEqual([{ user_id: userId, role: 'owner' }]);
    const { rows: a } = await t.db.pool.query(
      "SELECT workspace_id, actor_id, entity_type, entity_id, after FROM audit_log WHERE action = 'workspace.create' AND entity_id = $1",
      [workspace.id],
    );
    expect(a).toEqual([
      {
        workspace_id: workspace.id,
        actor_id: userId,
        entity_type: 'workspace',
        entity_id: workspace.id,
        after: { id: workspace.id, slug: 'acme-social', name: 'Acme Social', owner: userId, timezone: 'UTC' },
      },
    ]);
  });

  it('is created in the time zone given (spelling fixed), and refuses an unknown zone', async () => {
    const { headers } = await t.signUp();
    const res = await create(headers, { name: 'Berlin Bakes', timezone: 'europe/berlin' });
    expectStatus(res, 201);
    expect(res.json().workspace).toMatchObject({ name: 'Berlin Bakes', timezone: 'Europe/Berlin' });
    const { rows } = await t.db.pool.query("SELECT after FROM audit_log WHERE action = 'workspace.create' AND entity_id = $1", [
      res.json().workspace.id,
    ]);
    expect(rows[0].after.timezone).toBe('Europe/Berlin');
    for (const timezone of ['Mars/Olympus_Mons', 'UTC+2']) {
      const bad = await create(headers, { name: 'Nowhere Bakes', timezone });
      expectStatus(bad, 400);
      expect(bad.json().error).toMatchObject({ code: 'workspace.invalid_timezone', details: { timezone, path: '/timezone' } });
    }
    const { rows: none } = await t.db.pool.query("SELECT count(*)::int AS n FROM workspaces WHERE name = 'Nowhere Bakes'");
    expect(none[0].n).toBe(0);
  });

  it('derives unique slugs: -2, -3… on collision', async () => {
    const { headers } = await t.signUp();
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await create(headers, { name: 'Collide Co' })).json().workspace.slug);
    expect(slugs).toEqual(['collide-co', 'collide-co-2', 'collide-co-3']);
    // Concurrent creations still end up with distinct slugs.
    const many = await Promise.all(Array.from({ length: 5 }, () => create(headers, { name: 'Race Co' })));
    expect(many.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(many.map((r) => r.json().workspace.slug)).size).toBe(5);
  });

  it('takes an explicit slug, and refuses a taken or uuid-shaped one', async () => {
    const { headers } = await t.signUp();
    expectStatus(await create(headers, { name: 'Whatever', slug: 'explicit-one' }), 201);
    const taken = await create(headers, { name: 'Other', slug: 'explicit-one' });
    expectStatus(taken, 409);
    expect(taken.json().error.code).toBe('workspace.slug_taken');
    const uuidish = await create(headers, { name: 'X', slug: '123e4567-e89b-12d3-a456-426614174000' });
    expectStatus(uuidish, 400);
    expect(uuidish.json().error.code).toBe('workspace.invalid_slug');
  });

  it('lists only the caller’s workspaces, and finds one by id or slug', async () => {
    const alice = await t.signUp();
    const bob = await t.signUp();
    const a = await create(alice.headers, { name: 'Alice Only' });
    await create(bob.headers, { name: 'Bob Only' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: alice.headers });
    expectStatus(list, 200);
    expect(list.json().workspaces.map((w: { name: string }) => w.name)).toEqual(['Alice Only']);
    const { id, slug } = a.json().workspace;
    for (const ref of [id, slug, id.toUpperCase()]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ref}`, headers: alice.headers });
      expectStatus(res, 200);
      expect(res.json().workspace).toMatchObject({ id, slug, role: 'owner' });
    }
  });

  it('renames (workspace.manage), keeps the slug, and audits only real changes', async () => {
    const { headers } = await t.signUp();
    const id = await t.createWorkspace(headers, 'Old Name');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/workspaces/${id}`, headers, payload: { name: 'New Name' } });
    expectStatus(res, 200);
    expect(res.json().workspace).toMatchObject({ id, slug: 'old-name', name: 'New Name', role: 'owner' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/workspaces/${id}`, headers, payload: { name: 'New Name' } });
    const { rows } = await t.db.pool.query("SELECT before, after FROM audit_log WHERE workspace_id = $1 AND action = 'workspace.rename'", [
      id,
    ]);
    expect(rows).toEqual([{ before: { name: 'Old Name' }, after: { name: 'New Name' } }]);
  });

  it('changes the publishing settings: time zone, approval, posting times — validated, normalised, audited', async () => {
    const { headers, userId } = await t.signUp();
    const id = await t.createWorkspace(headers, 'Settings Co');
    const patch = (payload: unknown) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/workspaces/${id}`, headers, payload: payload as object });

    const res = await patch({ timezone: 'europe/berlin', requireApproval: false, postingTimes: ['17:30', '08:15', '17:30'] });
    expectStatus(res, 200);
    expect(res.json().workspace).toMatchObject({ timezone: 'Europe/Berlin', requireApproval: false, postingTimes: ['08:15', '17:30'] });
    const get = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${id}`, headers });
    expect(get.json().workspace).toMatchObject({
      name: 'Settings Co',
      timezone: 'Europe/Berlin',
      requireApproval: false,
      postingTimes: ['08:15', '17:30'],
    });
    // The settings are what the post services read.
    const { rows: ws } = await t.db.pool.query('SELECT timezone, require_approval, posting_times FROM workspaces WHERE id = $1', [id]);
    expect(ws).toEqual([{ timezone: 'Europe/Berlin', require_approval: false, posting_times: ['08:15', '17:30'] }]);

    // An alias stays as written (not swapped for ICU's canonical name); only the spelling is fixed.
    expectStatus(await patch({ timezone: 'US/Pacific' }), 200);
    expectStatus(await patch({ timezone: 'Europe/Berlin' }), 200);

    for (const timezone of ['Mars/Olympus_Mons', 'UTC+2', '+02:00', ' ']) {
      const bad = await patch({ timezone });
      expectStatus(bad, 400);
      expect([timezone, bad.json().error.code]).toEqual([
        timezone,
        timezone.trim() === '' ? 'request.invalid' : 'workspace.invalid_timezone',
      ]);
    }
    for (const postingTimes of [
      [],
      ['9:00'],
      ['24:00'],
      ['09:60'],
      Array.from({ length: 13 }, (_, i) => `${String(i + 8).padStart(2, '0')}:00`),
      'x',
    ]) {
      const bad = await patch({ postingTimes });
      expect([postingTimes, bad.statusCode, bad.json().error.code]).toEqual([postingTimes, 400, 'request.invalid']);
    }
    for (const payload of [{}, { requireApproval: 'yes' }, { slug: 'new-slug' }]) {
      const bad = await patch(payload);
      expect([payload, bad.statusCode, bad.json().error.code]).toEqual([payload, 400, 'request.invalid']);
    }
    // Twelve times are fine; the same settings again are no change.
    const twelve = Array.from({ length: 12 }, (_, i) => `${String(i + 8).padStart(2, '0')}:00`);
    expectStatus(await patch({ postingTimes: twelve }), 200);
    expectStatus(await patch({ postingTimes: twelve, requireApproval: false }), 200);

    const { rows } = await t.db.pool.query(
      `SELECT actor_id, before, after FROM audit_log WHERE workspace_id = $1 AND action = 'workspace.settings_change' ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      {
        actor_id: userId,
        before: { timezone: 'UTC', requireApproval: true, postingTimes: ['09:00', '13:00', '17:00'] },
        after: { timezone: 'Europe/Berlin', requireApproval: false, postingTimes: ['08:15', '17:30'] },
      },
      { actor_id: userId, before: { timezone: 'Europe/Berlin' }, after: { timezone: 'US/Pacific' } },
      { actor_id: userId, before: { timezone: 'US/Pacific' }, after: { timezone: 'Europe/Berlin' } },
      { actor_id: userId, before: { postingTimes: ['08:15', '17:30'] }, after: { postingTimes: twelve } },
    ]);
  });

  it('switches self-approval on and off, audited; only a boolean', async () => {
    const { headers, userId } = await t.signUp();
    const id = await t.createWorkspace(headers, 'Solo Co');
    const patch = (payload: unknown) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/workspaces/${id}`, headers, payload: payload as object });
    const on = await patch({ allowSelfApproval: true });
    expectStatus(on, 200);
    expect(on.json().workspace).toMatchObject({ allowSelfApproval: true, requireApproval: true });
    expectStatus(await patch({ allowSelfApproval: true }), 200);
    expectStatus(await patch({ allowSelfApproval: false }), 200);
    const bad = await patch({ allowSelfApproval: 'yes' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'request.invalid']);
    const { rows } = await t.db.pool.query(
      "SELECT actor_id, before, after FROM audit_log WHERE workspace_id = $1 AND action = 'workspace.settings_change' ORDER BY id",
      [id],
    );
    expect(rows).toEqual([
      { actor_id: userId, before: { allowSelfApproval: false }, after: { allowSelfApproval: true } },
      { actor_id: userId, before: { allowSelfApproval: true }, after: { allowSelfApproval: false } },
    ]);
  });

  it('renames and changes settings in one request: one audit entry each', async () => {
    const { headers } = await t.signUp();
    const id = await t.createWorkspace(headers, 'Both Co');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${id}`,
      headers,
      payload: { name: 'Both Co 2', timezone: 'America/New_York' },
    });
    expectStatus(res, 200);
    expect(res.json().workspace).toMatchObject({ name: 'Both Co 2', slug: 'both-co', timezone: 'America/New_York' });
    const { rows } = await t.db.pool.query(
      'SELECT action, before, after FROM audit_log WHERE workspace_id = $1 AND action <> $2 ORDER BY id',
      [id, 'workspace.create'],
    );
    expect(rows).toEqual([
      { action: 'workspace.rename', before: { name: 'Both Co' }, after: { name: 'Both Co 2' } },
      { action: 'workspace.settings_change', before: { timezone: 'UTC' }, after: { timezone: 'America/New_York' } },
    ]);
    // Everyone who reads the workspace sees its settings; only workspace.manage changes them (see members.db.test.ts).
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers });
    expect(list.json().workspaces[0]).toMatchObject({ timezone: 'America/New_York', requireApproval: true });
  });

  it('needs a signed-in user', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/workspaces'],
      ['POST', '/api/v1/workspaces'],
      ['GET', '/api/v1/workspaces/x'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? { name: 'x' } : undefined });
      expectStatus(res, 401);
      expect(res.json().error.code).toBe('auth.required');
    }
  });

  it('documents every auth and workspace route in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(res, 200);
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
    const expected: Array<[string, string]> = [
      ['/api/v1/auth/signup', 'post'],
      ['/api/v1/auth/signin', 'post'],
      ['/api/v1/auth/signout', 'post'],
      ['/api/v1/auth/me', 'get'],
      ['/api/v1/tokens', 'post'],
      ['/api/v1/tokens', 'get'],
      ['/api/v1/tokens/{id}', 'delete'],
      ['/api/v1/workspaces', 'post'],
      ['/api/v1/workspaces', 'get'],
      ['/api/v1/workspaces/{workspaceId}', 'get'],
      ['/api/v1/workspaces/{workspaceId}', 'patch'],
      ['/api/v1/workspaces/{workspaceId}/members', 'get'],
      ['/api/v1/workspaces/{workspaceId}/members/{userId}', 'patch'],
      ['/api/v1/workspaces/{workspaceId}/members/{userId}', 'delete'],
      ['/api/v1/workspaces/{workspaceId}/invitations', 'post'],
      ['/api/v1/workspaces/{workspaceId}/invitations', 'get'],
      ['/api/v1/workspaces/{workspaceId}/invitations/{invitationId}', 'delete'],
      ['/api/v1/invitations/{token}', 'get'],
      ['/api/v1/invitations/{token}/accept', 'post'],
    ];
    for (const [path, method] of expected) {
      const op = paths[path]?.[method];
      expect([path, method, op?.tags?.length]).toEqual([path, method, 1]);
      expect(Object.keys(op?.responses ?? {}).length).toBeGreaterThan(1);
    }
  });
});
