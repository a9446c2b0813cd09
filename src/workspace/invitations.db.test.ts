/** Invitations against a real Postgres, through the real routes: single use, expiry, revoke, scoping. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Headers = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers = {}, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

function expectError(res: Awaited<ReturnType<typeof call>>, status: number, code: string): void {
  expect([res.statusCode, res.json().error?.code]).toEqual([status, code]);
}

let seq = 0;
const address = () => `invitee${++seq}-${Date.now()}@example.com`;

async function invite(owner: Headers, ws: string, email: string, role = 'editor') {
  const res = await call('POST', `/workspaces/${ws}/invitations`, owner, { email, role });
  expectStatus(res, 201);
  return res.json() as { invitation: { id: string; email: string; role: string; expiresAt: string }; token: string; path: string };
}

describe('invitations', () => {
  it('invites an address with no account; the link shows the offer, joins once after sign-up, and is then used up', async () => {
    const owner = await t.signUp(undefined, 'Olga Owner');
    const ws = await t.createWorkspace(owner.headers, 'Invite Bakery');
    const email = address();
    const created = await invite(owner.headers, ws, email.toUpperCase(), 'approver');
    expect(created.invitation).toMatchObject({ email, role: 'approver', invitedBy: 'Olga Owner' });
    expect(created.path).toBe(`/invite/${created.token}`);
    const days = (Date.parse(created.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    // Only a hash is stored, and the audit log never holds the secret.
    const { rows: stored } = await t.db.pool.query('SELECT token_hash FROM invitations WHERE id = $1', [created.invitation.id]);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const { rows: audit } = await t.db.pool.query(
      "SELECT after::text AS after FROM audit_log WHERE entity_id = $1 AND action = 'invitation.create'",
      [created.invitation.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].after).not.toContain(created.token);

    const list = await call('GET', `/workspaces/${ws}/invitations`, owner.headers);
    expect(list.json().invitations.map((i: { id: string }) => i.id)).toEqual([created.invitation.id]);

    // Anyone with the link sees what it offers, signed in or not.
    const preview = await call('GET', `/invitations/${created.token}`);
    expectStatus(preview, 200);
    expect(preview.json().invitation).toEqual({
      workspace: { name: 'Invite Bakery', slug: 'invite-bakery' },
      email,
      role: 'approver',
      invitedBy: 'Olga Owner',
      expiresAt: created.invitation.expiresAt,
    });

    // Signed out, accepting needs a sign-in; after signing up with the address it joins with the role.
    expectError(await call('POST', `/invitations/${created.token}/accept`), 401, 'auth.required');
    const invitee = await t.signUp(email, 'Ivo Invitee');
    const accepted = await call('POST', `/invitations/${created.token}/accept`, invitee.headers);
    expectStatus(accepted, 200);
    expect(accepted.json().workspace).toMatchObject({ id: ws, role: 'approver' });
    const members = await call('GET', `/workspaces/${ws}/members`, invitee.headers);
    expect(members.json().members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`)).toContain(`${email} approver`);

    // Single use.
    expectError(await call('POST', `/invitations/${created.token}/accept`, invitee.headers), 410, 'invitation.used');
    expectError(await call('GET', `/invitations/${created.token}`), 410, 'invitation.used');
    expect((await call('GET', `/workspaces/${ws}/invitations`, owner.headers)).json().invitations).toEqual([]);
    expectError(await call('DELETE', `/workspaces/${ws}/invitations/${created.invitation.id}`, owner.headers), 410, 'invitation.used');

    const { rows } = await t.db.pool.query(
      'SELECT action, actor_id, after FROM audit_log WHERE workspace_id = $1 AND entity_type = $2 ORDER BY id',
      [ws, 'invitation'],
    );
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['invitation.create', owner.userId],
      ['invitation.accept', invitee.userId],
    ]);
    expect(rows[1].after).toEqual({ userId: invitee.userId, email, role: 'approver' });
  });

  it('an expired link gives a clear error and is no longer listed', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const email = address();
    const { token, invitation } = await invite(owner.headers, ws, email);
    await t.db.pool.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [invitation.id]);
    const invitee = await t.signUp(email);
    const res = await call('POST', `/invitations/${token}/accept`, invitee.headers);
    expectError(res, 410, 'invitation.expired');
    expect(res.json().error.message).toMatch(/expired on \d{4}-\d\d-\d\d\. Ask for a new one/);
    expectError(await call('GET', `/invitations/${token}`), 410, 'invitation.expired');
    expect((await call('GET', `/workspaces/${ws}/invitations`, owner.headers)).json().invitations).toEqual([]);
    expectStatus(await call('GET', `/workspaces/${ws}`, invitee.headers), 404);
  });

  it('a revoked link opens nothing; revoking twice is no change; a new invitation replaces a pending one', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const email = address();
    const first = await invite(owner.headers, ws, email, 'viewer');
    expectStatus(await call('DELETE', `/workspaces/${ws}/invitations/${first.invitation.id}`, owner.headers), 204);
    expectStatus(await call('DELETE', `/workspaces/${ws}/invitations/${first.invitation.id}`, owner.headers), 204);
    const invitee = await t.signUp(email);
    expectError(await call('POST', `/invitations/${first.token}/accept`, invitee.headers), 410, 'invitation.revoked');

    const second = await invite(owner.headers, ws, email, 'viewer');
    const third = await invite(owner.headers, ws, email, 'editor');
    expectError(await call('GET', `/invitations/${second.token}`), 410, 'invitation.revoked');
    expect((await call('GET', `/workspaces/${ws}/invitations`, owner.headers)).json().invitations.map((i: { id: string }) => i.id)).toEqual(
      [third.invitation.id],
    );
    expectStatus(await call('POST', `/invitations/${third.token}/accept`, invitee.headers), 200);

    const { rows } = await t.db.pool.query(
      "SELECT entity_id, reason FROM audit_log WHERE workspace_id = $1 AND action = 'invitation.revoke' ORDER BY id",
      [ws],
    );
    expect(rows).toEqual([
      { entity_id: first.invitation.id, reason: null },
      { entity_id: second.invitation.id, reason: 'Replaced by a new invitation to the same address.' },
    ]);
  });

  it('only the invited address can accept; a member cannot be invited again or join twice', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const email = address();
    const { token } = await invite(owner.headers, ws, email);
    const someoneElse = await t.signUp();
    const wrong = await call('POST', `/invitations/${token}/accept`, someoneElse.headers);
    expectError(wrong, 403, 'invitation.email_mismatch');
    expect(wrong.json().error.message).toContain(`This invitation is for ${email}`);
    expectStatus(await call('GET', `/workspaces/${ws}`, someoneElse.headers), 404);

    expectError(
      await call('POST', `/workspaces/${ws}/invitations`, owner.headers, { email: owner.email, role: 'viewer' }),
      409,
      'member.exists',
    );

    // Two clicks at once: one joins, the other is told the link is used (or that they are a member).
    const invitee = await t.signUp(email);
    const both = await Promise.all([
      call('POST', `/invitations/${token}/accept`, invitee.headers),
      call('POST', `/invitations/${token}/accept`, invitee.headers),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
      ws,
      invitee.userId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('is managed by members.manage only, and scoped: another workspace’s invitation answers 404', async () => {
    const owner = await t.signUp();
    const ws = await t.createWorkspace(owner.headers);
    const editor = await t.signUp();
    await t.addMember(owner.headers, ws, editor, 'editor');
    const mine = await invite(owner.headers, ws, address());
    expectError(
      await call('POST', `/workspaces/${ws}/invitations`, editor.headers, { email: address(), role: 'viewer' }),
      403,
      'auth.forbidden',
    );
    expectError(await call('GET', `/workspaces/${ws}/invitations`, editor.headers), 403, 'auth.forbidden');
    expectError(await call('DELETE', `/workspaces/${ws}/invitations/${mine.invitation.id}`, editor.headers), 403, 'auth.forbidden');

    const other = await t.signUp();
    const otherWs = await t.createWorkspace(other.headers);
    expectError(
      await call('DELETE', `/workspaces/${otherWs}/invitations/${mine.invitation.id}`, other.headers),
      404,
      'invitation.not_found',
    );
    expectError(await call('GET', `/workspaces/${ws}/invitations`, other.headers), 404, 'workspace.not_found');
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      expectError(await call('DELETE', `/workspaces/${ws}/invitations/${id}`, owner.headers), 404, 'invitation.not_found');
    }
    expectStatus(await call('GET', `/invitations/${mine.token}`), 200);

    // Unknown and malformed links: the same 404.
    const altered = `${mine.token.slice(0, -1)}${mine.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of ['x'.repeat(43), 'short', altered]) {
      expectError(await call('GET', `/invitations/${token}`), 404, 'invitation.not_found');
    }
    expectError(
      await call('POST', `/workspaces/${ws}/invitations`, owner.headers, { email: 'not an email', role: 'viewer' }),
      400,
      'request.invalid',
    );
    expectError(
      await call('POST', `/workspaces/${ws}/invitations`, owner.headers, { email: address(), role: 'boss' }),
      400,
      'request.invalid',
    );
  });
});
