import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ensureDatabase, openDatabase } from './database.ts';
import { listMigrations } from './migrate.ts';
import { withDatabase } from './pool.ts';

describe('openDatabase with DATABASE_URL', () => {
  it('uses that server as given, and migrates an empty database at boot', async () => {
    const name = `gw_url_${process.pid}_${Date.now()}`;
    const server = inject('pgServerUrl');
    await ensureDatabase(server, name);
    const db = await openDatabase({ databaseUrl: withDatabase(server, name), pgDataDir: '/nonexistent/never-used' });
    try {
      expect(db.embedded).toBe(false);
      const { rows } = await db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual((await listMigrations()).map((m) => m.version));
    } finally {
      await db.close();
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  });
});
