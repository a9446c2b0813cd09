/** `groundwork import <files or dirs…> [--workspace slug]`: store plan files, all or nothing. */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_UNREADABLE, formatText } from './lint.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('store plan files in a workspace in one transaction (strategies first, then their campaigns)')
    .argument('<paths...>', 'plan files, or directories searched for *.yaml, *.yml and *.json')
    .option('-w, --workspace <slug>', 'workspace slug (default: the only workspace)')
    .action(async (paths: string[], opts: { workspace?: string }) => {
      const [{ loadPlanFiles }, { withCliDatabase, resolveWorkspace }, { importPlan }, { summarize }] = await Promise.all([
        import('../plan-store/plan-files.ts'),
        import('./database.ts'),
        import('../plan-store/import-plan.ts'),
        import('../plan/lint.ts'),
      ]);
      const { documents, findings } = await loadPlanFiles(paths);
      const errors = findings.filter((f) => f.severity === 'error');
      if (errors.length || !documents.length) {
        process.stdout.write(formatText({ findings: errors, summary: summarize(errors) }));
        process.stderr.write(`groundwork import: nothing stored${documents.length ? '' : ' (no plan documents found)'}\n`);
        process.exitCode = EXIT_UNREADABLE;
        return;
      }
      const result = await withCliDatabase(async (db) => {
        const workspace = await resolveWorkspace(db, opts.workspace);
        return importPlan(
          db.pool,
          { workspaceId: workspace.id, actor: null },
          documents.map((d) => d.doc),
        );
      });
      for (const d of result.documents) process.stdout.write(`${d.outcome.padEnd(9)} ${d.kind} ${d.id} (version ${d.version})\n`);
      process.stdout.write(formatText(result.lint));
      // Stored: success, even when the plan has findings (they are printed; `lint` is the gate).
      process.exitCode = EXIT_OK;
    });
}
