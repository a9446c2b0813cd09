/** `groundwork export <strategy-id> [--format yaml|md] [--workspace slug] [--out file]` */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a stored strategy with its campaigns as plan-as-code YAML or a Markdown master document')
    .argument('<strategy-id>', 'id of the strategy')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['yaml', 'md']).default('yaml'))
    .option('-w, --workspace <slug>', 'workspace slug (default: the only workspace)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { format: 'yaml' | 'md'; workspace?: string; out?: string }) => {
      const [{ withCliDatabase, resolveWorkspace }, { exportStrategy }] = await Promise.all([
        import('./database.ts'),
        import('../plan-store/export-strategy.ts'),
      ]);
      const file = await withCliDatabase(async (db) => {
        const workspace = await resolveWorkspace(db, opts.workspace);
        return exportStrategy(db.pool, workspace.id, id, opts.format);
      });
      if (opts.out) {
        await writeFile(opts.out, file.body);
        process.stderr.write(`wrote ${opts.out}\n`);
      } else {
        process.stdout.write(file.body);
      }
    });
}
