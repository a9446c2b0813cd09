import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

let t: TestApp;
let owner: Record<string, string>;
let strategist: Record<string, string>;
let viewer: Record<string, string>;
let ws: string;
const base = () => `/api/v1/workspaces/${ws}`;

const strategy = cleanStrategy();
const ready = cleanCampaign();
// Not ready: no owner, a phase without tasks. Otherwise valid.
const unready = cleanCampaign({
  id: 'autumn-push',
  name: 'Autumn push',
  owner: undefined,
  start: '2027-09-01',
  end: '2027-09-30',
  phases: [{ name: 'All of it', start: '2027-09-01', end: '2027-09-30' }],
});

async function member(role: string): Promise<Record<string, string>> {
  const user = await t.signUp();
  await t.addMember(owner, ws, user, role);
  return user.headers;
}

const setStatus = (headers: Record<string, string>, id: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `${base()}/campaigns/${id}/status`, headers, payload: payload as object });

async function auditOf(id: string): Promise<{ action: string; before: unknown; after: unknown; reason: string | null }[]> {
  const res = await t.app.inject({ method: 'GET', url: `${base()}/audit?entityType=campaign&entityId=${id}`, headers: owner });
  expectStatus(res, 200);
  return res.json().entries;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  strategist = await member('strategist');
  viewer = await member('viewer');
  expectStatus(await t.app.inject({ method: 'POST', url: `${base()}/strategies`, headers: owner, payload: strategy }), 201);
  for (const c of [ready, unready]) {
    expectStatus(await t.app.inject({ method: 'POST', url: `${base()}/campaigns`, headers: owner, payload: c }), 201);
  }
  for (const channel of strategy.channels) await connect(channel.id);
});

/** Connects a channel of the strategy to the sandbox network; answers the connection's id. */
async function connect(channel: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${base()}/connections`,
    headers: owner,
    payload: { strategy: strategy.id, channel, connector: 'sandbox', config: { latencyMs: 0 }, credentials: {} },
  });
  expectStatus(res, 201);
  return res.json().connection.id;
}
afterAll(() => t.close());

describe('campaign readiness', () => {
  it('answers the checklist with the status and the next statuses, to every member', async () => {
    for (const headers of [owner, viewer]) {
      const res = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}/readiness`, headers });
      expectStatus(res, 200);
      const body = res.json();
      expect(body).toMatchObject({ ready: true, status: 'planned', statusChangedAt: null, nextStatuses: ['active', 'cancelled'] });
      expect(body.items).toHaveLength(10);
      expect(body.items[0]).toEqual({
        id: 'strategy-exists',
        label: 'Lives inside a strategy',
        met: true,
        detail: `Part of strategy "${strategy.name}".`,
      });
    }
  });

  it('lists what is missing, with JSON pointers to fix it', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${unready.id}/readiness`, headers: owner });
    expectStatus(res, 200);
    const unmet = res.json().items.filter((i: { met: boolean }) => !i.met);
    expect(unmet).toEqual([
      expect.objectContaining({ id: 'owner', path: '/owner', target: 'campaign' }),
      expect.objectContaining({ id: 'content-planned', path: '/phases/0/tasks', target: 'campaign' }),
    ]);
    expect(res.json().ready).toBe(false);
  });

  it('says which campaign channel has no account connected, and refuses to activate until it has', async () => {
    const list = await t.app.inject({ method: 'GET', url: `${base()}/connections`, headers: owner });
    const newsletter = JSON.stringify(list.json()).match(/"id":"([0-9a-f-]{36})"[^}]*"channel":"newsletter"/)?.[1];
    expect(newsletter).toBeDefined();
    expectStatus(await t.app.inject({ method: 'DELETE', url: `${base()}/connections/${newsletter}`, headers: owner }), 200);
    const res = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}/readiness`, headers: owner });
    expect(res.json().ready).toBe(false);
    expect(res.json().items.filter((i: { met: boolean }) => !i.met)).toEqual([
      expect.objectContaining({ id: 'channels-connected', label: 'Every channel can publish', path: '/channels/1', target: 'connections' }),
    ]);
    expect(res.json().items.find((i: { id: string }) => i.id === 'channels-connected').detail).toContain(
      'newsletter (no account connected)',
    );
    expectStatus(await setStatus(strategist, ready.id, { status: 'active' }), 409);
    await connect('newsletter');
    expect((await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}/readiness`, headers: owner })).json().ready).toBe(
      true,
    );
  });

  it('sees strategy errors', async () => {
    const broken = structuredClone(strategy);
    delete broken.objectives[0]!.kpis[0]!.target;
    expectStatus(await t.app.inject({ method: 'PUT', url: `${base()}/strategies/${strategy.id}`, headers: owner, payload: broken }), 200);
    const res = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}/readiness`, headers: owner });
    expect(res.json().items[1]).toMatchObject({ id: 'strategy-clean', met: false, path: '/objectives/0/kpis/0', target: 'strategy' });
    expectStatus(await t.app.inject({ method: 'PUT', url: `${base()}/strategies/${strategy.id}`, headers: owner, payload: strategy }), 200);
  });

  it('answers 404 for unknown campaigns and other workspaces', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/nope/readiness`, headers: owner });
    expectStatus(res, 404);
    expect(res.json().error.code).toBe('campaign.not_found');
    const stranger = (await t.signUp()).headers;
    expectStatus(await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}/readiness`, headers: stranger }), 404);
    expectStatus(await setStatus(stranger, ready.id, { status: 'active' }), 404);
    expectStatus(await setStatus(owner, 'nope', { status: 'active' }), 404);
  });
});

