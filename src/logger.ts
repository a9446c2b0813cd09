/**
 * The one logger (pino) for the HTTP server, the publish worker, the database and the CLI. The
 * composition root makes it once from LOG_LEVEL and hands children (`component`) to each part.
 * On a terminal lines are pretty-printed; otherwise (containers, log shippers) they are JSON.
 */
import pino from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

export type Logger = pino.Logger;
export type LogLevel = Config['logLevel'];

/** `stderr`: for the CLI, whose stdout is the command's output (an export piped to a file). */
export function createLogger(level: LogLevel, options: { pretty?: boolean; stderr?: boolean } = {}): Logger {
  const fd = options.stderr ? 2 : 1;
  const human = options.pretty ?? (options.stderr ? process.stderr : process.stdout).isTTY === true;
  // Synchronous streams: a line logged just before a crash or an exit is not lost.
  const stream = human
    ? pretty({ sync: true, colorize: true, destination: fd, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' })
    : pino.destination({ dest: fd, sync: true });
  return pino({ level, base: { pid: process.pid } }, stream);
}

/** For tests and library defaults: logs nothing. */
export const silentLogger: Logger = pino({ level: 'silent' });
