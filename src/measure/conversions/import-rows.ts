/** What both CSV imports share: the file-level refusals and the summary of what happened to each row. */
import { AppError } from '../../errors.ts';
import type { CsvProblem } from '../csv.ts';
import { IMPORT_LIMITS, type ImportProblem } from './schema.ts';

/** 422 `import.unreadable`: the file is not the table at all (not CSV, empty, a wrong header); details.errors say where. */
export const unreadable = (problems: readonly CsvProblem[]): AppError =>
  new AppError('import.unreadable', `Nothing imported: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}.`, 422, {
    errors: problems,
  });

/** The number of data rows: the good ones and those with problems (a row counted once however many problems it has). */
export function countRows(good: readonly { line: number }[], problems: readonly CsvProblem[]): number {
  return good.length + new Set(problems.map((p) => p.line)).size;
}

/** 413 `import.too_many_rows` beyond IMPORT_LIMITS.rows. */
export function checkRowCount(rows: number): void {
  if (rows > IMPORT_LIMITS.rows) {
    throw new AppError(
      'import.too_many_rows',
      `The file has ${rows.toLocaleString('en')} rows; one import takes at most ${IMPORT_LIMITS.rows.toLocaleString('en')}. Split it into several files.`,
      413,
      { rows, limit: IMPORT_LIMITS.rows },
    );
  }
}

/** Problems in file order (a row's in column order as found). */
export const byLine = (problems: ImportProblem[]): ImportProblem[] => problems.sort((a, b) => a.line - b.line);

/** How many rows with at least one error. */
export const rejectedRows = (problems: readonly ImportProblem[]): number => new Set(problems.map((p) => p.line)).size;
