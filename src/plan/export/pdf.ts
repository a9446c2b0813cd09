/**
 * Plan → PDF master document (pdfkit): the blocks of master-document.ts laid out on A4 — a cover,
 * wrapped text and tables that break across pages, phase timelines drawn as bars on a month axis,
 * page numbers and PDF bookmarks.
 *
 * The Info dictionary is written uncompressed, so the title is findable in the file: an ASCII
 * strategy name appears as a PDF literal string `(Name)` (with `(`, `)` and `\` backslash-escaped),
 * any other name as UTF-16BE with a byte-order mark (see pdf.test.ts).
 *
 * Fonts: a Unicode TrueType font of the system (Liberation Sans, DejaVu Sans or Noto Sans, as
 * Debian packages them) when one is installed, so any name prints; otherwise the PDF standard font
 * Helvetica, with text reduced to the characters it can show (WinAnsi).
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { toEpochDay } from '../dates.ts';
import type { Campaign, Finding, Strategy } from '../schema.ts';
import {
  buildMasterDocument,
  monthLabel,
  monthsOf,
  PALETTE,
  type Block,
  type Column,
  type MasterDocument,
  type MasterDocumentOptions,
  type TimelineBar,
} from './master-document.ts';

type Doc = PDFKit.PDFDocument;

export interface PdfFonts {
  regular: string;
  bold: string;
}

export interface PdfOptions extends MasterDocumentOptions {
  /** TrueType files to use, or `'standard'` for Helvetica; default: the first installed of FONT_CANDIDATES. */
  fonts?: PdfFonts | 'standard';
}

export const FONT_CANDIDATES: readonly PdfFonts[] = [
  {
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  },
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf' },
];

/** The fonts `exportPlanPdf` uses by default: an installed Unicode font, or 'standard'. */
export function defaultPdfFonts(): PdfFonts | 'standard' {
  return FONT_CANDIDATES.find((f) => existsSync(f.regular) && existsSync(f.bold)) ?? 'standard';
}

// ——— layout constants (points; A4 is 595 × 842) ———
const MARGIN = { top: 60, bottom: 64, left: 56, right: 56 };
const hex = (c: string) => `#${c}`;
const [INK, MUTED, ACCENT, RULE, HEADER_FILL, TOTAL_FILL] = [
  PALETTE.ink,
  PALETTE.muted,
  PALETTE.accent,
  PALETTE.rule,
  PALETTE.headerFill,
  PALETTE.totalFill,
].map(hex) as [string, string, string, string, string, string];
const BAR_COLOURS = PALETTE.bars.map(hex);
const SIZE = { body: 10, small: 8.5, h1: 18, h2: 13, h3: 11 };

export async function exportPlanPdf(
  strategy: Strategy,
  campaigns: readonly Campaign[],
  findings?: readonly Finding[],
  options: PdfOptions = {},
): Promise<Buffer> {
  const model = buildMasterDocument(strategy, campaigns, findings, options);
  const fonts = options.fonts ?? defaultPdfFonts();
  return renderPdf(model, fonts);
}

/**
 * A pdfkit document with Groundwork's fonts and page margins: the text the fonts can show, the
 * printable width, page breaks. The master document and the reports (src/measure/reports) write
 * through it.
 */
export class PdfPage {
  readonly regular: string;
  readonly bold: string;
  /** Text the fonts can show: everything with a TrueType font, WinAnsi with Helvetica. */
  readonly t: (s: string) => string;

  constructor(
    readonly doc: Doc,
    fonts: PdfFonts | 'standard',
    readonly margin: { top: number; bottom: number; left: number; right: number },
  ) {
    if (fonts === 'standard') {
      this.regular = 'Helvetica';
      this.bold = 'Helvetica-Bold';
      this.t = toWinAnsi;
    } else {
      doc.registerFont('gw-regular', fonts.regular);
      doc.registerFont('gw-bold', fonts.bold);
      this.regular = 'gw-regular';
      this.bold = 'gw-bold';
      this.t = (s) => s;
    }
  }

  get left(): number {
    return this.margin.left;
  }
  get width(): number {
    return this.doc.page.width - this.margin.left - this.margin.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.margin.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  font(bold: boolean, size: number, colour = INK): Doc {
    return this.doc
      .font(bold ? this.bold : this.regular)
      .fontSize(size)
      .fillColor(colour);
  }
}

class Writer extends PdfPage {
  constructor(doc: Doc, fonts: PdfFonts | 'standard') {
    super(doc, fonts, MARGIN);
  }