describe('campaign status', () => {
  it('shows planned in the campaign detail and in the lists', async () => {
    const detail = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}`, headers: owner });
    expect(detail.json()).toMatchObject({ status: 'planned', statusChangedAt: null });
    const list = await t.app.inject({ method: 'GET', url: `${base()}/campaigns`, headers: owner });
    expect(list.json().campaigns.map((c: { status: string }) => c.status)).toEqual(['planned', 'planned']);
    const s = await t.app.inject({ method: 'GET', url: `${base()}/strategies/${strategy.id}`, headers: owner });
    expect(s.json().campaigns[0].status).toBe('planned');
  });

  it('validates the body', async () => {
    for (const payload of [
      { status: 'running' },
      { status: 'active', overrideReason: 'too short' },
      { status: 'active', reason: 'a typo in the key name' },
      {},
    ]) {
      const res = await setStatus(owner, unready.id, payload);
      expectStatus(res, 400);
      expect(res.json().error.code).toBe('request.invalid');
    }
  });

  it('needs plan.write', async () => {
    const res = await setStatus(viewer, ready.id, { status: 'cancelled' });
    expectStatus(res, 403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it('refuses to activate an unready campaign without an override reason', async () => {
    for (const headers of [owner, strategist]) {
      const res = await setStatus(headers, unready.id, { status: 'active' });
      expectStatus(res, 409);
      expect(res.json().error).toMatchObject({ code: 'plan.campaign_not_ready', details: { unmet: ['owner', 'content-planned'] } });
    }
  });

  it('lets only an owner override, and audits the reason and the unmet items', async () => {
    const reason = 'Launch date fixed by the trade fair; tasks follow this week.';
    const denied = await setStatus(strategist, unready.id, { status: 'active', overrideReason: reason });
    expectStatus(denied, 403);
    expect(denied.json().error.code).toBe('auth.forbidden');
    expect(denied.json().error.message).toMatch(/only a workspace owner can override/i);
    expect(denied.json().error.details).toMatchObject({ role: 'strategist', required: 'owner', unmet: ['owner', 'content-planned'] });

    const res = await setStatus(owner, unready.id, { status: 'active', overrideReason: `  ${reason}  ` });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      campaign: unready.id,
      status: 'active',
      previousStatus: 'planned',
      changed: true,
      override: { reason, unmet: ['owner', 'content-planned'] },
    });
    expect(Date.parse(res.json().statusChangedAt)).not.toBeNaN();

    const [activate, change] = await auditOf(unready.id);
    expect(activate).toMatchObject({
      action: 'campaign.activate',
      reason,
      before: { status: 'planned' },
      after: { status: 'active', override: true, unmet: ['owner', 'content-planned'] },
    });
    expect(change).toMatchObject({ action: 'campaign.status_change', reason, before: { status: 'planned' }, after: { status: 'active' } });
  });

  it('activates a ready campaign for a strategist, audited, and keeps the plan export byte-identical', async () => {
    const exportYaml = async () =>
      (await t.app.inject({ method: 'GET', url: `${base()}/strategies/${strategy.id}/export?format=yaml`, headers: owner })).body;
    const before = await exportYaml();
    const res = await setStatus(strategist, ready.id, { status: 'active' });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ status: 'active', previousStatus: 'planned', changed: true, override: null });
    expect(await exportYaml()).toBe(before);
    const entries = await auditOf(ready.id);
    expect(entries[0]).toMatchObject({
      action: 'campaign.status_change',
      before: { status: 'planned' },
      after: { status: 'active' },
      reason: null,
    });
    expect(entries.filter((e) => e.action === 'campaign.activate')).toEqual([]);

    const detail = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}`, headers: owner });
    expect(detail.json()).toMatchObject({ status: 'active', statusChangedAt: res.json().statusChangedAt });
  });

  it('keeps the status when the campaign document is edited', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `${base()}/campaigns/${ready.id}`,
      headers: owner,
      payload: { ...ready, name: 'Summer rye launch (final)' },
    });
    expectStatus(res, 200);
    const r = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${ready.id}/readiness`, headers: owner });
    expect(r.json()).toMatchObject({ status: 'active', nextStatuses: ['completed', 'cancelled', 'planned'] });
  });

  it('setting the current status again changes nothing', async () => {
    const n = (await auditOf(ready.id)).length;
    const res = await setStatus(owner, ready.id, { status: 'active' });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ status: 'active', previousStatus: 'active', changed: false, override: null });
    expect(await auditOf(ready.id)).toHaveLength(n);
  });

  it('refuses transitions outside the table', async () => {
    expectStatus(await setStatus(owner, ready.id, { status: 'completed' }), 200);
    const back = await setStatus(owner, ready.id, { status: 'planned' });
    expectStatus(back, 409);
    expect(back.json().error).toMatchObject({
      code: 'plan.invalid_status_transition',
      details: { from: 'completed', to: 'planned', allowed: [] },
    });

    expectStatus(await setStatus(owner, unready.id, { status: 'cancelled' }), 200);
    const revive = await setStatus(owner, unready.id, { status: 'active', overrideReason: 'Because we really want it now.' });
    expectStatus(revive, 409);
    expect(revive.json().error).toMatchObject({
      code: 'plan.invalid_status_transition',
      details: { from: 'cancelled', to: 'active', allowed: ['planned'] },
    });
    // cancelled → planned is allowed; activating again goes through readiness again.
    expectStatus(await setStatus(owner, unready.id, { status: 'planned' }), 200);
    expectStatus(await setStatus(owner, unready.id, { status: 'active' }), 409);
  });

  it('records every change in the audit log, newest first', async () => {
    const actions = (await auditOf(ready.id)).map((e) => `${e.action}:${JSON.stringify(e.after).slice(0, 30)}`);
    expect(actions.filter((a) => a.startsWith('campaign.status_change'))).toEqual([
      'campaign.status_change:{"status":"completed"}',
      'campaign.status_change:{"status":"active"}',
    ]);
  });
});
