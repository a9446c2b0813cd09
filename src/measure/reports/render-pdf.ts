/**
 * A report as PDF (pdfkit, A4): a title page (subject, organisation, period, generation date, key
 * figures), then the KPI table, a chart per KPI with values in the period (small multiples, target
 * dashed, baseline dotted), the period's totals, and — for a strategy — followers per channel, or —
 * for a campaign — its response against the goal, cost, revenue and ROI, and clicks and conversions
 * per day. Charts are Apache ECharts SVG (./charts.ts) drawn as vectors by svg-to-pdfkit.
 *
 * Fonts and the WinAnsi fallback are the master document's (src/plan/export/pdf.ts). The Info
 * dictionary is uncompressed: its Title is the subject's name, findable in the file.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { PALETTE } from '../../plan/export/master-document.ts';
import { defaultPdfFonts, PdfPage, type PdfFonts } from '../../plan/export/pdf.ts';
import type { KpiStatus } from '../../plan/kpi-progress.ts';
import { dailyChartOption, followersChartOption, kpiChartOption, renderChart } from './charts.ts';
import { subjectName, TOTAL_LABELS, type CampaignReport, type ReportContent, type StrategyReport } from './content.ts';
import { formatValue, longDate, percent, STATUS_LABELS } from './format.ts';

type Doc = PDFKit.PDFDocument;

export interface ReportPdfOptions {
  /** TrueType files, or 'standard' (Helvetica); default: an installed Unicode font. */
  fonts?: PdfFonts | 'standard';
  /** Deflate page content (default true); off, the text operators are readable in the file. */
  compress?: boolean;
}

const MARGIN = { top: 56, bottom: 60, left: 50, right: 50 };
const hex = (c: string) => `#${c}`;
const INK = hex(PALETTE.ink);
const MUTED = hex(PALETTE.muted);
const ACCENT = hex(PALETTE.accent);
const RULE = hex(PALETTE.rule);
const HEADER_FILL = hex(PALETTE.headerFill);
const STATUS_COLOURS: Readonly<Record<KpiStatus, string>> = {
  achieved: '#2E7D4F',
  ahead: '#2E7D4F',
  on_track: '#3F8F6B',
  at_risk: '#B7791F',
  behind: '#B5473A',
  overdue: '#B5473A',
  no_data: MUTED,
};

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

