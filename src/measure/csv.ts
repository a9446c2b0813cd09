/**
 * Tables read from CSV, as spreadsheets write them: the one reader behind every CSV format of
 * measurement (KPI values, conversions). Pure; parsed with csv-parse, so quoting, CRLF and a
 * byte-order mark are handled as RFC 4180 says. The first non-blank line is the header: it names the
 * columns (any order, any case), each known column once. Blank lines are skipped; every problem
 * carries the 1-based line of the file it is on, so people can find it in their spreadsheet.
 */
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvProblem {
  /** 1-based line in the file. */
  line: number;
  /** The column the problem is in, when it is about one field. */
  column?: string;
  message: string;
}

/** One data row: its line and its fields by column name (lower case). */
export interface CsvRow<C extends string> {
  line: number;
  cells: Record<C, string> & Partial<Record<string, string>>;
}

export type CsvTable<C extends string> =
  /** `problems`: rows with the wrong number of fields (left out of `rows`). */
  | { ok: true; columns: C[]; headerLine: number; rows: CsvRow<C>[]; problems: CsvProblem[] }
  /** The file cannot be read as the table at all: not CSV, empty, or a wrong header. */
  | { ok: false; problems: CsvProblem[] };

export interface CsvFormat<C extends string> {
  /** Columns the header must name. */
  required: readonly C[];
  /** Columns it may name besides. */
  optional?: readonly C[];
  /** The columns as messages name them: `kpi,date,value`. */
  describe: string;
}

/** Reads `text` as a table of `format`'s columns. */
export function readCsvTable<C extends string>(text: string, format: CsvFormat<C>): CsvTable<C> {
  let records: { fields: string[]; line: number }[];
  try {
    records = readRecords(text);
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

  const [header, ...data] = records;
  if (header === undefined)
    return { ok: false, problems: [{ line: 1, message: `the file is empty: it needs the header ${format.describe}` }] };
  const names = header.fields.map((f) => f.toLowerCase());
  const known = new Set<string>([...format.required, ...(format.optional ?? [])]);
  const wrongHeader =
    names.some((n) => !known.has(n)) || new Set(names).size !== names.length || format.required.some((c) => !names.includes(c));
  if (wrongHeader) {
    const hint =
      header.fields.length === 1 && header.fields[0]!.includes(';') ? ' (columns must be separated by commas, not semicolons)' : '';
    return {
      ok: false,
      problems: [
        {
          line: header.line,
          message: `the header must name the columns ${format.describe}, not ${header.fields.join(',') || '(nothing)'}${hint}`,
        },
      ],
    };
  }

  const columns = names as C[];
  const rows: CsvRow<C>[] = [];
  const problems: CsvProblem[] = [];
  for (const { fields, line } of data) {
    if (fields.length !== columns.length) {
      problems.push({ line, message: `expected ${columns.length} fields (${header.fields.join(',')}), found ${fields.length}` });
      continue;
    }
    rows.push({ line, cells: Object.fromEntries(columns.map((c, i) => [c, fields[i]!])) as CsvRow<C>['cells'] });
  }
  return { ok: true, columns, headerLine: header.line, rows, problems };
}

/** Non-blank records with the line each starts on. */
function readRecords(text: string): { fields: string[]; line: number }[] {
  const parsed = parse(text, {
    bom: true,
    info: true,
    raw: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
  const rows: { fields: string[]; line: number }[] = [];
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

/** A plain decimal number as CSV cells hold it (`1200`, `-3.5`, `1e3`): no thousands separators, units or special values. */
export function parseCsvNumber(raw: string): number | null {
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}
