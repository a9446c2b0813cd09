import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { listMigrations, migrate } from './migrate.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('migrations', () => {
  it('are all applied to the template and re-running applies none', async () => {
    const files = await listMigrations();
    const { rows } = await db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(files.map((m) => m.version));
    expect(await migrate(db.pool)).toEqual([]);
  });

  it('keep the audit log append-only', async () => {
    await db.pool.query("INSERT INTO audit_log (actor, action, entity_type, entity_id) VALUES ('test', 'create', 'thing', 'x')");
    await expect(db.pool.query("UPDATE audit_log SET action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const { rows } = await db.pool.query('SELECT action FROM audit_log');
    expect(rows).toEqual([{ action: 'create' }]);
  });
});
