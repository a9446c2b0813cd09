/** Parsed documents are reused only while their row and version are the ones Postgres has. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { findStrategy, listCampaignsOf } from './store.ts';

let t: TestApp;
let owner: Record<string, string>;
let ws: string;
const strategy = cleanStrategy();

beforeAll(async () => {
  t = await createTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}${url}`, headers: owner, payload });
  expectStatus(await post('/strategies', strategy), 201);
  for (const id of ['launch-a', 'launch-b']) expectStatus(await post('/campaigns', { ...cleanCampaign(), id, strategy: strategy.id }), 201);
});
afterAll(() => t.close());

const readStrategy = async () => (await findStrategy(t.db.pool, ws, strategy.id))!;

describe('document cache', () => {
  it('parses a version once and hands out the same frozen document', async () => {
    const first = await readStrategy();
    const second = await readStrategy();
    expect(second.doc).toBe(first.doc);
    expect(Object.isFrozen(second.doc.objectives[0])).toBe(true);
  });

  it('sees a change made elsewhere (another process) on the next read, by its version', async () => {
    const before = await readStrategy();
    await t.db.pool.query(
      `UPDATE strategies SET document = jsonb_set(document, '{name}', '"Changed elsewhere"'), version = version + 1
        WHERE id = $1`,
      [strategy.id],
    );
    const after = await readStrategy();
    expect(after.version).toBe(before.version + 1);
    expect(after.doc.name).toBe('Changed elsewhere');
  });

  it('never gives a row the document of an earlier row with the same id and version', async () => {
    const solo = { ...cleanStrategy(), id: 'solo-2027' };
    expectStatus(await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/strategies`, headers: owner, payload: solo }), 201);
    const old = (await findStrategy(t.db.pool, ws, solo.id))!;
    // Deleted and created again under the same id: version 1 again, a new row.
    await t.db.pool.query(
      `WITH gone AS (DELETE FROM strategies WHERE pk = $1 RETURNING *)
       INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document)
       SELECT workspace_id, id, name, organisation, period_start, period_end, jsonb_set(document, '{name}', '"Born again"') FROM gone`,
      [old.pk],
    );
    const again = (await findStrategy(t.db.pool, ws, solo.id))!;
    expect([again.version, old.version]).toEqual([1, 1]);
    expect(again.pk).not.toBe(old.pk);
    expect(again.doc.name).toBe('Born again');
  });

  it("reads a strategy's campaigns with only the changed one parsed again", async () => {
    const [a1, b1] = await listCampaignsOf(t.db.pool, ws, strategy.id);
    await t.db.pool.query(
      `UPDATE campaigns SET document = jsonb_set(document, '{name}', '"B, changed"'), version = version + 1 WHERE id = 'launch-b'`,
    );
    const [a2, b2] = await listCampaignsOf(t.db.pool, ws, strategy.id);
    expect(a2!.doc).toBe(a1!.doc);
    expect(b2!.doc).not.toBe(b1!.doc);
    expect(b2!.doc.name).toBe('B, changed');
  });
});

describe('lint of a stored strategy', () => {
  it('is reused while no row changed, and made again when a campaign changes elsewhere', async () => {
    const stored = (await findStrategy(t.db.pool, ws, strategy.id))!;
    const first = await lintStoredStrategy(t.db.pool, ws, strategy.id);
    expect(await lintStoredStrategy(t.db.pool, ws, stored)).toBe(first);
    expect(first.findings.filter((f) => f.rule === 'campaign-no-support')).toEqual([]);
    await t.db.pool.query(
      `UPDATE campaigns SET document = jsonb_set(document, '{support}', '[]'), version = version + 1 WHERE id = 'launch-a'`,
    );
    const after = await lintStoredStrategy(t.db.pool, ws, strategy.id);
    expect(after.findings.filter((f) => f.rule === 'campaign-no-support').map((f) => f.document)).toEqual(['launch-a']);
  });
});
