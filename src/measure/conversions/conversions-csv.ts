/**
 * Conversions from CSV — one conversion per row, as a shop or CRM exports them. Pure (./import-conversions.ts
 * checks the campaigns, links and stored conversions the rows name).
 *
 * ```csv
 * external_id,campaign,value,currency,occurred_at
 * order-1001,winter-blend-launch,42.50,EUR,2027-11-20T10:15:00Z
 * order-1002,winter-blend-launch,0,EUR,2027-11-21
 * ```
 *
 * Columns (any order, any case): `external_id` (1–200 characters, the sender's id: the same id is
 * counted once), `campaign` (a campaign id) and/or `link` (a tracked link code) — each row fills
 * exactly one of them —, `value` (a plain number ≥ 0 with at most two decimals), `currency` (ISO 4217)
 * and `occurred_at` (an ISO 8601 date-time with a time zone, or a date `YYYY-MM-DD`, read as 00:00 UTC;
 * from the year 2000 to at most a day in the future). Every bad field is reported with its line and column.
 */
import { z } from 'zod';
import { isIsoDate } from '../../plan/dates.ts';
import { type CsvProblem, type CsvRecords, parseCsv, parseCsvNumber, tableOf } from '../csv.ts';
import { amountProblem } from '../costs/schema.ts';
import { EARLIEST_CONVERSION } from './schema.ts';

const COLUMNS = ['external_id', 'campaign', 'link', 'value', 'currency', 'occurred_at'] as const;
type Column = (typeof COLUMNS)[number];
export const CONVERSIONS_CSV_HEADER = 'external_id,campaign,value,currency,occurred_at';
const DESCRIBE = `${CONVERSIONS_CSV_HEADER} (link instead of campaign, or both)`;

/** How far ahead a conversion may be dated: clocks differ, a sale tomorrow has not happened. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** A good row: a conversion to record. */
export interface ConversionRow {
  line: number;
  externalId: string;
  /** Exactly one of the two. */
  campaign: string | null;
  link: string | null;
  value: number;
  currency: string;
  occurredAt: Date;
}

const dateTime = z.iso.datetime({ offset: true });

/** When a conversion happened, from an ISO date-time with a zone or a date (00:00 UTC); null when it is neither. */
function readMoment(raw: string): Date | null {
  if (isIsoDate(raw)) return new Date(`${raw}T00:00:00Z`);
  return dateTime.safeParse(raw).success ? new Date(raw) : null;
}

/**
 * Reads conversions from CSV (`input`: the text, or its records already parsed): the good rows, and
 * the problems of the bad ones (`ok: false`: not the table at all).
 */
export function readConversionRows(
  input: string | CsvRecords,
  now: Date,
): { ok: true; rows: ConversionRow[]; problems: CsvProblem[] } | { ok: false; problems: CsvProblem[] } {
  const table = tableOf<Column>(typeof input === 'string' ? parseCsv(input) : input, {
    required: ['external_id', 'value', 'currency', 'occurred_at'],
    optional: ['campaign', 'link'],
    describe: DESCRIBE,
  });
  if (!table.ok) return table;
  if (!table.columns.includes('campaign') && !table.columns.includes('link')) {
    return {
      ok: false,
      problems: [{ line: table.headerLine, message: `the header must name the columns ${DESCRIBE}: it has neither campaign nor link` }],
    };
  }

  const problems = [...table.problems];
  const rows: ConversionRow[] = [];
  for (const { line, cells } of table.rows) {
    const before = problems.length;
    const wrong = (column: Column, message: string) => problems.push({ line, column, message });

    const externalId = cells.external_id;
    if (externalId === '') wrong('external_id', 'no external_id: every conversion needs the id it has in your shop or CRM');
    else if (externalId.length > 200) wrong('external_id', `external_id is ${externalId.length} characters long; at most 200`);

    const campaign = cells.campaign ?? '';
    const link = cells.link ?? '';
    if (campaign === '' && link === '')
      wrong(table.columns.includes('campaign') ? 'campaign' : 'link', 'needs a campaign id or a link code');
    else if (campaign !== '' && link !== '') wrong('link', 'give a campaign or a link, not both');

    const value = parseCsvNumber(cells.value);
    const valueProblem = value === null ? 'is not a number' : amountProblem(value);
    if (valueProblem !== null) wrong('value', `value "${cells.value}" ${valueProblem}`);

    const currency = cells.currency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) wrong('currency', `currency "${cells.currency}" is not an ISO 4217 code such as EUR or USD`);

    const occurredAt = readMoment(cells.occurred_at);
    if (occurredAt === null)
      wrong(
        'occurred_at',
        `occurred_at "${cells.occurred_at}" is not a date-time with a time zone (2027-03-01T10:15:00Z) or a date (2027-03-01)`,
      );
    else if (occurredAt.getTime() < EARLIEST_CONVERSION) wrong('occurred_at', `occurred_at "${cells.occurred_at}" is before the year 2000`);
    else if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      wrong('occurred_at', `occurred_at "${cells.occurred_at}" is more than a day in the future`);

    if (problems.length === before) {
      rows.push({
        line,
        externalId,
        campaign: campaign === '' ? null : campaign,
        link: link === '' ? null : link,
        value: value!,
        currency,
        occurredAt: occurredAt!,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { ok: true, rows, problems };
}
