/**
 * `groundwork lint <files or dirs…> [--format text|json] [--config file]`
 *
 * Needs no database or server. Exit codes: 0 no errors (warnings allowed), 1 at least one error,
 * 2 unreadable input (bad YAML, schema violation, missing file — reported as `schema` findings with
 * a line) or a bad config.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { isAppError } from '../errors.ts';
import type { LintConfig } from '../plan/lint-config.ts';
import type { Finding, LintResult } from '../plan/schema.ts';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

export interface LintCommandOptions {
  format?: 'text' | 'json';
  config?: string;
}

export interface LintIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env?: NodeJS.ProcessEnv;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check plan files against the schema and every rule (no database needed)')
    .argument('<paths...>', 'plan files, or directories searched for *.yaml, *.yml and *.json')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'lint config (YAML): rules: { <rule-id>: off | warning | error }')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors (warnings allowed), 1 at least one error, 2 unreadable input\n(bad YAML, schema violation, missing file) or a bad config.',
    )
    .action(async (paths: string[], opts: LintCommandOptions) => {
      process.exitCode = await runLint(paths, opts);
    });
}

/** Runs the command; returns the exit code. All output goes through `io`. */
export async function runLint(paths: readonly string[], opts: LintCommandOptions = {}, io: LintIo = process): Promise<number> {
  // Loaded here, not at the top: `groundwork --help` and the other commands stay fast.
  const [{ lintDocuments, mergeLintResults, parseLintConfigText, summarize, validateLintConfig, isUnreadableFinding }, files] =
    await Promise.all([import('../plan/lint.ts'), import('../plan-store/plan-files.ts')]);
  const fail = (message: string): number => {
    io.stderr.write(`groundwork lint: ${message}\n`);
    return EXIT_UNREADABLE;
  };

  // — config —
  let config: LintConfig | undefined;
  if (opts.config !== undefined) {
    let text: string;
    try {
      text = await readFile(opts.config, 'utf8');
    } catch (e) {
      return fail(`cannot read config ${opts.config}: ${files.reasonOf(e)}`);
    }
    try {
      config = parseLintConfigText(text, opts.config);
      validateLintConfig(config);
    } catch (e) {
      if (isAppError(e)) return fail(e.message);
      throw e;
    }
  }

  // — files —
  const { documents, findings: problems, files: planFiles } = await files.loadPlanFiles(paths);
  if (planFiles.length === 0 && problems.length === 0) {
    return fail(`no plan files (*.yaml, *.yml, *.json) found in ${paths.join(', ')}`);
  }

  let linted: LintResult;
  try {
    linted = lintDocuments(documents, config === undefined ? {} : { config });
  } catch (e) {
    if (isAppError(e)) return fail(e.message);
    throw e;
  }
  const result = mergeLintResults([{ findings: problems, summary: summarize(problems) }, linted]);

  if (opts.format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout.write(formatText(result, { color: useColor(io), files: planFiles.length, documents: documents.length }));

  if (result.findings.some(isUnreadableFinding)) return EXIT_UNREADABLE;
  return result.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

function useColor(io: LintIo): boolean {
  const env = io.env ?? process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return io.stdout.isTTY === true && env.TERM !== 'dumb';
}

const ansi = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const STYLES = { red: ansi('31'), yellow: ansi('33'), green: ansi('32'), dim: ansi('2'), underline: ansi('4'), bold: ansi('1') };
const PLAIN = { red: String, yellow: String, green: String, dim: String, underline: String, bold: String };

/**
 * ESLint-like text: findings grouped by file, one line each (`  12:0  error  message  rule-id`),
 * then a summary line. Schema findings show their JSON pointer before the message.
 */
export function formatText(result: LintResult, opts: { color?: boolean; files?: number; documents?: number } = {}): string {
  const c = opts.color ? STYLES : PLAIN;
  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = f.file ?? '<input>';
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const lines: string[] = [];
  for (const [file, findings] of groups) {
    lines.push(c.underline(file));
    const posWidth = Math.max(...findings.map((f) => position(f).length));
    const sevWidth = Math.max(...findings.map((f) => f.severity.length));
    for (const f of findings) {
      const sev = f.severity.padEnd(sevWidth);
      const message = f.rule === 'schema' && f.path !== '' ? `${f.path}: ${f.message}` : f.message;
      lines.push(
        `  ${c.dim(position(f).padStart(posWidth))}  ${f.severity === 'error' ? c.red(sev) : c.yellow(sev)}  ${message}  ${c.dim(f.rule)}`,
      );
    }
    lines.push('');
  }
  const { errors, warnings } = result.summary;
  const total = errors + warnings;
  if (total === 0) {
    const scope =
      opts.files !== undefined
        ? ` (${plural(opts.files, 'file')}${opts.documents !== undefined ? `, ${plural(opts.documents, 'document')}` : ''})`
        : '';
    lines.push(c.green(`✔ no problems${scope}`));
  } else {
    const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
    lines.push(c.bold(errors > 0 ? c.red(summary) : c.yellow(summary)));
  }
  return `${lines.join('\n')}\n`;
}

function position(f: Finding): string {
  return `${f.line ?? 0}:0`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
