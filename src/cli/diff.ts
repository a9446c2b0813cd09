/**
 * `groundwork diff <a> <b> [--format text|json]`
 *
 * The semantic diff (src/plan/diff.ts) between two plan files (or directories): objectives, KPIs,
 * channels… added, removed, or changed field by field. Needs no database or server. Exit codes, like
 * `diff(1)`: 0 no differences; 1 differences (printed); 2 unreadable input — a file that cannot be
 * read or holds schema problems (each reported with its line).
 */
import { Option, type Command } from 'commander';

export const EXIT_SAME = 0;
export const EXIT_DIFFERENT = 1;
export const EXIT_UNREADABLE = 2;

interface DiffCommandOptions {
  format?: 'text' | 'json';
}

interface DiffIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('What changed between two plan files: entities added, removed, and fields old → new (no database needed)')
    .argument('<a>', 'the older plan file (or directory)')
    .argument('<b>', 'the newer plan file (or directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nExit codes: 0 no differences; 1 differences (printed); 2 unreadable input (a file that cannot be read,\nor schema problems, reported with their line numbers).',
    )
    .action(async (a: string, b: string, opts: DiffCommandOptions) => {
      process.exitCode = await runDiff(a, b, opts);
    });
}

/** Runs the command; returns the exit code. All output goes through `io`. */
async function runDiff(a: string, b: string, opts: DiffCommandOptions, io: DiffIo = process): Promise<number> {
  const [{ diffPlans, formatDiffText }, { loadPlanFiles }] = await Promise.all([
    import('../plan/diff.ts'),
    import('../plan-store/plan-files.ts'),
  ]);
  const [loadedA, loadedB] = await Promise.all([loadPlanFiles([a]), loadPlanFiles([b])]);
  const problems = [...loadedA.findings, ...loadedB.findings].filter((f) => f.severity === 'error');
  if (problems.length > 0) {
    for (const f of problems) {
      const where = f.line !== undefined ? `${f.file}:${f.line}: ` : f.file && !f.message.includes(f.file) ? `${f.file}: ` : '';
      io.stderr.write(`groundwork diff: ${where}${f.path !== '' ? `${f.path}: ` : ''}${f.message}\n`);
    }
    return EXIT_UNREADABLE;
  }
  const changes = diffPlans(
    loadedA.documents.map((d) => d.doc),
    loadedB.documents.map((d) => d.doc),
  );
  io.stdout.write(opts.format === 'json' ? `${JSON.stringify({ from: a, to: b, changes }, null, 2)}\n` : formatDiffText(changes));
  return changes.length === 0 ? EXIT_SAME : EXIT_DIFFERENT;
}
