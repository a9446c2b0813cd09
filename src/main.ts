/** Starts Groundwork: config → database (embedded or DATABASE_URL) → migrations → demo → roles. */
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { buildApp } from './http/app.ts';

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const db = await openDatabase(config);
  console.log(`Database ready (${db.embedded ? `embedded Postgres in ${config.pgDataDir}` : 'DATABASE_URL'}) in ${Date.now() - started} ms`);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    if (config.demo) await seedDemo(db.pool, (line) => console.log(line));
    if (config.services.includes('web')) {
      app = await buildApp({ pool: db.pool, config });
      await app.listen({ port: config.port, host: config.host });
      const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
      console.log(`Groundwork on http://${host}:${config.port}  ·  API docs http://${host}:${config.port}/api/docs`);
    }
  } catch (e) {
    // Stop the embedded Postgres too: a failed start must not leave a server behind.
    await app?.close();
    await db.close();
    throw e;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await app?.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
