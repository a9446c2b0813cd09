/**
 * Plan → DOCX master document (the `docx` package): the blocks of master-document.ts as a Word
 * document with real heading styles (navigation pane), tables with repeating header rows, phase
 * timelines as tables with a shaded cell per month, a cover page and "Page X of Y" footers.
 * The core properties' title (docProps/core.xml) is the strategy name.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { toEpochDay } from '../dates.ts';
import type { Campaign, Finding, Strategy } from '../schema.ts';
import {
  buildMasterDocument,
  monthLabel,
  PALETTE,
  monthsOf,
  type Block,
  type Column,
  type MasterDocument,
  type MasterDocumentOptions,
  type TimelineBar,
} from './master-document.ts';

// Twips (1/20 pt): A4 is 11906 × 16838; 2 cm margins.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Calibri';
const { ink: INK, muted: MUTED, accent: ACCENT, rule: RULE, headerFill: HEADER_FILL, totalFill: TOTAL_FILL, bars: BAR_COLOURS } = PALETTE;
/** More months than this and month columns get too narrow: the timeline table lists dates only. */
const MAX_MONTH_COLUMNS = 18;

export async function exportPlanDocx(
  strategy: Strategy,
  campaigns: readonly Campaign[],
  findings?: readonly Finding[],
  options: MasterDocumentOptions = {},
): Promise<Buffer> {
  return Packer.toBuffer(renderDocx(buildMasterDocument(strategy, campaigns, findings, options)));
}

function renderDocx(m: MasterDocument): Document {
  const body: (Paragraph | Table)[] = [...cover(m), new Paragraph({ children: [new PageBreak()] })];
  for (const block of m.blocks) body.push(...renderBlock(block));

  return new Document({
    title: clean(m.title),
    subject: m.subtitle,
    creator: 'Groundwork',
    description: clean(`${m.subtitle}: ${m.organisation}, ${m.period}`),
    styles: {
      default: {
        document: { run: { font: FONT, size: 20, color: INK }, paragraph: { spacing: { after: 80, line: 276 } } },
        title: { run: { font: FONT, size: 56, bold: true, color: INK }, paragraph: { spacing: { after: 240 } } },
        heading1: {
          run: { font: FONT, size: 34, bold: true, color: ACCENT },
          paragraph: {
            spacing: { before: 360, after: 120 },
            keepNext: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 4 } },
          },
        },
        heading2: {
          run: { font: FONT, size: 26, bold: true, color: INK },
          paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
        },
        heading3: {
          run: { font: FONT, size: 22, bold: true, color: INK },
          paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: { first: new Footer({ children: [new Paragraph({ children: [] })] }), default: footer(m) },
        children: body,
      },
    ],
  });
}

function cover(m: MasterDocument): (Paragraph | Table)[] {
  return [
    new Paragraph({
      spacing: { before: 2400, after: 120 },
      children: [new TextRun({ text: m.subtitle.toUpperCase(), bold: true, size: 20, color: ACCENT, characterSpacing: 20 })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(m.title) }),
    new Paragraph({ spacing: { after: 480 }, children: runs(m.organisation, { size: 32, color: MUTED }) }),
    new Paragraph({ children: [new TextRun({ text: 'Period: ', bold: true }), new TextRun(m.period)] }),
    new Paragraph({ spacing: { after: 1200 }, children: [new TextRun({ text: 'Prepared: ', bold: true }), new TextRun(m.date)] }),
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: m.facts.map(() => Math.floor(CONTENT_WIDTH / m.facts.length)),
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: m.facts.map(
            (f) =>
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text: f.value, bold: true, size: 48, color: ACCENT })] })],
              }),
          ),
        }),
        new TableRow({
          children: m.facts.map(
            (f) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: f.label, color: MUTED })] })] }),
          ),
        }),
      ],
    }),
  ];
}

function footer(m: MasterDocument): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        children: [
          new TextRun({ text: clean(m.footer.length > 90 ? `${m.footer.slice(0, 89).trimEnd()}…` : m.footer), size: 16, color: MUTED }),
          new TextRun({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: MUTED }),
        ],
      }),
    ],
  });
}

function renderBlock(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'heading': {
      const heading = block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      return [new Paragraph({ heading, children: runs(block.text) })];
    }
    case 'paragraph': {
      const colour = block.muted ? MUTED : undefined;
      const children: ParagraphChild[] = [];
      if (block.label !== undefined)
        children.push(new TextRun({ text: block.text ? `${block.label}: ` : block.label, bold: true, color: colour }));
      children.push(...runs(block.text, { color: colour }));
      // A bare label ("Pain points") introduces what follows: keep it with it.
      return [new Paragraph({ children, keepNext: block.label !== undefined && block.text === '' })];
    }
    case 'bullets':
      return block.items.map(
        (item) =>
          new Paragraph({
            bullet: { level: item.level },
            spacing: { after: 40 },
            children: [
              ...(item.label !== undefined ? [new TextRun({ text: `${item.label}: `, bold: true })] : []),
              ...runs(item.text, { color: item.level === 0 ? undefined : MUTED }),
            ],
          }),
      );
    case 'fields': {
      const label = Math.round(CONTENT_WIDTH * 0.28);
      return [
        new Table({
          width: { size: CONTENT_WIDTH, type: WidthType.DXA },
          columnWidths: [label, CONTENT_WIDTH - label],
          layout: TableLayoutType.FIXED,
          borders: NO_BORDERS,
          rows: block.rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: [cell(r.label, { bold: true, color: MUTED, width: label }), cell(r.value, { width: CONTENT_WIDTH - label })],
              }),
          ),
        }),
        spacer(),
      ];
    }
    case 'table':
      return [table(block.columns, block.rows, block.total), spacer()];
    case 'timeline':
      return [timeline(block.start, block.end, block.bars), spacer()];
  }
}

