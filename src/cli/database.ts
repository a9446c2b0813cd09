/** Opens the app's database for a CLI command and always closes it, whatever the command does. */
import { loadConfig } from '../config.ts';
import { startCredentials } from '../connections/credentials.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';

export async function withCliDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config, { logger: createLogger(config.logLevel, { stderr: true }).child({ component: 'db' }) });
  try {
    // Any command may be the first to open the database after an upgrade: it encrypts plaintext
    // credentials left from before, as the server would, so none stays behind in the meantime.
    await startCredentials(config, db.pool);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The workspace a command acts on: the one named, or the only one there is. */
export async function resolveWorkspace(db: Database, slug: string | undefined): Promise<{ id: string; slug: string }> {
  const { rows } = await db.pool.query<{ id: string; slug: string }>(
    'SELECT id, slug FROM workspaces WHERE ($1::text IS NULL OR slug = $1) ORDER BY created_at LIMIT 2',
    [slug ?? null],
  );
  if (slug && !rows.length) throw new AppError('workspace.not_found', `No workspace with slug "${slug}".`, 404);
  if (!slug && rows.length !== 1) {
    throw new AppError(
      'workspace.ambiguous',
      rows.length
        ? 'Several workspaces exist: name one with --workspace <slug>.'
        : 'No workspace exists yet: start the app once or create one.',
      400,
    );
  }
  return rows[0]!;
}
