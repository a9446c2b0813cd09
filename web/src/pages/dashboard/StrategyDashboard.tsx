/**
 * `/w/:ws/strategies/:sid/dashboard`: the strategy's numbers against its plan — every KPI with its
 * sparkline, value, progress and status; the range's totals and activity per day; channel growth;
 * plan vs actual. The range and "compare" are in the URL.
 */
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useStrategyDashboard } from '../../api/dashboards.ts';
import { Card, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatDate } from '../publishing/time.ts';
import { ChannelGrowth } from './ChannelGrowth.tsx';
import { KpiCards } from './KpiCards.tsx';
import { PlanVsActual } from './PlanVsActual.tsx';
import { RangeControl, useDashboardRange } from './RangeControl.tsx';
import { ExportReport, NothingMeasured, ThisPeriod } from './widgets.tsx';
import './dashboard.css';

/** A refusal or a missing strategy, said as such. */
export function DashboardError({ error, back }: { error: unknown; back: { to: string; label: string } }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="page narrow">
      {forbidden ? (
        <EmptyState title="You cannot see this dashboard" action={<Link to={back.to}>{back.label}</Link>}>
          Your role in this workspace does not include analytics. Owners, strategists and analysts can see dashboards: ask an owner.
        </EmptyState>
      ) : (
        <>
          <ErrorBanner error={error} />
          <Link to={back.to}>{back.label}</Link>
        </>
      )}
    </div>
  );
}

export function StrategyDashboard() {
  const { ws = '', sid = '' } = useParams();
  const [range, setRange] = useDashboardRange();
  const dashboard = useStrategyDashboard(ws, sid, range.query);
  const d = dashboard.data;
  usePageTitle(d ? `Dashboard · ${d.strategy.name}` : 'Dashboard');
  const strategyUrl = `/w/${ws}/strategies/${encodeURIComponent(sid)}`;

  if (dashboard.error && !d) return <DashboardError error={dashboard.error} back={{ to: strategyUrl, label: 'Back to the strategy' }} />;
  if (!d) return <Loading what="Loading the dashboard" />;

  return (
    <div className="page theme-strategy dashboard" aria-busy={dashboard.isFetching}>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/w/${ws}`}>Strategies</Link> / <Link to={strategyUrl}>{d.strategy.name}</Link> / Dashboard
      </nav>
      <header className="page-header">
        <div>
          <p className="kind-label">
            <span className="strategy-mark" aria-hidden="true" /> Strategy dashboard
          </p>
          <h1>{d.strategy.name}</h1>
          <p className="muted">KPIs as of {formatDate(d.asOf)}; every figure counted in whole days (UTC).</p>
        </div>
        <ExportReport ws={ws} subject="strategy" id={d.strategy.id} name={d.strategy.name} period={range} />
      </header>
      <RangeControl state={range} onChange={setRange} />
      <ErrorBanner error={dashboard.error} />
      {!d.empty.hasData && (
        <NothingMeasured ws={ws} subject="strategy" unconnected={d.empty.unconnectedChannels} manualKpis={d.empty.manualKpis} />
      )}
      {d.empty.hasData && d.empty.unconnectedChannels.length > 0 && (
        <p className="banner banner-warning">
          Not connected, so not measured: {d.empty.unconnectedChannels.join(', ')}. <Link to={`/w/${ws}/connections`}>Connect them</Link>
        </p>
      )}

      <Card title="KPIs">
        {d.kpis.length === 0 ? (
          <p className="muted">
            This strategy has no KPIs yet. <Link to={`${strategyUrl}/edit/objectives`}>Add them to its objectives</Link>.
          </p>
        ) : (
          <KpiCards ws={ws} kpis={d.kpis} currency={d.currency} />
        )}
      </Card>

      {d.empty.hasData && (
        <>
          <ThisPeriod totals={d.totals} series={d.series} currency={d.currency} />

          <ChannelGrowth ws={ws} channels={d.channels} />
          <PlanVsActual ws={ws} strategyId={d.strategy.id} plan={d.planVsActual} days={d.range.days} />
        </>
      )}
    </div>
  );
}
