/** `groundwork export <strategy-id> [--format yaml|md|pdf|docx] [--workspace slug] [--out file]` */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { ExportFormat } from '../plan-store/export-strategy.ts';

// Listed here rather than imported, so registering the command stays cheap (see main.ts).
const FORMATS = ['yaml', 'md', 'pdf', 'docx'] as const satisfies readonly ExportFormat[];
const BINARY: ReadonlySet<ExportFormat> = new Set(['pdf', 'docx']);

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a stored strategy with its campaigns as plan-as-code YAML, or as the master document (Markdown, PDF or DOCX)')
    .argument('<strategy-id>', 'id of the strategy')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('yaml'))
    .option('-w, --workspace <slug>', 'workspace slug (default: the only workspace)')
    .option('-o, --out <file>', 'write to this file instead of standard output (required for pdf and docx on a terminal)')
    .action(async (id: string, opts: { format: ExportFormat; workspace?: string; out?: string }, command: Command) => {
      // Checked before the database is opened: binary bytes would garble the terminal.
      if (BINARY.has(opts.format) && !opts.out && process.stdout.isTTY) {
        command.error(
          `groundwork: --format ${opts.format} writes a binary file: add --out ${id}.${opts.format}, or redirect standard output to a file.`,
          {
            exitCode: 2,
            code: 'groundwork.binary_to_terminal',
          },
        );
      }
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
        await new Promise<void>((resolve, reject) => process.stdout.write(file.body, (e) => (e ? reject(e) : resolve())));
      }
    });
}
