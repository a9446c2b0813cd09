/** The pieces both dashboards are built from: progress bars, status badges, totals, charts over time, the empty state, the range's report. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { KpiStatus } from '../../../../src/plan/kpi-progress.ts';
import type { Series, Total } from '../../api/dashboards.ts';
import { type ReportSubject, reportUrl } from '../../api/reports.ts';
import { useCan } from '../../api/session.ts';
import { Chart, type ChartOption, useNarrowScreen } from '../../components/Chart.tsx';
import { Badge, Card, EmptyState } from '../../components/ui.tsx';
import { formatChange, formatCount, formatMoney, formatShare, shortDate, STATUS, TOTAL_LABELS } from './format.ts';

/** The status in words, coloured by its tone. */
export function StatusBadge({ status }: { status: KpiStatus }) {
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/**
 * How far from the baseline to the target (0–100 %; beyond is shown full, worse than the baseline
 * empty, the figure itself says by how much), with a mark where it should be by now.
 */
export function ProgressBar({
  progress,
  expected,
  label,
  meaning = 'of the way to the target',
}: {
  progress: number | null;
  expected?: number | null;
  label: string;
  /** What the share is, after the figure. */
  meaning?: string;
}) {
  const width = Math.min(1, Math.max(0, progress ?? 0)) * 100;
  const text =
    progress === null
      ? 'no progress figure'
      : `${formatShare(progress)} ${meaning}${expected == null ? '' : `, ${formatShare(expected)} expected by now`}`;
  return (
    <div className="progress-wrap">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width)}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${width}%` }} />
        {expected != null && <div className="progress-expected" style={{ left: `${Math.min(1, Math.max(0, expected)) * 100}%` }} />}
      </div>
      <p className="progress-text">{text}</p>
    </div>
  );
}

/** Axis labels a phone can show: about four. */
const axisInterval = (points: number, narrow: boolean): number | 'auto' => (narrow ? Math.max(0, Math.ceil(points / 4) - 1) : 'auto');

/** The range's totals; with compare, each beside the previous period's with the change in words and sign. */
export function TotalsList({ totals, currency }: { totals: readonly Total[]; currency: string | null }) {
  return (
    <ul className="totals">
      {totals.map((t) => (
        <li key={t.metric} className="total" data-testid={`total-${t.metric}`}>
          <span className="total-label">{TOTAL_LABELS[t.metric]}</span>
          <strong className="total-value">{t.metric === 'revenue' ? formatMoney(t.value, currency) : formatCount(t.value)}</strong>
          {t.previous !== null && (
            <span className={`total-change ${t.change === null ? '' : t.change >= 0 ? 'up' : 'down'}`}>
              {formatChange(t.change)} vs previous period (
              {t.metric === 'revenue' ? formatMoney(t.previous, currency) : formatCount(t.previous)})
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** One metric per day over the range, the previous period dashed beside it (aligned day by day). */
export function SeriesChart({ series, currency }: { series: Series; currency: string | null }) {
  const narrow = useNarrowScreen();
  const label = TOTAL_LABELS[series.metric];
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 12, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: series.previous ? { top: 0, left: 0, itemWidth: 18, data: ['This period', 'Previous period'] } : { show: false },
      xAxis: {
        type: 'category',
        data: series.points.map((p) => shortDate(p.date)),
        axisLabel: { interval: axisInterval(series.points.length, narrow), hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: series.metric === 'revenue' ? 0 : 1, splitNumber: 3 },
      series: [
        { name: 'This period', type: 'line', data: series.points.map((p) => p.value), showSymbol: false, areaStyle: { opacity: 0.08 } },
        ...(series.previous
          ? [
              {
                name: 'Previous period',
                type: 'line' as const,
                data: series.previous.map((p) => p.value),
                showSymbol: false,
                lineStyle: { type: 'dashed' as const },
              },
            ]
          : []),
      ],
    }),
    [series, narrow],
  );
  const total = series.points.reduce((sum, p) => sum + p.value, 0);
  const figure = series.metric === 'revenue' ? formatMoney(total, currency) : formatCount(total);
  return (
    <figure className="series-chart">
      <figcaption>
        <h3>{label} per day</h3>
      </figcaption>
      <Chart
        option={option}
        height={180}
        label={`${label} per day: ${figure} in this period${series.previous ? ', with the previous period dashed' : ''}.`}
      />
    </figure>
  );
}

/** Where KPI values people measured are imported (CSV `kpi,date,value`). */
export const importValuesUrl = (ws: string): string => `/w/${ws}/import-data`;

/** Nothing measured yet: what to connect, and where manual KPIs get their values. */
export function NothingMeasured({
  ws,
  unconnected,
  manualKpis,
  subject,
}: {
  ws: string;
  unconnected: readonly string[];
  manualKpis: readonly string[];
  subject: string;
}) {
  const canImport = useCan(ws, 'analytics.write');
  return (
    <EmptyState
      title={`No numbers for this ${subject} yet`}
      action={
        <div className="empty-actions">
          <Link className="btn btn-primary" to={`/w/${ws}/connections`}>
            Open Connections
          </Link>
          {manualKpis.length > 0 && canImport && (
            <Link className="btn btn-secondary" to={importValuesUrl(ws)}>
              Import values
            </Link>
          )}
        </div>
      }
    >
      {unconnected.length > 0
        ? `Connect a channel on the Connections page to start collecting numbers (not connected: ${unconnected.join(', ')}). `
        : 'Every channel is connected: numbers arrive with the first daily collection of followers and post metrics, and the first clicks on tracked links. '}
      {manualKpis.length > 0 &&
        `KPIs measured by people (${manualKpis.join(', ')}) get their values by importing them as a CSV file (kpi,date,value).`}
    </EmptyState>
  );
}

/** The range's report, one click away from the figures it holds (the same files as the page's Reports card). */
export function ExportReport({
  ws,
  subject,
  id,
  name,
  period,
}: {
  ws: string;
  subject: ReportSubject;
  id: string;
  name: string;
  period: { from: string; to: string };
}) {
  return (
    <div className="export-actions">
      <a
        className="btn btn-secondary"
        href={reportUrl(ws, subject, id, 'pdf', period)}
        download
        aria-label={`Export PDF of ${name} for this range`}
      >
        Export PDF
      </a>
      <a
        className="btn btn-secondary"
        href={reportUrl(ws, subject, id, 'csv', period)}
        download
        aria-label={`Export CSV of ${name} for this range`}
      >
        Export CSV
      </a>
    </div>
  );
}

/** The range's totals and its activity per day: the same card on both dashboards. */
export function ThisPeriod({ totals, series, currency }: { totals: readonly Total[]; series: readonly Series[]; currency: string | null }) {
  return (
    <Card title="This period">
      <TotalsList totals={totals} currency={currency} />
      <div className="series-grid">
        {series.map((s) => (
          <SeriesChart key={s.metric} series={s} currency={currency} />
        ))}
      </div>
    </Card>
  );
}
