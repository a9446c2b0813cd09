/**
 * Mentions from a file, for networks no adapter reads: CSV or JSONL, one mention per row. Pure.
 *
 * Fields (CSV: a header naming the columns, any order, any case; JSONL: one object per line):
 * - `id` (required, 1–2,048 characters): the mention's id where it comes from; the same id is stored once.
 * - `text` (required, at most 100,000 characters).
 * - `posted_at` (required): an ISO 8601 date-time with a zone, from the year 2000 to a day ahead.
 * - `author`, `lang` (ISO 639-1 such as `en`, or a tag such as `pt-BR`; detected when empty), `url`
 *   (http(s)), `links` (CSV: URLs separated by spaces; JSONL: an array of URLs), `media` (a whole
 *   number of images or videos, default 0).
 */
import { z } from 'zod';
import { type CsvProblem, type CsvRecords, parseCsv, tableOf } from '../measure/csv.ts';
import type { NormalizedMention } from './ingest.ts';

export const MENTION_FILE_COLUMNS = ['id', 'text', 'author', 'lang', 'url', 'posted_at', 'links', 'media'] as const;
type Column = (typeof MENTION_FILE_COLUMNS)[number];
const DESCRIBE = 'id,text,posted_at (and any of author,lang,url,links,media)';
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(2000, 0, 1);

export type MentionFileRow = NormalizedMention & { line: number };
export type MentionFileRead = { ok: true; rows: MentionFileRow[]; problems: CsvProblem[] } | { ok: false; problems: CsvProblem[] };

const url = z.url({ protocol: /^https?$/ }).max(2048);
const dateTime = z.iso.datetime({ offset: true });
const LANG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

interface RawRow {
  line: number;
  id: unknown;
  text: unknown;
  author?: unknown;
  lang?: unknown;
  url?: unknown;
  posted_at: unknown;
  links?: unknown;
  media?: unknown;
}

/** One row's fields checked: the mention, or its problems (each with the column). */
function readRow(raw: RawRow, now: Date, problems: CsvProblem[]): MentionFileRow | null {
  const before = problems.length;
  const wrong = (column: Column, message: string) => problems.push({ line: raw.line, column, message });
  const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : typeof v === 'string' ? v : String(v));

  const id = str(raw.id);
  if (id === null) wrong('id', 'no id: every mention needs the id it has where it comes from');
  else if (id.length > 2048) wrong('id', `id is ${id.length} characters long; at most 2,048`);
  const text = typeof raw.text === 'string' ? raw.text : null;
  if (text === null || text.trim() === '') wrong('text', 'no text');
  else if (text.length > 100_000) wrong('text', `text is ${text.length} characters long; at most 100,000`);
  const author = str(raw.author);
  if (author !== null && author.length > 320) wrong('author', 'author is longer than 320 characters');
  const lang = str(raw.lang);
  if (lang !== null && !LANG.test(lang)) wrong('lang', `lang "${lang.slice(0, 40)}" is not a language code such as en or pt-BR`);
  const link = str(raw.url);
  if (link !== null && !url.safeParse(link).success) wrong('url', `url "${link.slice(0, 100)}" is not an http(s) URL`);

  const postedRaw = str(raw.posted_at);
  let postedAt: Date | null = null;
  if (postedRaw === null || !dateTime.safeParse(postedRaw).success)
    wrong(
      'posted_at',
      `posted_at "${(postedRaw ?? '').slice(0, 60)}" is not an ISO 8601 date-time with a time zone (2027-03-01T10:15:00Z)`,
    );
  else {
    postedAt = new Date(postedRaw);
    if (postedAt.getTime() < EARLIEST) wrong('posted_at', 'posted_at is before the year 2000');
    else if (postedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) wrong('posted_at', 'posted_at is more than a day in the future');
  }

  const links: string[] = [];
  const rawLinks = raw.links === undefined || raw.links === null || raw.links === '' ? [] : raw.links;
  const list = typeof rawLinks === 'string' ? rawLinks.split(/\s+/).filter(Boolean) : rawLinks;
  if (!Array.isArray(list) || list.length > 100) wrong('links', 'links must be up to 100 URLs (CSV: separated by spaces; JSONL: an array)');
  else
    for (const l of list) {
      if (typeof l === 'string' && url.safeParse(l).success) links.push(l);
      else {
        wrong('links', `"${String(l).slice(0, 100)}" is not an http(s) URL`);
        break;
      }
    }

  const mediaRaw = raw.media === undefined || raw.media === null || raw.media === '' ? 0 : Number(raw.media);
  if (!Number.isInteger(mediaRaw) || mediaRaw < 0 || mediaRaw > 1000) wrong('media', 'media must be a whole number from 0 to 1,000');

  if (problems.length > before) return null;
  return {
    line: raw.line,
    network: 'import',
    externalId: id!,
    text: text!,
    author,
    lang,
    url: link,
    postedAt: postedAt!,
    links,
    media: mediaRaw,
  };
}

/** Mentions from CSV (`input`: the text or its records already parsed). */
export function readMentionsCsv(input: string | CsvRecords, now: Date): MentionFileRead {
  const table = tableOf<Column>(typeof input === 'string' ? parseCsv(input) : input, {
    required: ['id', 'text', 'posted_at'],
    optional: ['author', 'lang', 'url', 'links', 'media'],
    describe: DESCRIBE,
  });
  if (!table.ok) return table;
  const problems = [...table.problems];
  const rows: MentionFileRow[] = [];
  for (const { line, cells } of table.rows) {
    const row = readRow({ line, ...cells }, now, problems);
    if (row) rows.push(row);
  }
  return { ok: true, rows, problems };
}

/** Mentions from JSONL: one JSON object per line; blank lines are skipped. */
export function readMentionsJsonl(text: string, now: Date): MentionFileRead {
  const problems: CsvProblem[] = [];
  const rows: MentionFileRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((content, i) => {
    const line = i + 1;
    if (content.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      problems.push({ line, message: 'not a JSON object' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, message: 'not a JSON object' });
      return;
    }
    const o = value as Record<string, unknown>;
    const row = readRow({ ...o, line, id: o.id, text: o.text, posted_at: o.posted_at }, now, problems);
    if (row) rows.push(row);
  });
  if (rows.length === 0 && problems.length === 0) return { ok: false, problems: [{ line: 1, message: 'the file has no mentions' }] };
  return { ok: true, rows, problems };
}
