/**
 * The `groundwork` command line. `bin/groundwork.js` loads this file and calls {@link main}.
 *
 * Each command lives in its own file and exports `register<Name>(program)`. Keep registration
 * cheap: import heavy modules (database, server, plan engine) inside the command's action with
 * `await import(…)`, so `groundwork lint` and `--help` never pay for what they do not use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors.ts';
import { ROOT } from '../root.ts';
import { registerBackup } from './backup.ts';
import { registerDiff } from './diff.ts';
import { registerExport } from './export.ts';
import { registerImport } from './import.ts';
import { registerLint } from './lint.ts';
import { registerMatch } from './match.ts';
import { registerMigrate } from './migrate.ts';
import { registerProgress } from './progress.ts';
import { registerRotateKey } from './rotate-key.ts';
import { registerUser } from './user.ts';

const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerLint,
  registerProgress,
  registerDiff,
  registerMatch,
  registerImport,
  registerExport,
  registerMigrate,
  registerRotateKey,
  registerUser,
  registerBackup,
];

/** Exit code for usage errors (unknown command or option, missing argument). */
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('groundwork')
    .description('Strategy-first social media planning: plan-as-code, rules engine, API.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Parses argv, runs the command and sets `process.exitCode`. Never prints a stack trace unless DEBUG is set. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // `groundwork lint … | head` closes stdout early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and --version "fail" with exit code 0; anything else is a usage error (already printed).
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (isAppError(e)) {
      process.stderr.write(`groundwork: ${e.code}: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`groundwork: unexpected error: ${err.message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
    process.exitCode = 1;
  }
}
