import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { cleanCampaign } from '../../test/plan-fixtures.ts';
import { createPostsTestApp, expectStatus, postingStrategy, type PostsTestApp } from '../../test/posts-app.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import type { Pool } from './pool.ts';

let t: PostsTestApp;
let target: TestDatabase;
const dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-backup-'));
const file = path.join(dir, 'snapshot.jsonl.gz');

/** Every public table's row count and a hash of its rows (order-independent). */
async function fingerprint(pool: Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const t = pg.escapeIdentifier(name);
    const { rows } = await pool.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text)) AS h FROM ${t} x`,
    );
    out[name] = `${rows[0]!.n}:${rows[0]!.h ?? ''}`;
  }
  return out;
}

beforeAll(async () => {
  t = await createPostsTestApp();
  target = await createTestDatabase();
  const owner = (await t.signUp()).headers;
  const ws = await t.createWorkspace(owner);
  const strategy = postingStrategy();
  await t.createStrategy(ws, owner, strategy);
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/campaigns`, owner, cleanCampaign()), 201);
  await t.db.pool.query('UPDATE workspaces SET require_approval = false WHERE id = $1', [ws]);
  for (const text of ['Rye is back', 'Spelt, explained', 'Why we bake at dawn 🍞 — "quotes", \\ and \n newlines']) {
    const created = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      variants: { bluesky: { text }, mastodon: { text } },
    });
    expectStatus(created, 201);
    const id = created.json().post.id;
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/posts/${id}/comments`, owner, { body: `About ${text}` }), 201);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/posts/${id}/schedule`, owner, { localTime: '2030-06-03T09:00' }), 200);
  }
});
afterAll(async () => {
  await t.close();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores into an empty instance with identical contents, and sequences that go on', async () => {
    const { tables } = await backupDatabase(t.db.pool, file);
    expect(tables.posts).toBe(3);
    expect(tables.audit_log).toBeGreaterThan(10);
    const before = await fingerprint(t.db.pool);

    const restored = await restoreDatabase(target.pool, file);
    expect(restored.tables).toEqual(Object.fromEntries(Object.entries(tables).filter(([, n]) => n > 0)));
    expect(await fingerprint(target.pool)).toEqual(before);

    // New rows continue after the restored ids.
    const { rows } = await target.pool.query<{ next: string; max: string }>(
      "SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS next, (SELECT max(id) FROM audit_log)::text AS max",
    );
    expect(Number(rows[0]!.next)).toBe(Number(rows[0]!.max) + 1);
  });

  it('refuses a target that has data, and a file that is not a backup, changing nothing', async () => {
    const before = await fingerprint(target.pool);
    await expect(restoreDatabase(target.pool, file)).rejects.toMatchObject({ code: 'backup.target_not_empty', status: 409 });
    const junk = path.join(dir, 'junk.gz');
    writeFileSync(junk, gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase(target.pool, junk)).rejects.toMatchObject({ code: 'backup.invalid', status: 422 });
    expect(await fingerprint(target.pool)).toEqual(before);
  });
});