class Layout extends PdfPage {
  constructor(doc: Doc, fonts: PdfFonts | 'standard') {
    super(doc, fonts, MARGIN);
  }
  heading(text: string): void {
    this.ensure(120);
    if (this.doc.y > MARGIN.top + 1) this.doc.moveDown(1);
    this.doc.outline.addItem(this.t(text));
    this.font(true, 15, ACCENT).text(this.t(text), MARGIN.left, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + this.width, y)
      .lineWidth(0.75)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = y + 8;
  }
  paragraph(text: string, colour = INK, size = 9.5): void {
    this.font(false, size, colour).text(this.t(text), MARGIN.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4);
  }
  /** A table that breaks across pages, repeating its header. `colour` picks a cell's text colour. */
  table(columns: readonly Column[], rows: readonly string[][], colour?: (row: number, col: number) => string | undefined): void {
    const { doc } = this;
    const sum = columns.reduce((n, c) => n + c.width, 0);
    const widths = columns.map((c) => (c.width / sum) * this.width);
    const pad = 3.5;
    const size = 8.5;
    const height = (cells: readonly string[], bold: boolean) =>
      Math.max(...cells.map((c, i) => this.font(bold, size).heightOfString(this.t(c) || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
    const draw = (cells: readonly string[], bold: boolean, fill: string | undefined, r: number) => {
      const h = height(cells, bold);
      const y = doc.y;
      if (fill) doc.rect(MARGIN.left, y, this.width, h).fill(fill);
      let x = MARGIN.left;
      cells.forEach((c, i) => {
        this.font(bold, size, (!bold && colour?.(r, i)) || INK).text(this.t(c), x + pad, y + pad, {
          width: widths[i]! - 2 * pad,
          align: columns[i]!.align ?? 'left',
        });
        x += widths[i]!;
      });
      doc
        .moveTo(MARGIN.left, y + h)
        .lineTo(MARGIN.left + this.width, y + h)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.y = y + h;
    };
    const headers = columns.map((c) => c.header);
    this.ensure(height(headers, true) + (rows[0] ? height(rows[0], false) : 0));
    draw(headers, true, HEADER_FILL, -1);
    rows.forEach((row, r) => {
      if (doc.y + height(row, false) > this.bottom) {
        doc.addPage();
        draw(headers, true, HEADER_FILL, -1);
      }
      draw(row, false, undefined, r);
    });
    doc.x = MARGIN.left;
    doc.moveDown(0.8);
  }
  /** An ECharts SVG at (x, y), `width` × `height` points. */
  chart(svg: string, x: number, y: number, width: number, height: number): void {
    // @types/svg-to-pdfkit types the document as the class, not an instance.
    SVGtoPDF(this.doc as unknown as typeof PDFDocument, svg, x, y, {
      width,
      height,
      assumePt: true,
      fontCallback: (_family, bold) => (bold ? this.bold : this.regular),
    });
  }
  fields(rows: readonly [string, string][]): void {
    const label = 150;
    for (const [name, value] of rows) {
      this.ensure(16);
      const y = this.doc.y;
      this.font(true, 9.5, MUTED).text(this.t(name), MARGIN.left, y, { width: label - 8 });
      const after = this.doc.y;
      this.font(false, 9.5).text(this.t(value), MARGIN.left + label, y, { width: this.width - label });
      this.doc.y = Math.max(after, this.doc.y) + 3;
    }
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.5);
  }
}

export async function renderReportPdf(report: ReportContent, options: ReportPdfOptions = {}): Promise<Buffer> {
  const name = subjectName(report);
  const kind = report.kind === 'strategy' ? 'Strategy report' : 'Campaign report';
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    displayTitle: true,
    compress: options.compress ?? true,
    info: {
      Title: name,
      Author: report.organisation,
      Subject: `${kind}, ${report.period.from} – ${report.period.to}`,
      Creator: 'Groundwork',
      Producer: 'Groundwork (pdfkit, Apache ECharts)',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const l = new Layout(doc, options.fonts ?? defaultPdfFonts());
  titlePage(l, report, kind);
  doc.addPage();
  if (report.kind === 'strategy') {
    kpiSection(l, report);
    totalsSection(l, report);
    followersSection(l, report);
  } else {
    // A campaign is judged by its response and ROI first.
    campaignSection(l, report);
    totalsSection(l, report);
    kpiSection(l, report);
  }
  footers(l, `${name} · ${kind.toLowerCase()} ${longDate(report.period.from)} – ${longDate(report.period.to)}`);
  doc.end();
  return done;
}

function titlePage(l: Layout, r: ReportContent, kind: string): void {
  const { doc } = l;
  doc.rect(0, 0, doc.page.width, 12).fill(ACCENT);
  doc.y = 180;
  l.font(true, 10, ACCENT).text(l.t(kind.toUpperCase()), MARGIN.left, doc.y, { width: l.width, characterSpacing: 1 });
  doc.moveDown(0.8);
  l.font(true, 28).text(l.t(subjectName(r)), { width: l.width, lineGap: 2 });
  doc.moveDown(0.5);
  l.font(false, 15, MUTED).text(l.t(r.organisation), { width: l.width });
  if (r.kind === 'campaign') l.font(false, 12, MUTED).text(l.t(`Campaign in the strategy ${r.strategy.name}`), { width: l.width });
  doc.moveDown(1.4);
  const y = doc.y;
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(MARGIN.left + 80, y)
    .lineWidth(2)
    .strokeColor(ACCENT)
    .stroke();
  doc.moveDown(1);
  l.font(false, 12).text(l.t(`Period: ${longDate(r.period.from)} – ${longDate(r.period.to)}`), MARGIN.left, doc.y, { width: l.width });
  doc.moveDown(0.3);
  l.font(false, 12).text(l.t(`KPIs evaluated on ${longDate(r.asOf)}`), { width: l.width });
  doc.moveDown(0.3);
  l.font(false, 12).text(l.t(`Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Groundwork`), { width: l.width });

  const total = (metric: keyof typeof TOTAL_LABELS) => r.totals.find((t) => t.metric === metric)?.value ?? 0;
  const onTrack = r.kpis.filter((k) => ['achieved', 'ahead', 'on_track'].includes(k.status)).length;
  const facts: [string, string][] = [
    [`${onTrack} / ${r.kpis.length}`, 'KPIs on track or better'],
    [formatValue(total('link_clicks'), 'count', null), 'link clicks'],
    [formatValue(total('conversions'), 'count', null), 'conversions'],
    [
      r.kind === 'campaign' ? percent(r.roi.real) : formatValue(total('engagements'), 'count', null),
      r.kind === 'campaign' ? 'ROI to date' : 'engagements',
    ],
  ];
  const top = Math.max(doc.page.height - MARGIN.bottom - 90, doc.y + 30);
  const cell = l.width / facts.length;
  facts.forEach(([value, label], i) => {
    const x = MARGIN.left + i * cell;
    l.font(true, 22, ACCENT).text(l.t(value), x, top, { width: cell - 8, lineBreak: false });
    l.font(false, 9, MUTED).text(l.t(label), x, top + 30, { width: cell - 8 });
  });
}

function kpiSection(l: Layout, r: ReportContent): void {
  l.heading(r.kind === 'strategy' ? 'KPIs' : 'KPIs bound to this campaign');
  if (r.kpis.length === 0) {
    l.paragraph(
      r.kind === 'strategy'
        ? 'The strategy has no KPIs. Add KPIs to its objectives to see their progress here.'
        : 'No KPI of the strategy is bound to this campaign (a KPI’s source.campaign).',
      MUTED,
    );
    return;
  }
  l.paragraph(
    `Progress = (current − baseline) / (target − baseline); expected = the share of the KPI’s window elapsed on ${longDate(r.asOf)}.`,
    MUTED,
    8.5,
  );
  const fmt = (v: number | null, k: (typeof r.kpis)[number]) => formatValue(v, k.unit, r.currency);
  l.table(
    [
      { header: 'KPI', width: 30 },
      { header: 'Baseline', width: 11, align: 'right' },
      { header: 'Target', width: 11, align: 'right' },
      { header: 'Due', width: 12 },
      { header: 'Current', width: 11, align: 'right' },
      { header: 'Progress', width: 10, align: 'right' },
      { header: 'Expected', width: 10, align: 'right' },
      { header: 'Status', width: 11 },
    ],
    r.kpis.map((k) => [
      k.metric,
      fmt(k.baseline, k),
      fmt(k.target, k),
      k.due ?? '—',
      fmt(k.current, k),
      percent(k.progress),
      percent(k.expected),
      STATUS_LABELS[k.status],
    ]),
    (row, col) => (col === 7 ? STATUS_COLOURS[r.kpis[row]!.status] : undefined),
  );

  // Small multiples: two charts a row, each KPI with a value in the period.
  const charted = r.kpis.filter((k) => k.series.length > 0);
  const silent = r.kpis.filter((k) => k.series.length === 0);
  if (charted.length) {
    l.heading('KPIs over the period');
    const gap = 16;
    const w = (l.width - gap) / 2;
    const h = 118;
    for (let i = 0; i < charted.length; i += 2) {
      l.ensure(h + 30);
      const y = l.doc.y;
      charted.slice(i, i + 2).forEach((k, j) => {
        const x = MARGIN.left + j * (w + gap);
        l.font(true, 9).text(l.t(k.metric), x, y, { width: w, lineBreak: false, ellipsis: true });
        l.font(false, 7.5, STATUS_COLOURS[k.status]).text(
          l.t(`${STATUS_LABELS[k.status]} · current ${fmt(k.current, k)} · target ${fmt(k.target, k)}`),
          x,
          y + 12,
          { width: w, lineBreak: false, ellipsis: true },
        );
        l.chart(renderChart(kpiChartOption(k, r.period), w, h), x, y + 24, w, h);
      });
      l.doc.x = MARGIN.left;
      l.doc.y = y + 24 + h + 12;
    }
  }
  if (silent.length) l.paragraph(`No values in the period: ${silent.map((k) => k.metric).join('; ')}.`, MUTED, 8.5);
}

function totalsSection(l: Layout, r: ReportContent): void {
  l.heading('Totals for the period');
  l.table(
    [
      { header: 'Metric', width: 60 },
      { header: `${longDate(r.period.from)} – ${longDate(r.period.to)}`, width: 40, align: 'right' },
    ],
    r.totals.map((t) => [TOTAL_LABELS[t.metric], formatValue(t.value, t.metric === 'revenue' ? 'money' : 'count', r.currency)]),
  );
  const series = (metrics: readonly string[]) => r.daily.filter((s) => metrics.includes(s.metric));
  const chart = (title: string, metrics: readonly string[]) => {
    const h = 150;
    l.ensure(h + 24);
    l.font(true, 10).text(l.t(title), MARGIN.left, l.doc.y, { width: l.width });
    const y = l.doc.y + 4;
    l.chart(renderChart(dailyChartOption(series(metrics), r.period), l.width, h), MARGIN.left, y, l.width, h);
    l.doc.x = MARGIN.left;
    l.doc.y = y + h + 12;
  };
  chart('Link clicks and conversions per day', ['link_clicks', 'conversions']);
  if (r.kind === 'strategy') chart('Impressions and engagements per day', ['impressions', 'engagements']);
}

function followersSection(l: Layout, r: StrategyReport): void {
  l.heading('Followers per channel');
  if (r.channels.length === 0) {
    l.paragraph('The strategy has no channels.', MUTED);
    return;
  }
  l.table(
    [
      { header: 'Channel', width: 34 },
      { header: 'Network', width: 18 },
      { header: 'Start', width: 16, align: 'right' },
      { header: 'End', width: 16, align: 'right' },
      { header: 'Growth', width: 16, align: 'right' },
    ],
    r.channels.map((c) => [c.id, c.platform, formatValue(c.start, 'count', null), formatValue(c.end, 'count', null), percent(c.growth)]),
  );
  const withReadings = r.channels.filter((c) => c.points.length > 0);
  if (withReadings.length === 0) {
    l.paragraph('No follower readings in the period: connect the channels’ accounts (Connections) and they are read daily.', MUTED);
    return;
  }
  const h = 170;
  l.ensure(h + 10);
  const y = l.doc.y;
  l.chart(renderChart(followersChartOption(withReadings, r.period), l.width, h), MARGIN.left, y, l.width, h);
  l.doc.x = MARGIN.left;
  l.doc.y = y + h + 12;
}

function campaignSection(l: Layout, r: CampaignReport): void {
  l.heading('Response, cost and ROI');
  const { response, roi, currency } = r;
  const money = (v: number | null) => formatValue(v, 'money', currency);
  const measured =
    response.measuredAs === null
      ? 'not counted automatically'
      : `${formatValue(response.actual, 'count', null)} ${response.measuredAs === 'conversions' ? 'conversions' : 'link clicks'} in the period`;
  l.fields([
    ['Response goal', response.goal === null ? 'none set' : `${response.goal}${response.unit ? ` (${response.unit})` : ''}`],
    ['Target', formatValue(response.target, 'count', null)],
    ['Measured', measured],
    ['Against the goal', percent(response.progress)],
    ['Revenue to date', money(roi.revenue)],
    [roi.costBasis === 'planned' ? 'Planned cost' : 'Cost to date', roi.costBasis === 'none' ? 'no costs and no budget' : money(roi.cost)],
    ['Real ROI', `${percent(roi.real)}${roi.costBasis === 'planned' ? ' (on the planned cost: no costs entered yet)' : ''}`],
    ['Projected ROI', percent(roi.projected)],
  ]);
}

/** Page numbers and the running title on every page but the title page. */
function footers(l: Layout, text: string): void {
  const { doc } = l;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    l.font(false, 8, MUTED).text(l.t(text), MARGIN.left, y, { width: l.width - 90, lineBreak: false, ellipsis: true });
    l.font(false, 8, MUTED).text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left + l.width - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
