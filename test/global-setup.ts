/**
 * One Postgres server per test run, and one migrated template database. Each test file clones the
 * template (CREATE DATABASE … TEMPLATE), so files run in parallel on isolated data in milliseconds.
 * With DATABASE_URL set, that server is used instead of an embedded one (the external-Postgres run).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { provisionAppDatabase } from '../src/db/app-role.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPool, withDatabase } from '../src/db/pool.ts';
import { buildApp } from '../e2e/harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser's URL: for making and dropping databases only. */
    pgServerUrl: string;
    /** The unprivileged role the tests connect as, as the app does (src/db/app-role.ts), with its database left out. */
    pgAppUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  // Browser tests serve the built web app, and spawned servers run the compiled server (as `npm start`
  // does): build them once here, not in each (parallel) test file. In-process code and the CLI run the sources.
  buildApp();
  let serverUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-test-pg-'));
    // mkdtemp makes it 0700; Postgres runs as its own user (we are root in CI) and must enter it.
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
    serverUrl = server.url;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const template = `gw_template_${process.pid}`;
  // Every test runs as a role without superuser powers, like the app: a migration or query that
  // needs more fails here first. One role per run (its password is random), dropped at the end.
  const role = { name: `gw_test_app_${process.pid}`, password: randomBytes(18).toString('hex') };
  const templateUrl = await provisionAppDatabase(serverUrl, template, role);
  const pool = createPool(templateUrl, 1);
  await migrate(pool);
  await pool.end();
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgAppUrl', withDatabase(templateUrl, 'postgres'));
  project.provide('pgTemplate', template);

  return async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2', [
      template,
      `gw_test_${process.pid}_%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role.name)}`);
    await admin.end();
    await stop();
  };
}
