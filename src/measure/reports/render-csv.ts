/**
 * A report as CSV: one table, one header, one record per row, the first column saying what the row
 * is — so a spreadsheet filters it and a program reads it with any CSV parser:
 *
 *   record,id,name,from,to,date,value,unit,baseline,target,due,progress,expected,forecast,status
 *
 * - `report`    — the subject (id, name), the period (from, to), date = generation day.
 * - `kpi`       — one per KPI: date = the as-of day, value = current, and the progress figures
 *                 (src/plan/kpi-progress.ts), unrounded; unit from the metric catalogue.
 * - `kpi_value` — the KPI's values inside the period (id = KPI id), one per date.
 * - `total`     — the period's total of a metric (impressions, engagements, link_clicks,
 *                 unique_visitors, conversions, revenue), with from and to.
 * - `daily`     — the same metrics per day (0 on days without events).
 * - `followers` — a strategy channel's follower readings (id = channel, name = platform).
 * - `campaign`  — a campaign report's figures: `response` (value = actual, target, progress,
 *                 status = the goal), `revenue`, `cost` (status = costs | planned | none),
 *                 `roi_real`, `roi_projected` (ratios: 0.5 is +50 %).
 *
 * Empty cells are "none" (null). UTF-8 with a byte-order mark (spreadsheets then read names right),
 * RFC 4180 quoting and CRLF line ends by csv-stringify; text cells that a spreadsheet would run as a formula (starting
 * with = + - @ or a tab) get a leading apostrophe.
 */
import { stringify } from 'csv-stringify/sync';
import { TOTAL_LABELS, type ReportContent } from './content.ts';

export const CSV_COLUMNS = [
  'record',
  'id',
  'name',
  'from',
  'to',
  'date',
  'value',
  'unit',
  'baseline',
  'target',
  'due',
  'progress',
  'expected',
  'forecast',
  'status',
] as const;
type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

/** Text a spreadsheet would take for a formula, made inert (OWASP's advice for CSV injection). */
const text = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export function renderReportCsv(r: ReportContent): Buffer {
  const rows: Row[] = [];
  const { from, to } = r.period;
  const subject = r.kind === 'strategy' ? r.strategy : r.campaign;
  rows.push({ record: 'report', id: subject.id, name: text(subject.name), from, to, date: r.generatedAt.slice(0, 10), status: r.kind });
  for (const k of r.kpis) {
    rows.push({
      record: 'kpi',
      id: k.id,
      name: text(k.metric),
      date: r.asOf,
      value: k.current,
      unit: k.unit,
      baseline: k.baseline,
      target: k.target,
      due: k.due,
      progress: k.progress,
      expected: k.expected,
      forecast: k.forecast,
      status: k.status,
    });
  }
  for (const k of r.kpis)
    for (const v of k.series) rows.push({ record: 'kpi_value', id: k.id, name: text(k.metric), date: v.date, value: v.value });
  const unitOf = (metric: string) => (metric === 'revenue' ? r.currency : 'count');
  for (const t of r.totals)
    rows.push({ record: 'total', id: t.metric, name: TOTAL_LABELS[t.metric], from, to, value: t.value, unit: unitOf(t.metric) });
  for (const s of r.daily)
    for (const p of s.points) rows.push({ record: 'daily', id: s.metric, date: p.date, value: p.value, unit: unitOf(s.metric) });
  if (r.kind === 'strategy') {
    for (const c of r.channels)
      for (const p of c.points) rows.push({ record: 'followers', id: c.id, name: c.platform, date: p.date, value: p.value });
  } else {
    const money = r.currency;
    const campaign = (id: string, fields: Row) => rows.push({ record: 'campaign', id, from, to, ...fields });
    campaign('response', {
      value: r.response.actual,
      unit: r.response.unit,
      target: r.response.target,
      progress: r.response.progress,
      status: r.response.goal,
    });
    campaign('revenue', { from: null, value: r.roi.revenue, unit: money });
    campaign('cost', { from: null, value: r.roi.cost, unit: money, status: r.roi.costBasis });
    campaign('roi_real', { from: null, value: r.roi.real, unit: 'ratio' });
    campaign('roi_projected', { from: null, to: null, value: r.roi.projected, unit: 'ratio' });
  }
  return Buffer.from(
    stringify(rows, {
      bom: true,
      header: true,
      record_delimiter: 'windows',
      columns: [...CSV_COLUMNS],
      // Numbers as JavaScript writes them (unrounded, no thousands separators); null as empty.
      cast: { number: (n) => String(n) },
    }),
    'utf8',
  );
}
