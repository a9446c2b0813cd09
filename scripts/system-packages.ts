/**
 * What `npm test` needs from Debian besides npm packages: Chromium for the browser tests and the
 * PostgreSQL server package for the external-database run. Installed with apt when missing and we are
 * root (as in CI and most containers); otherwise the run stops with the exact command to type.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '../src/db/embedded.ts';

const isRoot = process.getuid?.() === 0;

/** Debian's Chromium, which the browser tests drive (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Debian `packages` (root with apt) or stops with the command that would. */
export function ensureDebianPackages(what: string, packages: string[]): void {
  const command = `apt-get install -y ${packages.join(' ')}`;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`${what} is missing. Install it with:\n  sudo ${command}\nthen run npm test again.`);
    process.exit(1);
  }
  console.log(`${what} is missing: installing it (${command})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${run.status}).`);
      process.exit(1);
    }
  }
}

export function ensureChromium(executable: string): void {
  if (!existsSync(executable)) ensureDebianPackages(`Chromium (${executable}, for the browser tests)`, ['chromium']);
}

/** The newest installed Debian PostgreSQL server's bin directory, e.g. /usr/lib/postgresql/15/bin. */
function debianPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', 'pg_ctl')) && existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

export interface DebianPostgres {
  url: string;
  version: string;
  stop(): void;
}

/**
 * A throwaway cluster of Debian's PostgreSQL server — a separately built server, not the embedded
 * one's binaries — on a free loopback port with a random superuser password, reached only by URL.
 */
export async function startDebianPostgres(): Promise<DebianPostgres> {
  let bin = debianPostgresBin();
  if (!bin) {
    ensureDebianPackages("Debian's PostgreSQL server (for the external-database run)", ['postgresql']);
    bin = debianPostgresBin();
    if (!bin) throw new Error('the postgresql package installed no server under /usr/lib/postgresql');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-debian-pg-'));
  const dataDir = path.join(dir, 'data');
  const password = randomBytes(18).toString('hex');
  writeFileSync(path.join(dir, 'pwfile'), `${password}\n`, { mode: 0o600 });
  // Postgres refuses to run as root: as root, the cluster belongs to Debian's postgres account.
  const asOwner = (cmd: string, args: string[]) =>
    isRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
      : spawnSync(cmd, args, { encoding: 'utf8' });
  if (isRoot) {
    chmodSync(dir, 0o755);
    const { uid, gid } = postgresAccount();
    chownSync(dir, uid, gid);
    chownSync(path.join(dir, 'pwfile'), uid, gid);
  }
  const check = (run: ReturnType<typeof spawnSync>, step: string) => {
    if (run.status !== 0) throw new Error(`${step} failed (exit ${run.status}): ${String(run.stderr ?? '').trim()}`);
  };
  check(
    asOwner(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'groundwork',
      '--auth=scram-sha-256',
      `--pwfile=${path.join(dir, 'pwfile')}`,
      '--encoding=UTF8',
      '--no-instructions',
    ]),
    'initdb',
  );
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  check(
    asOwner(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']),
    'pg_ctl start',
  );
  const version = spawnSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    url: `postgres://groundwork:${password}@127.0.0.1:${port}/postgres`,
    version,
    stop() {
      asOwner(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresAccount(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('no postgres account: the postgresql package makes it');
  return { uid, gid };
}
