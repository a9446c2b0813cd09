/** Opens the one Postgres the app talks to: DATABASE_URL's, or an embedded one in DATA_DIR/pg. */
import pg from 'pg';
import type { Config } from '../config.ts';
import { APP_ROLE, provisionAppDatabase } from './app-role.ts';
import { appPasswordFile, startEmbeddedPostgres, storedPassword } from './embedded.ts';
import { migrate } from './migrate.ts';
import type { Logger } from '../logger.ts';
import { createPool, type Pool } from './pool.ts';

export interface Database {
  pool: Pool;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
  /** Embedded only: restart the server if it dies (see EmbeddedPostgresHandle.keepAlive); a no-op with DATABASE_URL. */
  keepAlive(log: (line: string) => void): void;
}

const EMBEDDED_DB = 'groundwork';

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgDataDir'>,
  options: { migrate?: boolean; logger?: Logger } = {},
): Promise<Database> {
  let url: string;
  let stopServer = async () => {};
  let keepAlive: Database['keepAlive'] = () => {};
  let unwatch = () => {};
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    const logger = options.logger;
    const server = await startEmbeddedPostgres({
      dataDir: config.pgDataDir,
      log: logger && ((line) => logger.debug(line.trimEnd())),
      notice: logger && ((line) => logger.info(line.trimEnd())),
    });
    const password = await storedPassword(appPasswordFile(config.pgDataDir));
    url = await provisionAppDatabase(server.url, EMBEDDED_DB, { name: APP_ROLE, password });
    stopServer = server.stop;
    keepAlive = (log) => {
      unwatch = server.keepAlive(log);
    };
  }
  const pool = createPool(url, 10, options.logger);
  try {
    if (options.migrate !== false) await migrate(pool);
  } catch (e) {
    await pool.end();
    await stopServer();
    throw e;
  }
  return {
    pool,
    url,
    embedded: !config.databaseUrl,
    keepAlive,
    close: async () => {
      unwatch();
      await pool.end();
      await stopServer();
    },
  };
}