function table(columns: readonly Column[], rows: readonly string[][], total?: readonly string[]): Table {
  const sum = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / sum) * CONTENT_WIDTH));
  const align = (i: number) => (columns[i]!.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(c.header, { bold: true, fill: HEADER_FILL, width: widths[i]!, align: align(i), size: 18 })),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { width: widths[i]!, align: align(i), size: 18 })) }),
      ),
      ...(total
        ? [
            new TableRow({
              cantSplit: true,
              children: total.map((v, i) => cell(v, { bold: true, fill: TOTAL_FILL, width: widths[i]!, align: align(i), size: 18 })),
            }),
          ]
        : []),
    ],
  });
}

/** Phases (or campaigns) as rows, months as columns; a month a bar touches is shaded in the bar's colour. */
function timeline(start: string, end: string, bars: readonly TimelineBar[]): Table {
  const months = monthsOf(start, end);
  const withMonths = months.length > 0 && months.length <= MAX_MONTH_COLUMNS;
  const labelWidth = withMonths ? Math.round(CONTENT_WIDTH * 0.34) : Math.round(CONTENT_WIDTH * 0.5);
  const monthWidth = withMonths ? Math.floor((CONTENT_WIDTH - labelWidth) / months.length) : 0;
  const datesWidth = CONTENT_WIDTH - labelWidth;
  const monthSpan = months.map((mo) => {
    const first = `${pad(mo.year, 4)}-${pad(mo.month, 2)}-01`;
    const last = toEpochDay(mo.month === 12 ? `${pad(mo.year + 1, 4)}-01-01` : `${pad(mo.year, 4)}-${pad(mo.month + 1, 2)}-01`) - 1;
    return [toEpochDay(first), last] as const;
  });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell('', { fill: HEADER_FILL, width: labelWidth }),
      ...(withMonths
        ? months.map((mo, i) =>
            cell(monthLabel(mo.year, mo.month, i === 0).slice(0, months.length > 8 ? 3 : 8), {
              bold: true,
              fill: HEADER_FILL,
              width: monthWidth,
              size: 14,
            }),
          )
        : [cell('Dates', { bold: true, fill: HEADER_FILL, width: datesWidth, size: 18 })]),
    ],
  });
  const rows = bars.map((bar, b) => {
    const a = toEpochDay(bar.start);
    const z = toEpochDay(bar.end);
    const label = new TableCell({
      width: { size: labelWidth, type: WidthType.DXA },
      margins: CELL_MARGINS,
      children: [
        new Paragraph({ spacing: { after: 0 }, children: runs(bar.label, { bold: true, size: 18 }) }),
        ...(bar.note ? [new Paragraph({ spacing: { after: 0 }, children: runs(bar.note, { size: 14, color: MUTED }) })] : []),
      ],
    });
    const colour = BAR_COLOURS[b % BAR_COLOURS.length]!;
    const cells = withMonths
      ? monthSpan.map(([from, to]) =>
          a <= z && a <= to && z >= from ? cell('', { fill: colour, width: monthWidth }) : cell('', { width: monthWidth }),
        )
      : [cell(bar.note ?? `${bar.start} – ${bar.end}`, { width: datesWidth, size: 18 })];
    return new TableRow({ cantSplit: true, children: [label, ...cells] });
  });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: withMonths ? [labelWidth, ...months.map(() => monthWidth)] : [labelWidth, datesWidth],
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: [header, ...rows],
  });
}

// ——— helpers ———

const CELL_MARGINS = { top: 60, bottom: 60, left: 90, right: 90 };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: RULE };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const TABLE_BORDERS = { top: LINE, bottom: LINE, left: NONE, right: NONE, insideHorizontal: LINE, insideVertical: NONE };

interface CellStyle {
  width: number;
  bold?: boolean;
  color?: string;
  fill?: string;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

function cell(text: string, style: CellStyle): TableCell {
  return new TableCell({
    width: { size: style.width, type: WidthType.DXA },
    margins: CELL_MARGINS,
    shading: style.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: style.fill } : undefined,
    children: [
      new Paragraph({
        alignment: style.align,
        spacing: { after: 0 },
        children: runs(text, { bold: style.bold, color: style.color, size: style.size }),
      }),
    ],
  });
}

function spacer(): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [] });
}

/** Text as runs: line breaks kept, characters XML 1.0 cannot hold dropped. */
function runs(text: string, style: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: style.bold, color: style.color, size: style.size }));
}

function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
