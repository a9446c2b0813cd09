import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { APP_ROLE } from './app-role.ts';
import { appPasswordFile, closedAncestor, passwordFile, reachableDataDir, startEmbeddedPostgres } from './embedded.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'groundwork-embedded-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded Postgres', () => {
  it('initialises a cluster, migrates, and keeps data across a restart', async () => {
    const pgDataDir = path.join(root, 'a', 'pg');
    const first = await openDatabase({ databaseUrl: undefined, pgDataDir });
    expect(first.embedded).toBe(true);
    await first.pool.query("INSERT INTO users (email, name, password_hash) VALUES ('a@example.com', 'A', 'x')");
    await first.close();
    expect(existsSync(path.join(pgDataDir, 'postmaster.pid'))).toBe(false);

    const again = await openDatabase({ databaseUrl: undefined, pgDataDir });
    const { rows } = await again.pool.query('SELECT email FROM users');
    expect(rows).toEqual([{ email: 'a@example.com' }]);
    // A second process on the same data directory (the CLI beside `npm start`) shares the running cluster.
    const beside = await openDatabase({ databaseUrl: undefined, pgDataDir });
    expect(new URL(beside.url).port).toBe(new URL(again.url).port);
    await beside.close();
    expect((await again.pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    await again.close();
  });

  it('uses a random password kept in DATA_DIR/pg.password (0600), and moves a cluster off the old well-known one', async () => {
    const pgDataDir = path.join(root, 'pw', 'pg');
    const first = await openDatabase({ databaseUrl: undefined, pgDataDir });
    const password = readFileSync(passwordFile(pgDataDir), 'utf8').trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(passwordFile(pgDataDir)).mode & 0o777).toBe(0o600);
    const port = new URL(first.url).port;
    const as = (pw: string) => new pg.Client({ connectionString: `postgres://groundwork:${pw}@127.0.0.1:${port}/postgres` });
    await expect(as('groundwork').connect()).rejects.toThrow(/password authentication failed/);
    // As a cluster made before: the well-known password, no password file.
    const admin = as(password);
    await admin.connect();
    await admin.query("ALTER ROLE groundwork PASSWORD 'groundwork'");
    await admin.end();
    await first.close();
    rmSync(passwordFile(pgDataDir));

    const again = await openDatabase({ databaseUrl: undefined, pgDataDir });
    const fresh = readFileSync(passwordFile(pgDataDir), 'utf8').trim();
    expect(fresh).not.toBe(password);
    const port2 = new URL(again.url).port;
    const legacy = new pg.Client({ connectionString: `postgres://groundwork:groundwork@127.0.0.1:${port2}/postgres` });
    await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
    expect((await again.pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    await again.close();
  }, 60_000);

  it('connects the app as a role that is no superuser and owns only its database, also on a cluster made before that role', async () => {
    const pgDataDir = path.join(root, 'role', 'pg');
    const first = await openDatabase({ databaseUrl: undefined, pgDataDir });
    const url = new URL(first.url);
    expect([url.username, url.pathname]).toEqual([APP_ROLE, '/groundwork']);
    expect(decodeURIComponent(url.password)).toBe(readFileSync(appPasswordFile(pgDataDir), 'utf8').trim());
    expect(statSync(appPasswordFile(pgDataDir)).mode & 0o777).toBe(0o600);
    const { rows: me } = await first.pool.query('SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user');
    expect(me).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false }]);
    // What a superuser could and this role cannot: run programs, read server files, make roles.
    for (const sql of ["COPY (SELECT 1) TO PROGRAM 'true'", "SELECT pg_read_file('postgresql.conf')", 'CREATE ROLE intruder SUPERUSER']) {
      await expect(first.pool.query(sql), sql).rejects.toThrow(/permission denied|must be superuser|not allowed/i);
    }

    // A cluster from before: the database and its tables owned by the superuser, the app role gone.
    const superUrl = `postgres://groundwork:${readFileSync(passwordFile(pgDataDir), 'utf8').trim()}@127.0.0.1:${url.port}`;
    await first.close();
    const started = await startEmbeddedPostgres({ dataDir: pgDataDir });
    const admin = new pg.Client({ connectionString: `${superUrl.replace(/:\d+$/, `:${started.port}`)}/groundwork` });
    await admin.connect();
    await admin.query(`REASSIGN OWNED BY ${APP_ROLE} TO groundwork`);
    await admin.query('ALTER DATABASE groundwork OWNER TO groundwork');
    await admin.query('CREATE TABLE legacy_notes (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text)');
    await admin.query(`DROP OWNED BY ${APP_ROLE}`);
    await admin.end();
    const cleanup = new pg.Client({ connectionString: `${superUrl.replace(/:\d+$/, `:${started.port}`)}/postgres` });
    await cleanup.connect();
    await cleanup.query(`DROP ROLE ${APP_ROLE}`);
    await cleanup.end();
    await started.stop();

    const again = await openDatabase({ databaseUrl: undefined, pgDataDir });
    const { rows: owners } = await again.pool.query(
      `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`,
    );
    expect(owners).toEqual([{ owner: APP_ROLE }]);
    // It can use what it was handed, and migrate further.
    await again.pool.query("INSERT INTO legacy_notes (body) VALUES ('still mine')");
    await again.pool.query('CREATE TABLE later_migration (id int)');
    await again.close();
  }, 90_000);

  it('recovers when the Node process that owned the cluster was killed with SIGKILL', async () => {
    const pgDataDir = path.join(root, 'b', 'pg');
    const script = `import { openDatabase } from ${JSON.stringify(path.resolve('src/db/database.ts'))};
      await openDatabase({ databaseUrl: undefined, pgDataDir: ${JSON.stringify(pgDataDir)} });
      console.log('ready');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const orphanPid = Number(readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(existsSync(`/proc/${orphanPid}`)).toBe(true); // Postgres outlived its parent.

    const db = await openDatabase({ databaseUrl: undefined, pgDataDir });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBeGreaterThan(0);
    expect(existsSync(`/proc/${orphanPid}`)).toBe(false);
    await db.close();
  }, 60_000);

  it('as root in a directory the postgres account cannot enter, keeps the cluster where it can and says where', async () => {
    const closed = mkdtempSync(path.join(os.tmpdir(), 'groundwork-private-')); // 0700, like a clone in /root
    const pgDataDir = path.join(closed, 'data', 'pg');
    const lines: string[] = [];
    const { dir } = reachableDataDir(pgDataDir, true);
    try {
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line).msg) });
      const db = await openDatabase({ databaseUrl: undefined, pgDataDir }, { logger });
      expect((await db.pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
      await db.close();
      if (process.getuid?.() === 0) {
        expect(lines.join('')).toContain(`cannot enter ${closed}: the embedded database for ${pgDataDir} is kept in ${dir}`);
        expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
      }
    } finally {
      rmSync(closed, { recursive: true, force: true });
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('reachableDataDir', () => {
  const modes: Record<string, number> = { '/': 0o755, '/root': 0o700, '/root/app': 0o755, '/srv': 0o755, '/srv/app': 0o750 };
  const stat = (p: string) => (p in modes ? { mode: modes[p]! } : null);
  it('finds the first directory others cannot enter', () => {
    expect(closedAncestor('/root/app/data/pg', stat)).toBe('/root');
    expect(closedAncestor('/srv/app/data/pg', stat)).toBe('/srv/app');
    expect(closedAncestor('/srv/data/pg', stat)).toBeNull();
  });
  it('keeps a reachable directory, and only moves clusters when running as root', () => {
    const open = mkdtempSync(path.join(os.tmpdir(), 'groundwork-open-'));
    chmodSync(open, 0o755);
    try {
      expect(reachableDataDir(path.join(open, 'pg'), true).dir).toBe(path.join(open, 'pg'));
      const closed = mkdtempSync(path.join(os.tmpdir(), 'groundwork-closed-'));
      expect(reachableDataDir(path.join(closed, 'pg'), false)).toEqual({ dir: path.join(closed, 'pg'), closed: null });
      const moved = reachableDataDir(path.join(closed, 'pg'), true);
      expect(moved.closed).toBe(closed);
      expect(moved.dir).toMatch(/^\/var\/lib\/groundwork\/[0-9a-f]{16}\/pg$/);
      rmSync(closed, { recursive: true, force: true });
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });
});
