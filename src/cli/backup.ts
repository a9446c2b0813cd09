/** `groundwork backup <file>` and `groundwork restore <file>`: a consistent snapshot of everything, and its restore into an empty instance. */
import type { Command } from 'commander';

const summary = (verb: string, file: string, tables: Record<string, number>) => {
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  return `${verb} ${file}: ${rows} rows in ${Object.keys(tables).length} tables\n`;
};

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'write a consistent snapshot of the database (plans, versions, posts, connections with secrets still encrypted, audit) to a file',
    )
    .argument('<file>', 'where to write it (gzipped JSON lines, mode 0600)')
    .action(async (file: string) => {
      const [{ withCliDatabase }, { backupDatabase }] = await Promise.all([import('./database.ts'), import('../db/backup.ts')]);
      const { tables } = await withCliDatabase((db) => backupDatabase(db.pool, file));
      process.stdout.write(summary('backed up to', file, tables));
    });

  program
    .command('restore')
    .description('load a snapshot into an empty instance migrated to the same version (start it with DEMO=false)')
    .argument('<file>', 'a file written by `groundwork backup`')
    .action(async (file: string) => {
      const [{ withCliDatabase }, { restoreDatabase }] = await Promise.all([import('./database.ts'), import('../db/backup.ts')]);
      const { tables } = await withCliDatabase((db) => restoreDatabase(db.pool, file));
      process.stdout.write(summary('restored from', file, tables));
    });
}
