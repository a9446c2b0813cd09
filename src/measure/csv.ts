/**
 * Tables read from CSV, as spreadsheets write them: the one reader behind every CSV format of
 * measurement (KPI values, conversions). Parsed with csv-parse, so quoting, CRLF and a byte-order
 * mark are handled as RFC 4180 says. The first non-blank line is the header: it names the columns
 * (any order, any case), each known column once. Blank lines are skipped; every problem carries the
 * 1-based line of the file it is on, so people can find it in their spreadsheet.
 *
 * `parseCsv` reads a file at once (the CLI); the server reads uploads with `parseCsvInSlices`, which
 * gives the event loop back between slices (10,000 rows take csv-parse a few hundred milliseconds of
 * CPU) and stops as soon as a file has more records than it may.
 */
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse as parser, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';

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

interface CsvRecord {
  fields: string[];
  line: number;
}

/** A file's non-blank records with the line each starts on, or why it is not CSV. */
export type CsvRecords = { ok: true; records: CsvRecord[] } | { ok: false; problems: CsvProblem[] };

const OPTIONS: Options = {
  bom: true,
  info: true,
  trim: true,
  relax_column_count: true,
  skip_empty_lines: true,
  // Any line ending, even mixed in one file (a spreadsheet's rows, a text editor's last line).
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** A record as csv-parse gives it: its fields, and how many bytes of the file are read once it ends. */
type Parsed = { record: string[]; info: { bytes: number } };

const LINE_BREAK = /\r\n|\r|\n/g;
const BLANK_LINE = /^[^\S\r\n]*(?:\r\n|\r|\n)/;

/**
 * Where each record starts, counted from the file's own bytes: csv-parse's line counter counts a
 * CRLF inside a quoted field twice and a line of spaces not at all. A record's bytes are those read
 * since the previous record's end: the blank lines skipped before it, itself, its line break.
 */
function lineTracker(file: Buffer): (parsed: Parsed) => CsvRecord | null {
  let consumed = 0;
  let line = 1;
  let endedWithCr = false;
  return ({ record, info }) => {
    let span = file.subarray(consumed, info.bytes).toString('utf8');
    consumed = info.bytes;
    // The \n of a CRLF whose \r ended the previous record is the same line break.
    if (endedWithCr && span.startsWith('\n')) span = span.slice(1);
    endedWithCr = span.endsWith('\r');
    let start = line;
    line += span.match(LINE_BREAK)?.length ?? 0;
    for (let blank = BLANK_LINE.exec(span); blank !== null; blank = BLANK_LINE.exec(span)) {
      span = span.slice(blank[0].length);
      start++;
    }
    // A line of spaces at the very end is a record of one empty field.
    return record.length === 1 && record[0] === '' ? null : { fields: record, line: start };
  };
}

function notCsv(e: unknown): CsvRecords {
  if (!(e instanceof CsvError)) throw e;
  const line = (e as CsvError & { lines?: number }).lines ?? 1;
  return {
    ok: false,
    problems: [{ line, message: `not valid CSV: ${e.message.replace(/ at line \d+/, '').replace(/,? value is .*$/s, '')}` }],
  };
}

/** The records of `text`, read at once. */
export function parseCsv(text: string): CsvRecords {
  try {
    const recordOf = lineTracker(Buffer.from(text, 'utf8'));
    const parsed = parse(text, OPTIONS) as unknown as Parsed[];
    return { ok: true, records: parsed.map(recordOf).filter((r): r is CsvRecord => r !== null) };
  } catch (e) {
    return notCsv(e);
  }
}

/** Characters parsed between two turns of the event loop. */
const SLICE = 8 * 1024;

/**
 * The records of `text`, read a slice at a time with the event loop free in between. With more than
 * `maxRecords` records, it stops there and answers `tooMany` (the records read so far are of no use).
 */
export async function parseCsvInSlices(text: string, maxRecords: number): Promise<CsvRecords | { ok: true; tooMany: true }> {
  const stream = parser(OPTIONS);
  const recordOf = lineTracker(Buffer.from(text, 'utf8'));
  const records: CsvRecord[] = [];
  stream.on('readable', () => {
    for (let parsed = stream.read() as Parsed | null; parsed !== null; parsed = stream.read() as Parsed | null) {
      const record = recordOf(parsed);
      if (record) records.push(record);
    }
  });
  // Settles when the last record is read (or the CSV is broken): never rejects, so stopping early leaves no unhandled rejection.
  const done = finished(stream).then(
    () => null,
    (e: unknown) => e,
  );
  let failed = false;
  stream.once('error', () => {
    failed = true;
  });
  for (let at = 0; at < text.length && !failed; at += SLICE) {
    stream.write(text.slice(at, at + SLICE));
    // The slice's records are read in process.nextTick callbacks: a turn of the event loop runs
    // them, and whatever else waits (other requests).
    await nextTurn();
    if (records.length > maxRecords) {
      stream.destroy();
      return { ok: true, tooMany: true };
    }
  }
  stream.end();
  const failure = await done;
  if (failure !== null) return notCsv(failure);
  return records.length > maxRecords ? { ok: true, tooMany: true } : { ok: true, records };
}

/** Parsed records as a table of `format`'s columns. */
export function tableOf<C extends string>(parsed: CsvRecords, format: CsvFormat<C>): CsvTable<C> {
  if (!parsed.ok) return parsed;
  const { records } = parsed;
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

/** A plain decimal number as CSV cells hold it (`1200`, `-3.5`, `1e3`): no thousands separators, units or special values. */
export function parseCsvNumber(raw: string): number | null {
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}
