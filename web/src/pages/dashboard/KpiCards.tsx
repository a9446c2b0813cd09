/** Every KPI of the strategy: its values in the range as a sparkline, where it stands, and how that compares with the plan. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { findMetric, MANUAL_METRIC } from '../../../../src/plan/metrics.ts';
import type { KpiCard as Kpi } from '../../api/dashboards.ts';
import { useCan } from '../../api/session.ts';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { formatDate } from '../publishing/time.ts';
import { formatValue } from './format.ts';
import { importValuesUrl, ProgressBar, StatusBadge } from './widgets.tsx';

function Sparkline({ kpi, currency }: { kpi: Kpi; currency: string | null }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, kpi.unit, currency) },
      xAxis: { type: 'category', show: false, data: kpi.series.map((p) => formatDate(p.date)), boundaryGap: false },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{ type: 'line', data: kpi.series.map((p) => p.value), showSymbol: kpi.series.length < 3, areaStyle: { opacity: 0.12 } }],
    }),
    [kpi, currency],
  );
  if (kpi.series.length === 0) return <p className="sparkline-empty muted">No values in this range</p>;
  const first = kpi.series[0]!;
  const last = kpi.series[kpi.series.length - 1]!;
  return (
    <Chart
      className="sparkline"
      option={option}
      height={48}
      label={`${kpi.name}: ${kpi.series.length} values, from ${formatValue(first.value, kpi.unit, currency)} on ${formatDate(first.date)} to ${formatValue(last.value, kpi.unit, currency)} on ${formatDate(last.date)}`}
    />
  );
}

/** What the KPI is bound to, in words: "Followers · instagram", "Entered by people". */
function sourceLabel(kpi: Kpi): string {
  if (kpi.metric === null) return 'Not bound to a metric';
  if (kpi.metric === MANUAL_METRIC) return 'Entered by people';
  return [findMetric(kpi.metric)?.label ?? kpi.metric, kpi.channel].filter(Boolean).join(' · ');
}

function KpiCard({ kpi, currency, importUrl }: { kpi: Kpi; currency: string | null; importUrl: string | null }) {
  return (
    <li className="kpi-card" data-testid={`kpi-${kpi.id}`}>
      <div className="kpi-head">
        <h3>{kpi.name}</h3>
        <StatusBadge status={kpi.status} />
      </div>
      <p className="kpi-source muted">{sourceLabel(kpi)}</p>
      <p className="kpi-figures">
        <span className="kpi-current">{formatValue(kpi.current, kpi.unit, currency)}</span>
        {kpi.target !== null && (
          <span className="muted">
            {' '}
            target {formatValue(kpi.target, kpi.unit, currency)}
            {kpi.due && ` by ${formatDate(kpi.due)}`}
          </span>
        )}
      </p>
      <Sparkline kpi={kpi} currency={currency} />
      <ProgressBar progress={kpi.progress} expected={kpi.expected} label={`Progress of ${kpi.name}`} />
      {kpi.metric === MANUAL_METRIC && importUrl && (
        <p className="kpi-forecast">
          <Link to={importUrl}>Import values</Link>
        </p>
      )}
      {kpi.forecast !== null && kpi.due && (
        <p className="kpi-forecast muted">
          Forecast for {formatDate(kpi.due)}: {formatValue(kpi.forecast, kpi.unit, currency)}
        </p>
      )}
    </li>
  );
}

export function KpiCards({ ws, kpis, currency }: { ws: string; kpis: readonly Kpi[]; currency: string | null }) {
  const importUrl = useCan(ws, 'analytics.write') ? importValuesUrl(ws) : null;
  return (
    <ul className="kpi-cards">
      {kpis.map((k) => (
        <KpiCard key={k.id} kpi={k} currency={currency} importUrl={importUrl} />
      ))}
    </ul>
  );
}
