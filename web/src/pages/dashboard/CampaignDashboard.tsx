/**
 * `/w/:ws/strategies/:sid/campaigns/:cid/dashboard`: a campaign's response against its goal, what it
 * cost, real ROI beside the projected one, clicks and conversions per day and its best posts.
 */
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { formatRoi } from '../../../../src/plan/roi.ts';
import { type CampaignDashboard as Dashboard, useCampaignDashboard } from '../../api/dashboards.ts';
import { Chart, type ChartOption, useNarrowScreen } from '../../components/Chart.tsx';
import { Card, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatDate, formatPeriod } from '../publishing/time.ts';
import { formatCount, formatMoney, shortDate } from './format.ts';
import { ResponseFigure } from './PlanVsActual.tsx';
import { RangeControl, useDashboardRange } from './RangeControl.tsx';
import { DashboardError } from './StrategyDashboard.tsx';
import { ExportReport, NothingMeasured, ProgressBar, ThisPeriod } from './widgets.tsx';
import './dashboard.css';

const CATEGORY = { ads: 'Ads', production: 'Production', influencers: 'Influencers', tools: 'Tools', other: 'Other' } as const;

function Roi({ roi, currency }: { roi: Dashboard['roi']; currency: string | null }) {
  return (
    <Card title="Return on investment">
      <dl className="roi-figures">
        <div>
          <dt>Real ROI</dt>
          <dd data-testid="roi-real">{formatRoi(roi.real)}</dd>
        </div>
        <div>
          <dt>Projected ROI</dt>
          <dd data-testid="roi-projected">{formatRoi(roi.projected)}</dd>
        </div>
      </dl>
      <p className="muted">
        Attributed revenue {formatMoney(roi.revenue, currency)}
        {roi.cost !== null && `, ${roi.costBasis === 'planned' ? 'planned cost' : 'cost'} ${formatMoney(roi.cost, currency)}`}.{' '}
        {roi.costBasis === 'planned' && 'No cost entries yet: the planned budget stands in for the cost.'}
        {roi.costBasis === 'none' && 'No cost entries and no budget: there is no ROI to compute.'}
      </p>
    </Card>
  );
}

function Spend({ spend, currency }: { spend: Dashboard['spend']; currency: string | null }) {
  const narrow = useNarrowScreen();
  const spentInRange = spend.series.some((p) => p.value > 0);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 12, top: 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatMoney(v, currency) : '–') },
      xAxis: {
        type: 'category',
        data: spend.series.map((p) => shortDate(p.date)),
        axisLabel: { hideOverlap: true, ...(narrow ? { interval: Math.max(0, Math.ceil(spend.series.length / 4) - 1) } : {}) },
      },
      yAxis: { type: 'value', splitNumber: 3 },
      series: [{ name: 'Spent', type: 'bar', data: spend.series.map((p) => p.value), itemStyle: { color: '#9e5614' } }],
    }),
    [spend, currency, narrow],
  );
  return (
    <Card title="Spend">
      <p className="response-figure">
        <strong data-testid="spend-total">{formatMoney(spend.total, currency)}</strong>
        {spend.budget !== null && ` of ${formatMoney(spend.budget, currency)} budget`}
      </p>
      {spend.budget !== null && spend.budget > 0 && (
        <ProgressBar progress={spend.total / spend.budget} label="Budget spent" meaning="of the budget spent" />
      )}
      {spend.byCategory.length > 0 ? (
        <ul className="plan-list">
          {spend.byCategory.map((c) => (
            <li key={c.category}>
              {CATEGORY[c.category]}: {formatMoney(c.amount, currency)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No cost entries yet.</p>
      )}
      {spentInRange && <Chart option={option} height={160} label="Costs entered per day in this period." />}
    </Card>
  );
}

function TopPosts({ ws, posts }: { ws: string; posts: Dashboard['topPosts'] }) {
  return (
    <Card title="Top posts">
      {posts.length === 0 ? (
        <p className="muted">No engagement on this campaign’s posts was reported in this period.</p>
      ) : (
        <ol className="top-posts">
          {posts.map((p) => (
            <li key={p.id}>
              <Link to={`/w/${ws}/posts/${p.id}`}>{p.text || 'Untitled post'}</Link>
              <span className="muted">
                {' '}
                {p.channels.join(', ')}
                {p.publishedAt && ` · ${formatDate(p.publishedAt.slice(0, 10))}`}
              </span>
              <strong className="top-post-figure">{formatCount(p.engagements)} engagements</strong>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export function CampaignDashboard() {
  const { ws = '', sid = '', cid = '' } = useParams();
  const [range, setRange] = useDashboardRange();
  const dashboard = useCampaignDashboard(ws, cid, range.query);
  const d = dashboard.data;
  usePageTitle(d ? `Dashboard · ${d.campaign.name}` : 'Campaign dashboard');
  const campaignUrl = `/w/${ws}/strategies/${encodeURIComponent(sid)}/campaigns/${encodeURIComponent(cid)}`;

  if (dashboard.error && !d) return <DashboardError error={dashboard.error} back={{ to: campaignUrl, label: 'Back to the campaign' }} />;
  if (!d) return <Loading what="Loading the dashboard" />;
  const strategyUrl = `/w/${ws}/strategies/${encodeURIComponent(d.campaign.strategy.id)}`;

  return (
    <div className="page theme-campaign dashboard" aria-busy={dashboard.isFetching}>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/w/${ws}`}>Strategies</Link> / <Link to={strategyUrl}>{d.campaign.strategy.name}</Link> /{' '}
        <Link to={campaignUrl}>{d.campaign.name}</Link> / Dashboard
      </nav>
      <header className="page-header">
        <div>
          <p className="kind-label">
            <span className="kind-mark" aria-hidden="true" /> Campaign dashboard
          </p>
          <h1>{d.campaign.name}</h1>
          <p className="muted">
            {formatPeriod(d.campaign)} · inside <Link to={`${strategyUrl}/dashboard`}>{d.campaign.strategy.name}</Link> · figures to date as
            of {formatDate(d.asOf)}
          </p>
        </div>
        <ExportReport ws={ws} subject="campaign" id={d.campaign.id} name={d.campaign.name} period={range} />
      </header>
      <RangeControl state={range} onChange={setRange} />
      <ErrorBanner error={dashboard.error} />
      {!d.empty.hasData && <NothingMeasured ws={ws} subject="campaign" unconnected={d.empty.unconnectedChannels} manualKpis={[]} />}

      <div className="dashboard-grid">
        <Card title="Response against goal">
          <ResponseFigure response={d.response} />
        </Card>
        <Roi roi={d.roi} currency={d.currency} />
        <Spend spend={d.spend} currency={d.currency} />
      </div>

      {d.empty.hasData && <ThisPeriod totals={d.totals} series={d.series} currency={d.currency} />}

      <TopPosts ws={ws} posts={d.topPosts} />
    </div>
  );
}