  height(text: string, bold: boolean, size: number, width: number): number {
    this.font(bold, size);
    return this.doc.heightOfString(this.t(text) || ' ', { width });
  }
}

function renderPdf(model: MasterDocument, fonts: PdfFonts | 'standard'): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    displayTitle: true,
    info: {
      Title: model.title,
      Author: model.organisation,
      Subject: model.subtitle,
      Creator: 'Groundwork',
      Producer: 'Groundwork (pdfkit)',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc, fonts);
  cover(w, model);
  doc.addPage();
  for (const [i, block] of model.blocks.entries()) renderBlock(w, block, i === 0, model.blocks[i + 1]);
  footers(w, model);
  doc.end();
  return done;
}

function cover(w: Writer, m: MasterDocument): void {
  const { doc } = w;
  doc.rect(0, 0, doc.page.width, 12).fill(ACCENT);
  doc.y = 190;
  w.font(true, 10, ACCENT).text(w.t(m.subtitle.toUpperCase()), w.left, doc.y, { width: w.width, characterSpacing: 1 });
  doc.moveDown(0.8);
  w.font(true, 30).text(w.t(m.title), { width: w.width, lineGap: 2 });
  doc.moveDown(0.6);
  w.font(false, 16, MUTED).text(w.t(m.organisation), { width: w.width });
  doc.moveDown(1.5);
  const line = doc.y;
  doc
    .moveTo(w.left, line)
    .lineTo(w.left + 80, line)
    .lineWidth(2)
    .strokeColor(ACCENT)
    .stroke();
  doc.moveDown(1);
  w.font(false, 12).text(w.t(`Period: ${m.period}`), w.left, doc.y, { width: w.width });
  doc.moveDown(0.3);
  w.font(false, 12).text(w.t(`Prepared: ${m.date}`), { width: w.width });

  // Key figures along the bottom of the cover (below the text, however long the names are).
  const y = Math.max(doc.page.height - MARGIN.bottom - 90, doc.y + 30);
  if (y + 50 > doc.page.height - MARGIN.bottom) return;
  const cell = w.width / m.facts.length;
  m.facts.forEach((f, i) => {
    const x = w.left + i * cell;
    w.font(true, 26, ACCENT).text(w.t(f.value), x, y, { width: cell - 8, lineBreak: false });
    w.font(false, 10, MUTED).text(w.t(f.label), x, y + 34, { width: cell - 8, lineBreak: false });
  });
}

function renderBlock(w: Writer, block: Block, first: boolean, next: Block | undefined): void {
  const { doc } = w;
  switch (block.type) {
    case 'pageBreak':
      if (!first && doc.y > MARGIN.top + 1) doc.addPage();
      return;
    case 'heading': {
      const size = block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3;
      const h = w.height(block.text, true, size, w.width);
      if (!first) doc.moveDown(block.level === 1 ? 1.2 : 0.8);
      // Keep a heading with the start of what follows.
      w.ensure(h + (next ? leadHeight(w, next) : 0));
      if (block.level === 1) doc.outline.addItem(w.t(block.text));
      w.font(true, size, block.level === 1 ? ACCENT : INK).text(w.t(block.text), w.left, doc.y, { width: w.width });
      if (block.level === 1) {
        const y = doc.y + 2;
        doc
          .moveTo(w.left, y)
          .lineTo(w.left + w.width, y)
          .lineWidth(0.75)
          .strokeColor(RULE)
          .stroke();
        doc.y = y + 6;
      } else doc.moveDown(0.3);
      return;
    }
    case 'paragraph': {
      const colour = block.muted ? MUTED : INK;
      w.ensure(Math.min(w.height(block.text, false, SIZE.body, w.width), 40));
      if (block.label !== undefined) {
        w.font(true, SIZE.body, colour).text(w.t(block.text ? `${block.label}: ` : block.label), w.left, doc.y, {
          width: w.width,
          continued: block.text !== '',
        });
        if (block.text) w.font(false, SIZE.body, colour).text(w.t(block.text));
      } else {
        w.font(false, SIZE.body, colour).text(w.t(block.text), w.left, doc.y, { width: w.width });
      }
      doc.moveDown(0.5);
      return;
    }
    case 'bullets': {
      for (const item of block.items) {
        const indent = 8 + item.level * 16;
        const x = w.left + indent + 10;
        const width = w.width - indent - 10;
        const text = item.label !== undefined ? `${item.label}: ${item.text}` : item.text;
        w.ensure(Math.min(w.height(text, false, SIZE.body, width), 28));
        const y = doc.y;
        w.font(false, SIZE.body, item.level === 0 ? INK : MUTED).text(item.level === 0 ? '•' : '–', w.left + indent, y, {
          width: 10,
          lineBreak: false,
        });
        if (item.label !== undefined) {
          w.font(true, SIZE.body).text(w.t(`${item.label}: `), x, y, { width, continued: true });
          w.font(false, SIZE.body).text(w.t(item.text));
        } else {
          w.font(false, SIZE.body).text(w.t(item.text), x, y, { width });
        }
        doc.moveDown(0.2);
      }
      doc.moveDown(0.4);
      return;
    }
    case 'fields': {
      const labelWidth = Math.min(130, w.width * 0.3);
      const valueWidth = w.width - labelWidth - 10;
      const rowHeight = (row: { label: string; value: string }) =>
        Math.max(w.height(row.label, true, SIZE.body, labelWidth), w.height(row.value, false, SIZE.body, valueWidth)) + 3;
      // Short field lists (a campaign's facts) stay on one page.
      w.ensure(
        Math.min(
          block.rows.reduce((n, r) => n + rowHeight(r), 0),
          320,
        ),
      );
      for (const row of block.rows) {
        const h = Math.max(w.height(row.label, true, SIZE.body, labelWidth), w.height(row.value, false, SIZE.body, valueWidth));
        w.ensure(Math.min(h, 60));
        const y = doc.y;
        const page = doc.page;
        w.font(true, SIZE.body, MUTED).text(w.t(row.label), w.left, y, { width: labelWidth });
        const afterLabel = doc.y;
        w.font(false, SIZE.body).text(w.t(row.value), w.left + labelWidth + 10, y, { width: valueWidth });
        // A very long value may run onto the next page; then go on below it there.
        doc.y = (doc.page === page ? Math.max(doc.y, afterLabel) : doc.y) + 3;
      }
      doc.x = w.left;
      doc.moveDown(0.4);
      return;
    }
    case 'table':
      table(w, block.columns, block.rows, block.total);
      return;
    case 'timeline':
      timeline(w, block.start, block.end, block.bars);
      return;
  }
}

