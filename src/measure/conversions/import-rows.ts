/** What both CSV imports share: the file-level refusals and the summary of what happened to each row. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../../errors.ts';
import { parseCsvInSlices, type CsvProblem, type CsvRecords } from '../csv.ts';
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

/**
 * The records of an uploaded file, parsed a slice at a time (the event loop stays free for other
 * requests); 413 `import.too_many_rows` as soon as it has more data rows than IMPORT_LIMITS.rows.
 */
export async function readUpload(csv: string): Promise<CsvRecords> {
  // The header is a record too.
  const parsed = await parseCsvInSlices(csv, IMPORT_LIMITS.rows + 1);
  if ('tooMany' in parsed) {
    throw new AppError(
      'import.too_many_rows',
      `The file has more than ${IMPORT_LIMITS.rows.toLocaleString('en')} rows, the most one import takes. Split it into several files.`,
      413,
      { limit: IMPORT_LIMITS.rows },
    );
  }
  return parsed;
}

/** Problems in file order (a row's in column order as found). */
export const byLine = (problems: ImportProblem[]): ImportProblem[] => problems.sort((a, b) => a.line - b.line);

/** How many rows with at least one error. */
export const rejectedRows = (problems: readonly ImportProblem[]): number => new Set(problems.map((p) => p.line)).size;

/** Data rows checked between two turns of the event loop. */
const ROWS_PER_TURN = 500;

type Read<T> = { ok: true; rows: T[]; problems: CsvProblem[] } | { ok: false; problems: CsvProblem[] };

/**
 * `read` (a format's pure reader, each row on its own) over an upload's records a few hundred rows
 * at a time, the event loop free in between: 10,000 rows take it a noticeable time.
 */
export async function readRowsInSlices<T>(parsed: CsvRecords, read: (part: CsvRecords) => Read<T>): Promise<Read<T>> {
  if (!parsed.ok) return read(parsed);
  const [header, ...data] = parsed.records;
  if (header === undefined) return read(parsed);
  const rows: T[] = [];
  const problems: CsvProblem[] = [];
  for (let at = 0; at === 0 || at < data.length; at += ROWS_PER_TURN) {
    if (at > 0) await nextTurn();
    const part = read({ ok: true, records: [header, ...data.slice(at, at + ROWS_PER_TURN)] });
    if (!part.ok) return part;
    rows.push(...part.rows);
    problems.push(...part.problems);
  }
  return { ok: true, rows, problems };
}
