import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

let t: TestApp;
let owner: Record<string, string>;
let ws: string;
const base = () => `/api/v1/workspaces/${ws}`;

beforeAll(async () => {
  t = await createTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
});
afterAll(() => t.close());

const strategy = cleanStrategy();
const campaign = cleanCampaign();

describe('plan API', () => {
  it('creates a strategy and returns it with its lint findings', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base()}/strategies`, headers: owner, payload: strategy });
    expectStatus(res, 201);
    const body = res.json();
    expect(body.strategy.id).toBe(strategy.id);
    expect(body.version).toBe(1);
    expect(body.summary).toEqual({ errors: 0, warnings: 0 });
  });

  it('refuses a duplicate strategy id with 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base()}/strategies`, headers: owner, payload: strategy });
    expectStatus(res, 409);
    expect(res.json().error.code).toBe('plan.strategy_exists');
  });

  it('refuses a campaign without a strategy, and one naming an unknown strategy, storing nothing', async () => {
    const { strategy: _omit, ...orphan } = campaign;
    for (const payload of [orphan, { ...campaign, strategy: 'no-such-strategy' }]) {
      const res = await t.app.inject({ method: 'POST', url: `${base()}/campaigns`, headers: owner, payload });
      expectStatus(res, 422);
      expect(res.json().error.code).toBe('plan.campaign_requires_strategy');
    }
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM campaigns');
    expect(rows[0].n).toBe(0);
  });

  it('creates a campaign inside the strategy and reads both back', async () => {
    const created = await t.app.inject({ method: 'POST', url: `${base()}/campaigns`, headers: owner, payload: campaign });
    expectStatus(created, 201);
    expect(created.json().summary.errors).toBe(0);

    const s = await t.app.inject({ method: 'GET', url: `${base()}/strategies/${strategy.id}`, headers: owner });
    expectStatus(s, 200);
    expect(s.json().strategy).toEqual(strategy);
    expect(s.json().campaigns.map((c: { id: string }) => c.id)).toEqual([campaign.id]);

    const c = await t.app.inject({ method: 'GET', url: `${base()}/campaigns/${campaign.id}`, headers: owner });
    expectStatus(c, 200);
    expect(c.json().campaign).toEqual(campaign);
    expect(c.json().strategy).toEqual({ id: strategy.id, name: strategy.name });
  });

  it('returns findings of the whole strategy on a weak write', async () => {
    const weak = { ...campaign, channels: [...campaign.channels, 'tiktok-nowhere'] };
    const res = await t.app.inject({ method: 'PUT', url: `${base()}/campaigns/${campaign.id}`, headers: owner, payload: weak });
    expectStatus(res, 200);
    expect(res.json().version).toBe(2);
    const finding = res.json().findings.find((f: { rule: string }) => f.rule === 'campaign-channel-outside-strategy');
    expect(finding).toMatchObject({ document: campaign.id, path: `/channels/${campaign.channels.length}`, severity: 'error' });
    // put it back
    expectStatus(await t.app.inject({ method: 'PUT', url: `${base()}/campaigns/${campaign.id}`, headers: owner, payload: campaign }), 200);
  });

  it('enforces optimistic concurrency with If-Match', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `${base()}/strategies/${strategy.id}`,
      headers: { ...owner, 'if-match': '"99"' },
      payload: { ...strategy, name: 'Renamed' },
    });
    expectStatus(res, 409);
    expect(res.json().error.code).toBe('plan.version_conflict');
  });

  it('refuses to rename an id through PUT', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `${base()}/strategies/${strategy.id}`,
      headers: owner,
      payload: { ...strategy, id: 'renamed' },
    });
    expectStatus(res, 400);
    expect(res.json().error.code).toBe('plan.id_mismatch');
  });

  it('refuses to delete a strategy that still has campaigns', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `${base()}/strategies/${strategy.id}`, headers: owner });
    expectStatus(res, 409);
    expect(res.json().error).toMatchObject({ code: 'plan.strategy_has_campaigns', details: { campaigns: [campaign.id] } });
  });

  // Found by fuzzing: posts hold the campaign and the strategy in the database, and deleting either answered 500.
  it('refuses to delete a campaign or a strategy that posts belong to; once the posts are deleted, both go', async () => {
    const other = await t.createWorkspace(owner);
    const at = `/api/v1/workspaces/${other}`;
    const inject = (method: 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `${at}${url}`, headers: owner, ...(payload ? { payload } : {}) });
    expectStatus(await inject('POST', '/strategies', strategy), 201);
    expectStatus(await inject('POST', '/campaigns', campaign), 201);
    const newPost = async (campaignId?: string) => {
      const res = await inject('POST', '/posts', {
        strategy: strategy.id,
        ...(campaignId ? { campaign: campaignId } : {}),
        variants: { instagram: { text: 'Fresh rye' } },
      });
      expectStatus(res, 201);
      return res.json().post.id as string;
    };
    const inCampaign = await newPost(campaign.id);
    const deleted = await newPost(campaign.id);
    expectStatus(await inject('DELETE', `/posts/${deleted}`), 204);

    let res = await inject('DELETE', `/campaigns/${campaign.id}`);
    expectStatus(res, 409);
    expect(res.json().error).toMatchObject({ code: 'plan.campaign_has_posts', details: { posts: [inCampaign] } });
    expectStatus(await inject('DELETE', `/posts/${inCampaign}`), 204);
    expectStatus(await inject('DELETE', `/campaigns/${campaign.id}`), 204);

    const inStrategy = await newPost();
    res = await inject('DELETE', `/strategies/${strategy.id}`);
    expectStatus(res, 409);
    expect(res.json().error).toMatchObject({ code: 'plan.strategy_has_posts', details: { posts: [inStrategy] } });
    expectStatus(await inject('DELETE', `/posts/${inStrategy}`), 204);
    expectStatus(await inject('DELETE', `/strategies/${strategy.id}`), 204);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM posts WHERE workspace_id = $1', [other]);
    expect(rows[0].n).toBe(0);
  });

  it('enforces "no campaign without a strategy" in the database too', async () => {
    await expect(
      t.db.pool.query(
        `INSERT INTO campaigns (workspace_id, strategy_id, id, name, type, start_date, end_date, document)
         VALUES ($1, 'ghost', 'x', 'x', 'event', '2027-01-01', '2027-02-01', '{}')`,
        [ws],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('answers 400 with a coded error for malformed bodies and changes nothing', async () => {
    const cases = [
      { payload: { ...strategy, id: 'bad id!' } },
      { payload: { ...strategy, channels: [{ id: 'c', platform: 'myspace' }] } },
      { payload: { ...strategy, period: { start: '2027-02-30', end: '2028-01-01' } } },
      { payload: '{"not json', headers: { 'content-type': 'application/json' } },
      { payload: [1, 2, 3] },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${base()}/strategies`,
        headers: { ...owner, ...(c.headers ?? {}) },
        payload: c.payload as never,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toMatch(/^request\./);
    }
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM strategies');
    expect(rows[0].n).toBe(1);
  });

  it('gives 404 for another workspace and its ids', async () => {
    const stranger = (await t.signUp()).headers;
    const otherWs = await t.createWorkspace(stranger);
    for (const url of [`${base()}/strategies/${strategy.id}`, `${base()}/campaigns/${campaign.id}`, `${base()}/strategies`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: stranger });
      expectStatus(res, 404);
    }
    for (const [method, url] of [
      ['PUT', `${base()}/campaigns/${campaign.id}`],
      ['DELETE', `${base()}/campaigns/${campaign.id}`],
      ['DELETE', `${base()}/strategies/${strategy.id}`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: stranger, ...(method === 'PUT' ? { payload: campaign } : {}) });
      expectStatus(res, 404);
    }
    // The stranger's own workspace does not see our strategy either.
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${otherWs}/strategies/${strategy.id}`, headers: stranger });
    expectStatus(res, 404);
    expect(res.json().error.code).toBe('strategy.not_found');
  });

  it('lints YAML through the API with the same findings as the CLI', async () => {
    const yaml = readFileSync(new URL('../../examples/flawed/campaign-flawed.yaml', import.meta.url), 'utf8');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/lint', headers: { 'content-type': 'application/yaml' }, payload: yaml });
    expectStatus(res, 200);
    expect(res.json().summary.errors).toBeGreaterThan(0);
    expect(res.json().findings.every((f: { line?: number }) => typeof f.line === 'number')).toBe(true);
  });

  it('lints JSON documents too, reporting schema problems by JSON pointer', async () => {
    const payload = { documents: [strategy, { ...campaign, type: 'flash-mob' }] };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/lint', payload });
    expectStatus(res, 200);
    expect(res.json().findings).toEqual([
      expect.objectContaining({ rule: 'schema', severity: 'error', path: '/type', document: campaign.id }),
    ]);
  });

  it('reports broken YAML as a schema finding, not an error response', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lint',
      headers: { 'content-type': 'text/yaml' },
      payload: 'kind: strategy\n  id: [oops',
    });
    expectStatus(res, 200);
    expect(res.json().findings[0]).toMatchObject({ rule: 'schema', severity: 'error' });
  });

  it('exports YAML that imports back unchanged and exports byte-identically', async () => {
    const first = await t.app.inject({ method: 'GET', url: `${base()}/strategies/${strategy.id}/export?format=yaml`, headers: owner });
    expectStatus(first, 200);
    expect(first.headers['content-type']).toMatch(/yaml/);
    const imported = await t.app.inject({
      method: 'POST',
      url: `${base()}/import`,
      headers: { ...owner, 'content-type': 'application/yaml' },
      payload: first.body,
    });
    expectStatus(imported, 200);
    expect(imported.json().documents.every((d: { outcome: string }) => d.outcome === 'unchanged')).toBe(true);
    const second = await t.app.inject({ method: 'GET', url: `${base()}/strategies/${strategy.id}/export?format=yaml`, headers: owner });
    expect(second.body).toBe(first.body);
  });

  it('exports a Markdown master document', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base()}/strategies/${strategy.id}/export?format=md`, headers: owner });
    expectStatus(res, 200);
    expect(res.body).toContain(strategy.name);
    expect(res.body).toContain(campaign.name);
  });

  it('imports atomically: a campaign with an unknown strategy stores nothing of the batch', async () => {
    const payload = {
      documents: [
        { ...strategy, id: 'second-strategy' },
        { ...campaign, id: 'c2', strategy: 'ghost' },
      ],
    };
    const res = await t.app.inject({ method: 'POST', url: `${base()}/import`, headers: owner, payload });
    expectStatus(res, 422);
    const { rows } = await t.db.pool.query("SELECT count(*)::int AS n FROM strategies WHERE id = 'second-strategy'");
    expect(rows[0].n).toBe(0);
  });

  it('records every change in the audit log with before and after', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base()}/audit?entityType=campaign&entityId=${campaign.id}`, headers: owner });
    expectStatus(res, 200);
    const actions = res.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['campaign.update', 'campaign.update', 'campaign.create']);
    const [latest] = res.json().entries;
    expect(latest.before.channels).toContain('tiktok-nowhere');
    expect(latest.after).toEqual(campaign);
  });

  it('keeps viewers from writing', async () => {
    const viewer = await t.signUp();
    await t.addMember(owner, ws, viewer, 'viewer');
    const read = await t.app.inject({ method: 'GET', url: `${base()}/strategies`, headers: viewer.headers });
    expectStatus(read, 200);
    const write = await t.app.inject({
      method: 'POST',
      url: `${base()}/strategies`,
      headers: viewer.headers,
      payload: { ...strategy, id: 'viewer-made' },
    });
    expectStatus(write, 403);
    expect(write.json().error.code).toBe('auth.forbidden');
  });

  it('publishes the plan routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(res, 200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/lint', '/api/v1/workspaces/{workspaceId}/strategies', '/api/v1/workspaces/{workspaceId}/campaigns']),
    );
  });
});
