/**
 * KPI values from CSV — `kpi,date,value`, one measured value per row — as entered in a spreadsheet
 * or exported from another tool. Pure (the caller reads the file); read by ./csv.ts, so quoting, CRLF
 * and a byte-order mark are handled as RFC 4180 says.
 *
 * ```csv
 * kpi,date,value
 * total-followers,2027-03-31,4630
 * reply-time,2027-03-31,420
 * ```
 *
 * The header names the three columns (any order, any case). Every row needs exactly three fields: a
 * KPI id of the strategy, an ISO date (`YYYY-MM-DD`) and a plain decimal number (`1200`, `-3.5`,
 * `0.042`, `1e3`; no thousands separators or units). Blank lines are skipped. Every bad row is
 * reported with its 1-based line and nothing is returned from a file with problems: a half-read file
 * would show wrong progress. Several values of one KPI on one date are kept (KPI progress takes the
 * last as current).
 */
import { isIsoDate } from '../plan/dates.ts';
import { isoDateSchema, MAX_PLAN_YEAR } from '../plan/schema.ts';
import type { KpiValue } from '../plan/kpi-progress.ts';
import { closest, listIds } from '../plan/rules/util.ts';
import { type CsvProblem, type CsvRecords, parseCsv, parseCsvNumber, tableOf } from './csv.ts';

export const KPI_VALUES_COLUMNS = ['kpi', 'date', 'value'] as const;
type Column = (typeof KPI_VALUES_COLUMNS)[number];

export type KpiValuesResult = { ok: true; values: Map<string, KpiValue[]>; rows: number } | { ok: false; problems: CsvProblem[] };

/** One good row of the file. */
export interface KpiValueRow extends KpiValue {
  line: number;
  kpi: string;
}

/**
 * Every row of the file on its own: the good ones, and a problem per bad field (its line and column)
 * or per row with the wrong number of fields, in file order. `ok: false` when the file cannot be
 * read as the table at all (not CSV, empty, a wrong header). For an import that takes the good rows
 * and reports the bad ones. `input`: the CSV text, or its records already parsed.
 */
export function readKpiValueRows(
  input: string | CsvRecords,
  kpiIds: Iterable<string>,
): { ok: true; rows: KpiValueRow[]; problems: CsvProblem[] } | { ok: false; problems: CsvProblem[] } {
  const known = new Set(kpiIds);
  const table = tableOf<Column>(typeof input === 'string' ? parseCsv(input) : input, {
    required: KPI_VALUES_COLUMNS,
    describe: KPI_VALUES_COLUMNS.join(','),
  });
  if (!table.ok) return table;

  const problems = [...table.problems];
  const rows: KpiValueRow[] = [];
  for (const { line, cells } of table.rows) {
    const wrong = (column: Column, message: string) => problems.push({ line, column, message });
    const before = problems.length;
    if (!known.has(cells.kpi)) {
      const guess = closest(cells.kpi, known);
      wrong(
        'kpi',
        cells.kpi === ''
          ? 'no KPI id'
          : `unknown KPI "${cells.kpi}"${guess !== undefined ? ` (did you mean "${guess}"?)` : ` (the strategy's KPIs: ${listIds(known)})`}`,
      );
    }
    if (!isIsoDate(cells.date)) wrong('date', `date "${cells.date}" is not a date written YYYY-MM-DD`);
    else if (!isoDateSchema.safeParse(cells.date).success)
      wrong('date', `date "${cells.date}" is not in the years 0001 to ${MAX_PLAN_YEAR}`);
    const value = parseCsvNumber(cells.value);
    if (value === null) wrong('value', `value "${cells.value}" is not a number`);
    if (problems.length === before) rows.push({ line, kpi: cells.kpi, date: cells.date, value: value! });
  }
  problems.sort((a, b) => a.line - b.line);
  return { ok: true, rows, problems };
}

/** Reads KPI values of the KPIs `kpiIds` (the strategy's) from CSV text: all of them, or the problems (one per bad line). */
export function parseKpiValuesCsv(text: string, kpiIds: Iterable<string>): KpiValuesResult {
  const read = readKpiValueRows(text, kpiIds);
  if (!read.ok) return read;
  if (read.problems.length > 0) {
    // One problem per line, its fields' messages together, as people fix them line by line.
    const byLine = new Map<number, string[]>();
    for (const p of read.problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.message]);
    return { ok: false, problems: [...byLine].map(([line, messages]) => ({ line, message: messages.join('; ') })) };
  }
  const values = new Map<string, KpiValue[]>();
  for (const { kpi, date, value } of read.rows) {
    const list = values.get(kpi);
    if (list) list.push({ date, value });
    else values.set(kpi, [{ date, value }]);
  }
  return { ok: true, values, rows: read.rows.length };
}
