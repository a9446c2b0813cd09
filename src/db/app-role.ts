/**
 * The app never connects as a superuser: it logs in as a plain role that owns its one database and
 * what is in it. A bug or an injected query can then at most touch Groundwork's own data — not read
 * files or run programs on the server (COPY … PROGRAM), not other databases, not other roles.
 */
import pg from 'pg';
import { withDatabase } from './pool.ts';

/** The embedded default's app role; with DATABASE_URL the operator chooses the role (SECURITY.md). */
export const APP_ROLE = 'groundwork_app';

export interface AppRole {
  name: string;
  password: string;
}

/** Connects as the server's superuser for the span of `work`. */
async function asSuperuser<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes `role` (login, no superuser, no CREATEDB/CREATEROLE) and `database` owned by it, and hands it
 * every object a superuser created there before (clusters from before this role existed). Idempotent,
 * and it changes only what differs, so two processes starting on one cluster don't fight over it.
 * `superUrl` is a superuser's URL to any database of the server; answers the app's URL for `database`.
 */
export async function provisionAppDatabase(superUrl: string, database: string, role: AppRole): Promise<string> {
  const roleId = pg.escapeIdentifier(role.name);
  await asSuperuser(superUrl, async (admin) => {
    const { rows } = await admin.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role.name]);
    if (!rows[0]) {
      await admin.query(
        `CREATE ROLE ${roleId} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pg.escapeLiteral(role.password)}`,
      );
    } else if (rows[0].rolsuper || !(await canLogIn(withDatabase(superUrl, 'postgres'), role))) {
      await admin.query(
        `ALTER ROLE ${roleId} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pg.escapeLiteral(role.password)}`,
      );
    }
    const { rows: db } = await admin.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (!db[0]) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${roleId}`);
    else if (db[0].owner !== role.name) await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database)} OWNER TO ${roleId}`);
  });
  await asSuperuser(withDatabase(superUrl, database), (admin) => adoptObjects(admin, role.name));
  return withCredentials(withDatabase(superUrl, database), role);
}

async function canLogIn(url: string, role: AppRole): Promise<boolean> {
  const probe = new pg.Client({ connectionString: withCredentials(url, role) });
  try {
    await probe.connect();
    return true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => {});
  }
}

function withCredentials(url: string, role: AppRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = encodeURIComponent(role.password);
  return u.toString();
}

/**
 * Gives `role` the schemas, tables, sequences, views, types, functions and procedures that another role (the
 * superuser, before this role existed) owns outside the system schemas. Tables carry their indexes,
 * identity sequences and row types with them, so those are left to ALTER TABLE.
 */
async function adoptObjects(admin: pg.Client, role: string): Promise<void> {
  await admin.query(
    `DO $$
     DECLARE
       target regrole := ${pg.escapeLiteral(role)}::regrole;
       r record;
     BEGIN
       FOR r IN SELECT n.nspname FROM pg_namespace n
                 WHERE n.nspowner <> target AND n.nspowner <> 'pg_database_owner'::regrole
                   AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       LOOP
         EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, target);
       END LOOP;
       FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relowner <> target AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                   AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                   -- A sequence owned by a column moves with its table.
                   AND NOT (c.relkind = 'S' AND EXISTS (
                     SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
                 ORDER BY c.relkind = 'S'
       LOOP
         EXECUTE format('ALTER %s %s OWNER TO %I',
           CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
           r.rel, target);
       END LOOP;
       FOR r IN SELECT t.oid::regtype AS typ FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 LEFT JOIN pg_class c ON c.oid = t.typrelid
                 WHERE t.typowner <> target AND (t.typtype IN ('e', 'd') OR c.relkind = 'c')
                   AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       LOOP
         EXECUTE format('ALTER TYPE %s OWNER TO %I', r.typ, target);
       END LOOP;
       FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE p.proowner <> target AND p.prokind IN ('f', 'p') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       LOOP
         EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.fn, target);
       END LOOP;
     END $$`,
  );
}
