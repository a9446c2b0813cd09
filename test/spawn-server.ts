/**
 * Starts the server as its own process, the way `npm start` runs it (the compiled build in dist/server/,
 * which the test global setup brings up to date), and waits until it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../src/db/embedded.ts';

/** The compiled server `npm start` runs (scripts/server-build.mjs). */
export const SERVER_ENTRY = path.resolve('dist/server/main.js');

export interface SpawnedServer {
  child: ChildProcess;
  port: number;
  /** Everything the process printed so far (stdout and stderr): JSON log lines, since it is not a terminal. */
  output(): string;
  /** The messages of those log lines, as a person would read them. */
  messages(): string;
  /** Resolves with the exit code once the process has ended. */
  exited(): Promise<number | null>;
}

/**
 * `env` is the whole environment of the process; PORT and DATA_DIR are set here, and LOG_LEVEL is
 * info: the start is known by its info line ("Groundwork on http://…").
 */
export async function spawnServer(env: NodeJS.ProcessEnv, dataDir: string): Promise<SpawnedServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Groundwork on http://')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return {
    child,
    port,
    output: () => output,
    messages: () => logMessages(output),
    exited: () => new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code)))),
  };
}

/** The `msg` of each JSON log line in `output` (other lines as they are), one per line. */
export function logMessages(output: string): string {
  return output
    .split('\n')
    .map((line) => {
      if (!line.startsWith('{')) return line;
      try {
        const entry = JSON.parse(line) as { msg?: unknown };
        return typeof entry.msg === 'string' ? entry.msg : line;
      } catch {
        return line;
      }
    })
    .join('\n');
}
