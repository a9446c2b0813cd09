/**
 * CPU seconds used so far by this process and by one benchmark's Postgres, read from /proc: its
 * postmaster and the postmaster's children (backends, WAL writer, autovacuum…), and the children that
 * have exited (a closed connection, a parallel worker), which the postmaster's own counters keep.
 * Other clusters on the machine (other test runs) are not counted: on a shared machine these figures
 * depend far less on how busy it is than wall-clock rates do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function cpuSeconds(pgDataDir: string): { node: number; postgres: number } {
  const tick = 100; // USER_HZ
  const postmaster = Number(readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pid) !== postmaster && Number(f[1]) !== postmaster) continue;
      postgres += (Number(f[11]) + Number(f[12])) / tick;
      // cutime + cstime: the postmaster's children it has reaped.
      if (Number(pid) === postmaster) postgres += (Number(f[13]) + Number(f[14])) / tick;
    } catch {
      // gone meanwhile
    }
  }
  const u = process.cpuUsage();
  return { node: (u.user + u.system) / 1e6, postgres };
}
