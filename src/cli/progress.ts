/**
 * `groundwork progress <strategy file> --values <csv> --as-of YYYY-MM-DD [--format text|json]`
 *
 * KPI progress of one strategy on a day, from measured values in a CSV file (`kpi,date,value`), by
 * the definitions of src/plan/kpi-progress.ts. Needs no database or server. Exit codes: 0 the report
 * was printed; 2 unreadable input — a missing or invalid --as-of, a file that cannot be read, a plan
 * with schema problems or without exactly one strategy, or bad CSV rows (each reported with its line).
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { KpiProgressReport, KpiStatus } from '../plan/kpi-progress.ts';

export const EXIT_OK = 0;
export const EXIT_UNREADABLE = 2;
/** Problems printed before "… and n more". */
const MAX_PROBLEMS_SHOWN = 50;

export interface ProgressCommandOptions {
  values: string;
  asOf: string;
  format?: 'text' | 'json';
}

export interface ProgressIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export function registerProgress(program: Command): void {
  program
    .command('progress')
    .description('KPI progress of a strategy on a day, from measured values in a CSV file (no database needed)')
    .argument('<strategy>', 'plan file holding the strategy (or a directory with it and its campaigns)')
    .requiredOption('--values <csv>', 'CSV file with the header kpi,date,value: KPI id, ISO date, number')
    .requiredOption('--as-of <date>', 'the day to report on, YYYY-MM-DD: values dated later are ignored')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nExit codes: 0 report printed; 2 unreadable input (missing or invalid --as-of, a file that cannot be\nread, a plan without exactly one strategy, or bad CSV rows, reported with their line numbers).',
    )
    .action(async (file: string, opts: ProgressCommandOptions) => {
      process.exitCode = await runProgress(file, opts);
    });
}

/** Runs the command; returns the exit code. All output goes through `io`. */
export async function runProgress(file: string, opts: ProgressCommandOptions, io: ProgressIo = process): Promise<number> {
  const fail = (...lines: string[]): number => {
    for (const line of lines) io.stderr.write(`groundwork progress: ${line}\n`);
    return EXIT_UNREADABLE;
  };
  const [{ isIsoDate }, { kpiProgressReport }, { parseKpiValuesCsv }, files] = await Promise.all([
    import('../plan/dates.ts'),
    import('../plan/kpi-progress.ts'),
    import('../measure/kpi-values-csv.ts'),
    import('../plan-store/plan-files.ts'),
  ]);

  if (typeof opts.asOf !== 'string' || !isIsoDate(opts.asOf)) {
    return fail(`--as-of must be a date written YYYY-MM-DD that exists, not ${JSON.stringify(opts.asOf ?? '')}`);
  }

  // — the strategy —
  const { documents, findings } = await files.loadPlanFiles([file]);
  const problems = findings.filter((f) => f.severity === 'error');
  if (problems.length > 0) {
    return fail(
      ...capped(
        problems.map((f) => {
          const where =
            f.line !== undefined ? `${f.file ?? file}:${f.line}: ` : f.message.includes(f.file ?? file) ? '' : `${f.file ?? file}: `;
          return `${where}${f.path !== '' ? `${f.path}: ` : ''}${f.message}`;
        }),
      ),
    );
  }
  const strategies = documents.map((d) => d.doc).filter((d) => d.kind === 'strategy');
  if (strategies.length !== 1) {
    return fail(
      strategies.length === 0
        ? `${file} holds no strategy (kind: strategy)`
        : `${file} holds ${strategies.length} strategies (${strategies.map((s) => s.id).join(', ')}); progress reports on one: name the file that holds it`,
    );
  }
  const strategy = strategies[0]!;

  // — the values —
  let csv: string;
  try {
    csv = await readFile(opts.values, 'utf8');
  } catch (e) {
    return fail(`cannot read values ${opts.values}: ${files.reasonOf(e)}`);
  }
  const kpiIds = strategy.objectives.flatMap((o) => o.kpis.map((k) => k.id));
  const parsed = parseKpiValuesCsv(csv, kpiIds);
  if (!parsed.ok) return fail(...capped(parsed.problems.map((p) => `${opts.values}:${p.line}: ${p.message}`)));

  const report = kpiProgressReport(strategy, parsed.values, opts.asOf);
  io.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatProgressText(report));
  return EXIT_OK;
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_PROBLEMS_SHOWN) return lines;
  return [...lines.slice(0, MAX_PROBLEMS_SHOWN), `… and ${lines.length - MAX_PROBLEMS_SHOWN} more problems`];
}

/** `1234.5678` → "1234.57", `0.035123` → "0.0351", null → "—". */
export function formatNumber(n: number | null): string {
  if (n === null) return '—';
  const rounded = Math.abs(n) >= 1 ? Number(n.toFixed(2)) : Number(n.toPrecision(3));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A share as a percentage with one decimal: 0.4567 → "45.7%", 0.8 → "80.0%", null → "—". */
export function formatPercent(share: number | null): string {
  if (share === null) return '—';
  const text = (share * 100).toFixed(1);
  return `${text === '-0.0' ? '0.0' : text}%`;
}

const COLUMNS: { header: string; right?: true; cell: (k: KpiProgressReport['kpis'][number]) => string }[] = [
  { header: 'KPI', cell: (k) => k.id },
  { header: 'Objective', cell: (k) => k.objective },
  { header: 'Baseline', right: true, cell: (k) => formatNumber(k.baseline) },
  { header: 'Target', right: true, cell: (k) => formatNumber(k.target) },
  { header: 'Due', cell: (k) => k.due ?? '—' },
  { header: 'Current', right: true, cell: (k) => formatNumber(k.current) },
  { header: 'Progress', right: true, cell: (k) => formatPercent(k.progress) },
  { header: 'Expected', right: true, cell: (k) => formatPercent(k.expected) },
  { header: 'Forecast', right: true, cell: (k) => formatNumber(k.forecast) },
  { header: 'Status', cell: (k) => k.status },
];

/** Statuses in the summary line: from good to bad, then what cannot be judged. */
const SUMMARY_ORDER: readonly KpiStatus[] = ['achieved', 'ahead', 'on_track', 'at_risk', 'behind', 'overdue', 'no_data'];

/** The report as an aligned table with a title and a count per status. */
export function formatProgressText(report: KpiProgressReport): string {
  const rows = [COLUMNS.map((c) => c.header), ...report.kpis.map((k) => COLUMNS.map((c) => c.cell(k)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (COLUMNS[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  const counts = SUMMARY_ORDER.map((status) => [status, report.kpis.filter((k) => k.status === status).length] as const).filter(
    ([, n]) => n > 0,
  );
  const n = report.kpis.length;
  const summary = `${n} KPI${n === 1 ? '' : 's'}${n > 0 ? `: ${counts.map(([status, count]) => `${count} ${status}`).join(', ')}` : ''}`;
  return [`KPI progress of strategy ${report.strategy} as of ${report.asOf}`, '', ...lines, '', summary, ''].join('\n');
}