/** How much of a block must fit below a heading for the heading not to be left alone at a page end. */
function leadHeight(w: Writer, block: Block): number {
  switch (block.type) {
    case 'heading':
      return w.height(block.text, true, block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3, w.width) + 70;
    case 'fields':
      return Math.min(block.rows.length * 20, 320);
    case 'timeline':
      return 60;
    case 'table':
      return 50;
    case 'pageBreak':
      return 0;
    default:
      return 40;
  }
}

function table(w: Writer, columns: readonly Column[], rows: readonly string[][], total?: readonly string[]): void {
  const { doc } = w;
  const sum = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => (c.width / sum) * w.width);
  const pad = 4;
  const rowHeight = (cells: readonly string[], bold: boolean) =>
    Math.max(...cells.map((c, i) => w.height(c, bold, SIZE.small, widths[i]! - 2 * pad))) + 2 * pad;

  const drawRow = (cells: readonly string[], opts: { bold: boolean; fill?: string }) => {
    const h = rowHeight(cells, opts.bold);
    const y = doc.y;
    let x = w.left;
    if (opts.fill) doc.rect(w.left, y, w.width, h).fill(opts.fill);
    cells.forEach((c, i) => {
      const cw = widths[i]!;
      w.font(opts.bold, SIZE.small).text(w.t(c), x + pad, y + pad, { width: cw - 2 * pad, align: columns[i]!.align ?? 'left' });
      x += cw;
    });
    doc
      .moveTo(w.left, y + h)
      .lineTo(w.left + w.width, y + h)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + h;
  };
  const header = () =>
    drawRow(
      columns.map((c) => c.header),
      { bold: true, fill: HEADER_FILL },
    );

  doc.moveDown(0.2);
  const firstRow = rows[0] ?? total ?? [];
  w.ensure(
    rowHeight(
      columns.map((c) => c.header),
      true,
    ) + rowHeight(firstRow, false),
  );
  header();
  const all = total ? [...rows.map((r) => ({ r, total: false })), { r: [...total], total: true }] : rows.map((r) => ({ r, total: false }));
  for (const { r, total: isTotal } of all) {
    const h = rowHeight(r, isTotal);
    // A row taller than a page is cut by pdfkit's own page break; others move whole to the next page.
    if (doc.y + h > w.bottom && h < w.bottom - MARGIN.top) {
      doc.addPage();
      header();
    }
    drawRow(r, { bold: isTotal, fill: isTotal ? TOTAL_FILL : undefined });
  }
  doc.x = w.left;
  doc.moveDown(0.8);
}

