/** Test helper: a fresh, migrated database of its own for the calling test file. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, withDatabase, type Pool } from '../src/db/pool.ts';

export interface TestDatabase {
  pool: Pool;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('pgServerUrl');
  const appUrl = new URL(inject('pgAppUrl'));
  const template = inject('pgTemplate');
  // The global setup runs in the main process: its pid names this run's databases.
  const name = `gw_test_${template.replace('gw_template_', '')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)} OWNER ${pg.escapeIdentifier(decodeURIComponent(appUrl.username))}`,
    );
  } finally {
    await admin.end();
  }
  const url = withDatabase(appUrl.toString(), name);
  const pool = createPool(url, 5);
  return {
    pool,
    url,
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await c.end();
    },
  };
}
