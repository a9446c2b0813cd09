/** Starts Groundwork: config → database (embedded or DATABASE_URL) → migrations → demo → roles. */
import { ConfigError, loadConfig } from './config.ts';
import { onShutdown } from './shutdown.ts';
import { startCredentials } from './connections/credentials.ts';
import { openDatabase } from './db/database.ts';
import { createPool } from './db/pool.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { buildApp } from './http/app.ts';
import { storageFromConfig } from './media/storage.ts';
import { registryFromConfig, startPublishing, type PublishingRole } from './publishing/worker.ts';

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const db = await openDatabase(config);
  console.log(`Database ready (${db.embedded ? `embedded Postgres in ${config.pgDataDir}` : 'DATABASE_URL'}) in ${Date.now() - started} ms`);
  try {
    // Before any role starts: connecting accounts and publishing both need the key.
    const secrets = await startCredentials(config, db.pool);
    console.log(`Credentials encrypted with the key from ${secrets.where}${secrets.sealed ? ` (${secrets.sealed} stored in plain text before were encrypted now)` : ''}`);
    if (secrets.unreadable) {
      console.warn(
        `Warning: ${secrets.unreadable} connection(s) have credentials encrypted with another key than the one from ${secrets.where}: ` +
          'they cannot publish until that key is restored or the accounts are reconnected.',
      );
    }
  } catch (e) {
    await db.close();
    throw e;
  }
  db.keepAlive((line) => console.log(line));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let publishing: PublishingRole | undefined;
  // The worker gets a pool of its own: a burst of due posts must not starve web requests.
  const workerPool = config.services.includes('worker') ? createPool(db.url, 10) : undefined;
  try {
    if (config.demo) await seedDemo(db.pool, (line) => console.log(line));
    // pg-boss on the app's database: every role needs the queue (the web role to schedule posts),
    // the worker role also runs the worker (same process by default, alone with SERVICES=worker).
    // One set of connectors for both roles (they keep network sessions per connection).
    const connectors = registryFromConfig(config, workerPool ?? db.pool);
    const mediaStorage = storageFromConfig(config.media);
    console.log(`Media uploads stored on ${mediaStorage.description}`);
    publishing = await startPublishing({ url: db.url, pool: workerPool ?? db.pool, config, worker: workerPool !== undefined, registry: connectors, mediaStorage });
    if (publishing.worker) console.log(`Publish worker started (concurrency ${config.publish.concurrency}, grace ${config.publish.graceMinutes} min)`);
    if (config.services.includes('web')) {
      const deps = { pool: db.pool, config, queue: publishing.queue, connectors, mediaStorage, mediaLimits: config.media };
      app = await buildApp(deps);
      await app.listen({ port: config.port, host: config.host });
      const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
      console.log(`Groundwork on http://${host}:${config.port}  ·  API docs http://${host}:${config.port}/api/docs`);
    }
  } catch (e) {
    // Stop the embedded Postgres too: a failed start must not leave a server behind.
    await app?.close();
    await publishing?.stop();
    await workerPool?.end();
    await db.close();
    throw e;
  }

  onShutdown('Groundwork', async () => {
    await app?.close();
    // Lets publishes in flight finish (their outcome recorded) before the database goes.
    await publishing?.stop();
    await workerPool?.end();
    await db.close();
  });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
