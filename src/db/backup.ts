/**
 * A consistent, portable snapshot of everything Groundwork stores, and its restore into an empty
 * instance. No pg_dump is needed (the embedded Postgres ships none): one REPEATABLE READ, read-only
 * transaction reads every table of the public schema as JSON (so one consistent moment), gzipped
 * JSON lines — a header, then per table its name and rows in batches. Secrets stay as stored
 * (credentials encrypted, tokens and sessions as hashes). pg-boss's queue is not included: after a
 * restore the sweeper re-enqueues every scheduled post.
 *
 * Restore refuses unless the target is migrated to the same migrations and holds no rows; it inserts
 * parents before children (foreign keys read from the catalog), then moves each sequence past the
 * largest id, all in one transaction. It reads the file whole first: a refusal thrown while a
 * readline loop over the gunzip stream is still open never settled.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { withTransaction, type Pool, type PoolClient } from './pool.ts';

const FORMAT = 'groundwork-backup';
const VERSION = 1;
const BATCH = 500;
/** Bookkeeping of the migrator itself: the target has its own, and both must agree. */
const SKIPPED = new Set(['schema_migrations']);

interface Header {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
}

type Line = Header | { table: string; rows: unknown[] };

export interface BackupSummary {
  tables: Record<string, number>;
}

/** The public tables, parents before children (by their foreign keys). */
async function tablesInOrder(q: Pool | PoolClient): Promise<string[]> {
  const { rows: tables } = await q.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const { rows: edges } = await q.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const names = tables.map((t) => t.name).filter((n) => !SKIPPED.has(n));
  const parents = new Map(names.map((n) => [n, new Set(edges.filter((e) => e.child === n).map((e) => e.parent))]));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p) || !parents.has(p)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among: ${names.filter((n) => !placed.has(n)).join(', ')}`);
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

async function appliedMigrations(q: Pool | PoolClient): Promise<string[]> {
  const { rows } = await q.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}

/** Writes the snapshot to `file` (gzipped JSON lines); answers the row count of every table. */
export async function backupDatabase(pool: Pool, file: string): Promise<BackupSummary> {
  const counts: Record<string, number> = {};
  await withTransaction(
    pool,
    async (client) => {
      const tables = await tablesInOrder(client);
      const header: Header = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        migrations: await appliedMigrations(client),
      };
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of tables) {
          counts[table] = 0;
          const cursor = pg.escapeIdentifier(`backup_${table}`);
          await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t) AS r FROM ${pg.escapeIdentifier(table)} t`);
          for (;;) {
            const { rows } = await client.query<{ r: unknown }>(`FETCH ${BATCH} FROM ${cursor}`);
            if (rows.length === 0) break;
            counts[table] += rows.length;
            yield `${JSON.stringify({ table, rows: rows.map((x) => x.r) })}\n`;
          }
          await client.query(`CLOSE ${cursor}`);
        }
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
  return { tables: counts };
}

/** Loads a snapshot into an empty, migrated database; answers the row count of every table restored. */
export async function restoreDatabase(pool: Pool, file: string): Promise<BackupSummary> {
  const lines = await readLines(file);
  const counts: Record<string, number> = {};
  await withTransaction(pool, async (client) => {
    const tables = await tablesInOrder(client);
    const [first, ...rest] = lines.filter((l) => l.trim() !== '').map(parseLine);
    if (!first) throw invalidBackup('no header');
    checkHeader(first, await appliedMigrations(client));
    await assertEmpty(client, tables);
    for (const line of rest) {
      if (!('table' in line) || !tables.includes(line.table))
        throw invalidBackup(`an unknown table "${'table' in line ? line.table : '?'}"`);
      await client.query(
        `INSERT INTO ${pg.escapeIdentifier(line.table)} SELECT * FROM json_populate_recordset(NULL::${pg.escapeIdentifier(line.table)}, $1::json)`,
        [JSON.stringify(line.rows)],
      );
      counts[line.table] = (counts[line.table] ?? 0) + line.rows.length;
    }
    await resetSequences(client);
  });
  return { tables: counts };
}

async function readLines(file: string): Promise<string[]> {
  const lines: string[] = [];
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of input) lines.push(line);
  } catch {
    throw invalidBackup('not a gzip file');
  }
  return lines;
}

function parseLine(text: string): Line {
  try {
    return JSON.parse(text) as Line;
  } catch {
    throw invalidBackup('a line that is not JSON');
  }
}

const invalidBackup = (what: string) => new AppError('backup.invalid', `This is not a Groundwork backup, or it is damaged: ${what}.`, 422);

function checkHeader(line: Line, migrations: string[]): void {
  if (!('format' in line) || line.format !== FORMAT) throw invalidBackup('no Groundwork header');
  if (line.version !== VERSION) throw invalidBackup(`format version ${line.version}, this Groundwork reads ${VERSION}`);
  if (line.migrations.join(',') !== migrations.join(',')) {
    throw new AppError(
      'backup.schema_mismatch',
      `The backup was made at migration ${line.migrations.at(-1) ?? 'none'}, this database is at ${migrations.at(-1) ?? 'none'}: restore it with the Groundwork version that made it.`,
      409,
    );
  }
}

async function assertEmpty(client: PoolClient, tables: string[]): Promise<void> {
  for (const table of tables) {
    const { rowCount } = await client.query(`SELECT 1 FROM ${pg.escapeIdentifier(table)} LIMIT 1`);
    if (rowCount) {
      throw new AppError(
        'backup.target_not_empty',
        `The database is not empty (table ${table} has rows): restore into a new, empty instance (e.g. DEMO=false).`,
        409,
        { table },
      );
    }
  }
}

/** Serial and identity columns continue after the restored ids. */
async function resetSequences(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ tbl: string; col: string; seq: string }>(
    `SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`,
  );
  for (const r of rows) {
    await client.query(
      `SELECT setval($1, COALESCE((SELECT max(${pg.escapeIdentifier(r.col)}) FROM ${pg.escapeIdentifier(r.tbl)}), 0) + 1, false)`,
      [r.seq],
    );
  }
}
