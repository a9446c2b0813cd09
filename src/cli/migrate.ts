/** `groundwork migrate`: apply pending migrations to the configured database and list them. */
import type { Command } from 'commander';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (the server also does this at start)')
    .action(async () => {
      const [{ loadConfig }, { openDatabase }, { migrate }] = await Promise.all([
        import('../config.ts'),
        import('../db/database.ts'),
        import('../db/migrate.ts'),
      ]);
      // openDatabase migrates by default; ask it not to so this command can report what it applied.
      const db = await openDatabase(loadConfig(), { migrate: false });
      try {
        const applied = await migrate(db.pool);
        process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await db.close();
      }
    });
}
