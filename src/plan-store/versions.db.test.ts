/** Strategy versions: appended by every save, never changed, listed, read and diffed through the API. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, expectStatus, joinByInvitation, type TestApp } from '../../test/app.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { listMigrations, migrate } from '../db/migrate.ts';
import { createPool, withDatabase } from '../db/pool.ts';

let t: TestApp;
let owner: Record<string, string>;
let ownerId: string;
let ws: string;
const base = () => `/api/v1/workspaces/${ws}`;
const strategy = cleanStrategy();

beforeAll(async () => {
  t = await createTestApp();
  const signed = await t.signUp(undefined, 'Olga Owner');
  owner = signed.headers;
  ownerId = signed.userId;
  ws = await t.createWorkspace(owner);
});
afterAll(() => t.close());

const get = (url: string, headers = owner) => t.app.inject({ method: 'GET', url: `${base()}${url}`, headers });

describe('strategy versions', () => {
  it('appends a version on create, edit and import; an unchanged save adds none', async () => {
    expectStatus(await t.app.inject({ method: 'POST', url: `${base()}/strategies`, headers: owner, payload: strategy }), 201);
    const edited = structuredClone(strategy);
    edited.objectives[0]!.kpis[0]!.target = 3000;
    edited.channels.pop();
    expectStatus(await t.app.inject({ method: 'PUT', url: `${base()}/strategies/${strategy.id}`, headers: owner, payload: edited }), 200);
    // the same document again: no new version
    expectStatus(await t.app.inject({ method: 'PUT', url: `${base()}/strategies/${strategy.id}`, headers: owner, payload: edited }), 200);
    const imported = { ...edited, name: 'Acme, imported' };
    expectStatus(await t.app.inject({ method: 'POST', url: `${base()}/import`, headers: owner, payload: [imported] }), 200);

    const res = await get(`/strategies/${strategy.id}/versions`);
    expectStatus(res, 200);
    expect(res.json().versions).toEqual([
      { version: 3, createdAt: expect.any(String), createdBy: { id: ownerId, name: 'Olga Owner' }, reason: 'import', reviewId: null },
      { version: 2, createdAt: expect.any(String), createdBy: { id: ownerId, name: 'Olga Owner' }, reason: 'edit', reviewId: null },
      { version: 1, createdAt: expect.any(String), createdBy: { id: ownerId, name: 'Olga Owner' }, reason: 'edit', reviewId: null },
    ]);

    const v1 = await get(`/strategies/${strategy.id}/versions/1`);
    expectStatus(v1, 200);
    expect(v1.json().strategy).toEqual(strategy);
    expect((await get(`/strategies/${strategy.id}/versions/3`)).json().strategy.name).toBe('Acme, imported');
  });

  it('diffs any two versions, in either direction', async () => {
    const res = await get(`/strategies/${strategy.id}/diff?from=1&to=3`);
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      from: 1,
      to: 3,
      changes: [
        { op: 'changed', entity: 'strategy', id: strategy.id, field: 'name', old: strategy.name, new: 'Acme, imported' },
        { op: 'removed', entity: 'channel', id: 'newsletter', field: '', old: strategy.channels[2], new: null },
        { op: 'changed', entity: 'kpi', id: 'ig-followers', field: 'target', old: 2500, new: 3000 },
      ],
    });
    const back = (await get(`/strategies/${strategy.id}/diff?from=3&to=2`)).json();
    expect(back.changes).toEqual([
      { op: 'changed', entity: 'strategy', id: strategy.id, field: 'name', old: 'Acme, imported', new: strategy.name },
    ]);
    expect((await get(`/strategies/${strategy.id}/diff?from=2&to=2`)).json().changes).toEqual([]);
  });

  it('answers 404 for an unknown version or strategy, and 400 for a bad diff query', async () => {
    for (const url of [`/strategies/${strategy.id}/versions/9`, `/strategies/${strategy.id}/versions/one`, '/strategies/nope/versions']) {
      const res = await get(url);
      expectStatus(res, 404);
    }
    expect((await get(`/strategies/${strategy.id}/versions/9`)).json().error.code).toBe('strategy_version.not_found');
    expect((await get(`/strategies/${strategy.id}/diff?from=1&to=9`)).json().error.code).toBe('strategy_version.not_found');
    expectStatus(await get(`/strategies/${strategy.id}/diff?from=1`), 400);
    expectStatus(await get(`/strategies/${strategy.id}/diff?from=x&to=2`), 400);
  });

  it('hides another workspace’s versions (404) and lets a viewer read them', async () => {
    const stranger = await t.signUp();
    const otherWs = await t.createWorkspace(stranger.headers);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workspaces/${otherWs}/strategies/${strategy.id}/versions`,
      headers: stranger.headers,
    });
    expectStatus(res, 404);
    await joinByInvitation(t.app, owner, ws, stranger, 'viewer');
    expectStatus(await get(`/strategies/${strategy.id}/versions`, stranger.headers), 200);
  });

  it('keeps versions append-only; deleting the strategy takes them with it', async () => {
    await expect(t.db.pool.query(`UPDATE strategy_versions SET reason = 'import'`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query('DELETE FROM strategy_versions')).rejects.toThrow(/append-only/);
    const other = cleanStrategy({ id: 'to-delete' });
    expectStatus(await t.app.inject({ method: 'POST', url: `${base()}/strategies`, headers: owner, payload: other }), 201);
    expectStatus(await t.app.inject({ method: 'DELETE', url: `${base()}/strategies/to-delete`, headers: owner }), 204);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM strategy_versions WHERE strategy_id = 'to-delete'`);
    expect(rows[0].n).toBe(0);
    expectStatus(await get('/strategies/to-delete/versions'), 404);
  });

  it('keeps a campaign save from adding strategy versions', async () => {
    const before = (await get(`/strategies/${strategy.id}/versions`)).json().versions.length;
    expectStatus(await t.app.inject({ method: 'POST', url: `${base()}/campaigns`, headers: owner, payload: cleanCampaign() }), 201);
    expect((await get(`/strategies/${strategy.id}/versions`)).json().versions.length).toBe(before);
  });
});

describe('the versions migration', () => {
  it('backfills each existing strategy’s current document as its current version', async () => {
    const serverUrl = inject('pgServerUrl');
    const appUrl = new URL(inject('pgAppUrl'));
    const name = `gw_test_${inject('pgTemplate').replace('gw_template_', '')}_backfill`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(decodeURIComponent(appUrl.username))}`);
    const pool = createPool(withDatabase(appUrl.toString(), name), 2);
    const older = mkdtempSync(path.join(tmpdir(), 'gw-migrations-'));
    try {
      const dir = fileURLToPath(new URL('../db/migrations/', import.meta.url));
      for (const m of await listMigrations(dir)) {
        if (m.version < '20261202030000')
          cpSync(path.join(dir, `${m.version}_${m.name}.sql`), path.join(older, `${m.version}_${m.name}.sql`));
      }
      await migrate(pool, older);
      const { rows: ws } = await pool.query<{ id: string }>(`INSERT INTO workspaces (name, slug) VALUES ('W', 'w') RETURNING id`);
      await pool.query(
        `INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 4, '2026-11-30T10:00:00Z')`,
        [
          ws[0]!.id,
          strategy.id,
          strategy.name,
          strategy.organisation,
          strategy.period.start,
          strategy.period.end,
          JSON.stringify(strategy),
        ],
      );
      await migrate(pool);
      const { rows } = await pool.query(`SELECT strategy_id, version, document, reason, created_at FROM strategy_versions`);
      expect(rows).toEqual([
        { strategy_id: strategy.id, version: 4, document: strategy, reason: 'edit', created_at: new Date('2026-11-30T10:00:00Z') },
      ]);
    } finally {
      await pool.end();
      rmSync(older, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  });
});