function timeline(w: Writer, start: string, end: string, bars: readonly TimelineBar[]): void {
  const { doc } = w;
  const months = monthsOf(start, end);
  if (!months.length || !bars.length) return;
  const labelWidth = Math.min(170, w.width * 0.32);
  const chartX = w.left + labelWidth + 8;
  const chartWidth = w.left + w.width - chartX;
  const axisStart = toEpochDay(isoMonth(months[0]!, 1));
  const lastMonth = months[months.length - 1]!;
  const axisEnd = toEpochDay(isoMonth(lastMonth, daysIn(lastMonth))) + 1;
  const xOf = (day: number) => chartX + ((Math.min(Math.max(day, axisStart), axisEnd) - axisStart) / (axisEnd - axisStart)) * chartWidth;
  const monthWidth = chartWidth / months.length;
  const headerHeight = 18;

  const header = () => {
    const y = doc.y;
    months.forEach((m, i) => {
      const x = xOf(toEpochDay(isoMonth(m, 1)));
      const label = monthLabel(m.year, m.month, i === 0);
      const text = monthWidth < 22 ? label.slice(0, 1) : monthWidth < 40 ? label.slice(0, 3) : label;
      w.font(false, 7, MUTED).text(w.t(text), x + 1, y + 4, { width: Math.max(monthWidth - 2, 6), lineBreak: false, align: 'left' });
    });
    doc.y = y + headerHeight;
  };
  const rowHeightOf = (bar: TimelineBar) =>
    Math.max(w.height(bar.label, true, SIZE.small, labelWidth) + (bar.note ? w.height(bar.note, false, 7, labelWidth) : 0), 14) + 8;

  doc.moveDown(0.3);
  const total = headerHeight + bars.reduce((n, b) => n + rowHeightOf(b), 0);
  w.ensure(Math.min(total, headerHeight + rowHeightOf(bars[0]!)));
  let top = doc.y;
  header();
  bars.forEach((bar, i) => {
    const h = rowHeightOf(bar);
    if (doc.y + h > w.bottom) {
      grid(top, doc.y);
      doc.addPage();
      top = doc.y;
      header();
    }
    const y = doc.y;
    w.font(true, SIZE.small).text(w.t(bar.label), w.left, y + 4, { width: labelWidth });
    if (bar.note) w.font(false, 7, MUTED).text(w.t(bar.note), w.left, doc.y, { width: labelWidth });
    const a = toEpochDay(bar.start);
    const b = toEpochDay(bar.end) + 1;
    if (b > a) {
      const x1 = xOf(a);
      const x2 = Math.max(xOf(b), x1 + 2);
      doc.roundedRect(x1, y + h / 2 - 5, x2 - x1, 10, 2).fill(BAR_COLOURS[i % BAR_COLOURS.length]!);
    }
    doc.y = y + h;
  });
  grid(top, doc.y);
  doc.x = w.left;
  doc.moveDown(0.8);

  function grid(from: number, to: number) {
    months.forEach((m) => {
      const x = xOf(toEpochDay(isoMonth(m, 1)));
      doc.moveTo(x, from).lineTo(x, to).lineWidth(0.4).strokeColor(RULE).stroke();
    });
    doc
      .moveTo(chartX + chartWidth, from)
      .lineTo(chartX + chartWidth, to)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc
      .moveTo(chartX, from + headerHeight)
      .lineTo(chartX + chartWidth, from + headerHeight)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  }
}

/** Page numbers and the running title on every page but the cover. */
function footers(w: Writer, m: MasterDocument): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin while writing.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    const pageText = `Page ${i - range.start + 1} of ${range.count}`;
    const numberWidth = 80;
    w.font(false, 8, MUTED).text(fitWidth(w, w.t(m.footer), w.width - numberWidth - 10), w.left, y, { lineBreak: false });
    w.font(false, 8, MUTED).text(pageText, w.left + w.width - numberWidth, y, { width: numberWidth, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** `text` cut with "…" to fit `width` in the current font (one line that must not wrap). */
function fitWidth(w: Writer, text: string, width: number): string {
  const { doc } = w;
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${chars.slice(0, mid).join('')}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

function isoMonth(m: { year: number; month: number }, day: number): string {
  return `${String(m.year).padStart(4, '0')}-${String(m.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysIn(m: { year: number; month: number }): number {
  return new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
}

// ——— Helvetica fallback: WinAnsi text ———

/** Characters of Windows-1252 (WinAnsiEncoding) above Latin-1's range. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = {
  '−': '-',
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '✓': 'v',
  '×': 'x',
  '\u00a0': ' ',
};

const inWinAnsi = (ch: string): boolean => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === '\n' || WIN_ANSI_EXTRA.has(ch);
};

/** Text the standard fonts can show: substitutes, accents stripped where needed, else "?". */
export function toWinAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    if (inWinAnsi(ch)) out += ch;
    else if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(inWinAnsi) ? base : '?';
    }
  }
  return out;
}
