/**
 * KPI values from CSV — `kpi,date,value`, one measured value per row — as entered in a spreadsheet
 * or exported from another tool. Pure (the caller reads the file); parsed with csv-parse, so quoting,
 * CRLF and a byte-order mark are handled as RFC 4180 says.
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
import { CsvError, parse } from 'csv-parse/sync';
import { isIsoDate } from '../plan/dates.ts';
import type { KpiValue } from '../plan/kpi-progress.ts';
import { closest, listIds } from '../plan/rules/util.ts';

export const KPI_VALUES_COLUMNS = ['kpi', 'date', 'value'] as const;

export interface CsvProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export type KpiValuesResult = { ok: true; values: Map<string, KpiValue[]>; rows: number } | { ok: false; problems: CsvProblem[] };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Row {
  fields: string[];
  line: number;
}

/** Reads KPI values of the KPIs `kpiIds` (the strategy's) from CSV text. */
export function parseKpiValuesCsv(text: string, kpiIds: Iterable<string>): KpiValuesResult {
  const known = new Set(kpiIds);
  let rows: Row[];
  try {
    rows = records(text);
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 1;
      return {
        ok: false,
        problems: [{ line, message: `not valid CSV: ${e.message.replace(/ at line \d+/, '').replace(/,? value is .*$/s, '')}` }],
      };
    }
    throw e;
  }

  const [header, ...data] = rows;
  if (header === undefined)
    return { ok: false, problems: [{ line: 1, message: `the file is empty: it needs the header ${KPI_VALUES_COLUMNS.join(',')}` }] };
  const names = header.fields.map((f) => f.toLowerCase());
  const order = KPI_VALUES_COLUMNS.map((c) => names.indexOf(c));
  if (names.length !== 3 || order.some((i) => i < 0)) {
    const hint =
      header.fields.length === 1 && header.fields[0]!.includes(';') ? ' (columns must be separated by commas, not semicolons)' : '';
    return {
      ok: false,
      problems: [
        {
          line: header.line,
          message: `the header must name the columns ${KPI_VALUES_COLUMNS.join(',')}, not ${header.fields.join(',') || '(nothing)'}${hint}`,
        },
      ],
    };
  }
  const [ki, di, vi] = order as [number, number, number];

  const problems: CsvProblem[] = [];
  const values = new Map<string, KpiValue[]>();
  for (const row of data) {
    if (row.fields.length !== 3) {
      problems.push({ line: row.line, message: `expected 3 fields (${header.fields.join(',')}), found ${row.fields.length}` });
      continue;
    }
    const kpi = row.fields[ki]!;
    const date = row.fields[di]!;
    const raw = row.fields[vi]!;
    const wrong: string[] = [];
    if (!known.has(kpi)) {
      const guess = closest(kpi, known);
      wrong.push(
        kpi === ''
          ? 'no KPI id'
          : `unknown KPI "${kpi}"${guess !== undefined ? ` (did you mean "${guess}"?)` : ` (the strategy's KPIs: ${listIds(known)})`}`,
      );
    }
    if (!isIsoDate(date)) wrong.push(`date "${date}" is not a date written YYYY-MM-DD`);
    const value = NUMBER.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) wrong.push(`value "${raw}" is not a number`);
    if (wrong.length > 0) {
      problems.push({ line: row.line, message: wrong.join('; ') });
      continue;
    }
    const list = values.get(kpi);
    if (list) list.push({ date, value });
    else values.set(kpi, [{ date, value }]);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values, rows: data.length };
}

/** Non-blank records with the line each starts on. */
function records(text: string): Row[] {
  const parsed = parse(text, {
    bom: true,
    info: true,
    raw: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
  const rows: Row[] = [];
  for (const { record, raw, info } of parsed) {
    if (record.length === 1 && record[0] === '') continue; // a line of spaces
    // info.lines is the line the record ends on; a quoted field may span lines, and the raw text
    // starts with the blank lines skipped before it.
    const body = raw.replace(/^(?:\r\n|\n|\r)+/, '').replace(/(?:\r\n|\n|\r)$/, '');
    const spans = body.match(/\r\n|\n|\r/g)?.length ?? 0;
    rows.push({ fields: record, line: info.lines - spans });
  }
  return rows;
}
