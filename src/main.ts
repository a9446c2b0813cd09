/**
 * The one entry point: config → logger → database (embedded or DATABASE_URL) → migrations → demo →
 * the roles SERVICES names. `SERVICES=worker` runs the publish worker alone and never loads the web
 * server (a small, quick process; the crash test runs and kills exactly this path).
 */
import { ConfigError, loadConfig } from './config.ts';
import { startCredentials } from './connections/credentials.ts';
import { openDatabase } from './db/database.ts';
import { createPool } from './db/pool.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Mailer } from './mail/mailer.ts';
import { storageFromConfig } from './media/storage.ts';
import { registryFromConfig, startPublishing, type PublishingRole } from './scheduler/worker.ts';
import { onShutdown } from './shutdown.ts';

async function main(log: Logger) {
  const config = loadConfig();
  log.level = config.logLevel;
  const started = Date.now();
  const db = await openDatabase(config, { logger: log.child({ component: 'db' }) });
  log.info(`Database ready (${db.embedded ? `embedded Postgres in ${config.pgDataDir}` : 'DATABASE_URL'}) in ${Date.now() - started} ms`);
  try {
    // Before any role starts: connecting accounts and publishing both need the key.
    const secrets = await startCredentials(config, db.pool);
    log.info(
      `Credentials encrypted with the key from ${secrets.where}${secrets.sealed ? ` (${secrets.sealed} stored in plain text before were encrypted now)` : ''}`,
    );
    if (secrets.unreadable) {
      log.warn(
        `${secrets.unreadable} connection(s) have credentials encrypted with another key than the one from ${secrets.where}: ` +
          'they cannot publish until that key is restored or the accounts are reconnected.',
      );
    }
  } catch (e) {
    await db.close();
    throw e;
  }
  db.keepAlive((line) => log.warn(line));
  const web = config.services.includes('web');
  let app: { close(): Promise<unknown> } | undefined;
  let publishing: PublishingRole | undefined;
  let mailer: Mailer | undefined;
  // The worker gets a pool of its own: a burst of due posts must not starve web requests.
  const workerPool = config.services.includes('worker') ? createPool(db.url, 10, log.child({ component: 'db' })) : undefined;
  try {
    if (config.demo) {
      const { seedDemo } = await import('./demo/seed-demo.ts');
      await seedDemo(db.pool, (line) => log.info(line), config.demoHistoryEnd ? { historyEnd: config.demoHistoryEnd } : {});
    }
    // pg-boss on the app's database: every role needs the queue (the web role to schedule posts),
    // the worker role also runs the worker (same process by default, alone with SERVICES=worker).
    // One set of connectors for both roles (they keep network sessions per connection).
    const connectors = registryFromConfig(config, workerPool ?? db.pool);
    const mediaStorage = storageFromConfig(config.media);
    log.info(`Media uploads stored on ${mediaStorage.description}`);
    const publishLog = log.child({ component: 'publish' });
    publishing = await startPublishing({
      url: db.url,
      pool: workerPool ?? db.pool,
      config,
      worker: workerPool !== undefined,
      registry: connectors,
      mediaStorage,
      log: publishLog,
    });
    if (publishing.worker)
      publishLog.info(
        `publish worker ready (pid ${process.pid}, concurrency ${config.publish.concurrency}, grace ${config.publish.graceMinutes} min)`,
      );
    if (web) {
      const { buildApp } = await import('./http/app.ts');
      const mail = config.mail;
      if (mail) {
        const { createMailer } = await import('./mail/mailer.ts');
        mailer = createMailer(mail, log.child({ component: 'mail' }));
      }
      log.info(
        mail
          ? `Sign-up mail sent through ${new URL(mail.smtpUrl).host} from ${mail.from}`
          : 'No SMTP_URL: sign-up is one step, without mail (SECURITY.md says what that reveals)',
      );
      const deps = {
        pool: db.pool,
        config,
        queue: publishing.queue,
        connectors,
        mediaStorage,
        mediaLimits: config.media,
        logger: log.child({ component: 'http' }),
        mailer,
      };
      const server = await buildApp(deps);
      app = server;
      await server.listen({ port: config.port, host: config.host });
      const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
      log.info(`Groundwork on http://${host}:${config.port}  ·  API docs http://${host}:${config.port}/api/docs`);
    }
  } catch (e) {
    // Stop the embedded Postgres too: a failed start must not leave a server behind.
    await app?.close();
    await mailer?.close();
    await publishing?.stop();
    await workerPool?.end();
    await db.close();
    throw e;
  }

  onShutdown(
    'Groundwork',
    async () => {
      await app?.close();
      // Lets messages in flight (sign-up links) go out.
      await mailer?.close();
      // Lets publishes in flight finish (their outcome recorded) before the database goes.
      await publishing?.stop();
      await workerPool?.end();
      await db.close();
    },
    log,
  );
}

// Made before the config is read, so a configuration error is logged like everything else.
const log = createLogger('info');
main(log).catch((e) => {
  if (e instanceof ConfigError) log.error(e.message);
  else log.error(e);
  process.exit(1);
});
