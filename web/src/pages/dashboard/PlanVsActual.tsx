/** Plan vs actual: posting cadence per channel, the pillar mix and promotional share, and each campaign's response against its goal. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { CampaignResponse, StrategyDashboard } from '../../api/dashboards.ts';
import { Chart, type ChartOption, useNarrowScreen } from '../../components/Chart.tsx';
import { Badge, Card } from '../../components/ui.tsx';
import { formatPeriod } from '../publishing/time.ts';
import { formatCount, formatShare } from './format.ts';
import { ProgressBar } from './widgets.tsx';

type Plan = StrategyDashboard['planVsActual'];

/** Horizontal bars, actual beside planned per row: labels stay readable on a phone. */
function barsOption(
  rows: readonly string[],
  actual: readonly number[],
  planned: readonly (number | null)[],
  asShare: boolean,
  narrow: boolean,
): ChartOption {
  const format = (v: unknown) => (typeof v === 'number' ? (asShare ? formatShare(v) : formatCount(v)) : '–');
  return {
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: format },
    legend: { top: 0, left: 0, data: ['Actual', 'Planned'] },
    xAxis: { type: 'value', splitNumber: narrow ? 3 : 5, axisLabel: { formatter: (v: number) => format(v) } },
    yAxis: { type: 'category', inverse: true, data: [...rows], axisLabel: { width: narrow ? 90 : 160, overflow: 'truncate' } },
    series: [
      { name: 'Actual', type: 'bar', data: [...actual] },
      { name: 'Planned', type: 'bar', data: [...planned], itemStyle: { opacity: 0.45 } },
    ],
  };
}

/** As shown (one decimal): 3.97 reads "4" and is not "below" a plan of 4. */
const roundTenth = (n: number) => Math.round(n * 10) / 10;

function Cadence({ cadence, days }: { cadence: Plan['cadence']; days: number }) {
  const narrow = useNarrowScreen();
  const option = useMemo(
    () =>
      barsOption(
        cadence.map((c) => c.channel),
        cadence.map((c) => c.perWeek),
        cadence.map((c) => c.planned),
        false,
        narrow,
      ),
    [cadence, narrow],
  );
  return (
    <section className="plan-section" aria-labelledby="plan-cadence">
      <h3 id="plan-cadence">Posts per week</h3>
      <Chart
        option={option}
        height={40 + cadence.length * 44}
        label="Posts published per week on each channel beside the planned cadence."
      />
      <div className="table-scroll">
        <table className="table stack-table">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Published</th>
              <th scope="col">Per week</th>
              <th scope="col">Planned</th>
            </tr>
          </thead>
          <tbody>
            {cadence.map((c) => (
              <tr key={c.channel} data-testid={`cadence-${c.channel}`}>
                <th scope="row">{c.channel}</th>
                <td data-label="Published">{formatCount(c.posts)}</td>
                <td data-label="Per week">{formatCount(c.perWeek)}</td>
                <td data-label="Planned">
                  {c.planned === null ? 'not planned' : formatCount(c.planned)}{' '}
                  {c.planned !== null && roundTenth(c.perWeek) < c.planned && <Badge tone="warning">Below plan</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Over {days} days: published posts (as counted at publishing) divided by {formatCount(days / 7)} weeks.
      </p>
    </section>
  );
}

function PillarMix({ pillars, promotional }: Pick<Plan, 'pillars' | 'promotional'>) {
  const narrow = useNarrowScreen();
  const option = useMemo(
    () =>
      barsOption(
        pillars.rows.map((r) => r.name),
        pillars.rows.map((r) => r.actual ?? 0),
        pillars.rows.map((r) => r.planned),
        true,
        narrow,
      ),
    [pillars, narrow],
  );
  const over = promotional.actual !== null && promotional.actual > promotional.max;
  return (
    <section className="plan-section" aria-labelledby="plan-pillars">
      <h3 id="plan-pillars">Pillar mix</h3>
      {pillars.posts === 0 ? (
        <p className="muted">No posts were published in this range.</p>
      ) : (
        <Chart
          option={option}
          height={40 + pillars.rows.length * 44}
          label={`Share of the ${pillars.posts} posts published per pillar, beside each pillar's planned share.`}
        />
      )}
      <ul className="plan-list">
        {pillars.rows.map((r) => (
          <li key={r.id ?? ''}>
            <strong>{r.name}</strong>
            {r.promotional && <span className="muted"> (promotional)</span>}: {formatCount(r.posts)} {r.posts === 1 ? 'post' : 'posts'}
            {r.actual !== null && `, ${formatShare(r.actual)}`}
            {r.planned !== null && ` (plan ${formatShare(r.planned)})`}
          </li>
        ))}
      </ul>
      <p data-testid="promotional-share">
        Promotional posts: <strong>{promotional.actual === null ? '–' : formatShare(promotional.actual)}</strong> (at most{' '}
        {formatShare(promotional.max)} planned){' '}
        {promotional.actual !== null && (over ? <Badge tone="error">Above the maximum</Badge> : <Badge tone="ok">Within plan</Badge>)}
      </p>
    </section>
  );
}

const MEASURED_AS = { conversions: 'counted as conversions', link_clicks: 'counted as clicks on its tracked links' } as const;

/** One campaign's response so far against its goal. */
export function ResponseFigure({ response }: { response: CampaignResponse }) {
  const unit = response.unit ?? response.goal?.replace('_', ' ') ?? '';
  if (response.measuredAs === null || response.actual === null)
    return <p className="muted">{response.goal === null ? 'No response goal in the plan.' : 'This goal is not counted automatically.'}</p>;
  return (
    <>
      <p className="response-figure">
        <strong>{formatCount(response.actual)}</strong>
        {response.target !== null && ` of ${formatCount(response.target)}`} {unit}{' '}
        <span className="muted">({MEASURED_AS[response.measuredAs]})</span>
      </p>
      {response.target !== null && <ProgressBar progress={response.progress} label={`Response of ${response.name} against its goal`} />}
    </>
  );
}

function Campaigns({ ws, strategyId, campaigns }: { ws: string; strategyId: string; campaigns: Plan['campaigns'] }) {
  return (
    <section className="plan-section" aria-labelledby="plan-campaigns">
      <h3 id="plan-campaigns">Campaign response against goal</h3>
      {campaigns.length === 0 ? (
        <p className="muted">This strategy has no campaigns yet.</p>
      ) : (
        <ul className="plan-campaigns">
          {campaigns.map((c) => (
            <li key={c.id} data-testid={`campaign-response-${c.id}`}>
              <p>
                <Link to={`/w/${ws}/strategies/${encodeURIComponent(strategyId)}/campaigns/${encodeURIComponent(c.id)}/dashboard`}>
                  {c.name}
                </Link>{' '}
                <span className="muted">{formatPeriod(c)}</span>
              </p>
              <ResponseFigure response={c} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PlanVsActual({ ws, strategyId, plan, days }: { ws: string; strategyId: string; plan: Plan; days: number }) {
  return (
    <Card title="Plan vs actual" className="plan-vs-actual">
      <div className="plan-grid">
        <Cadence cadence={plan.cadence} days={days} />
        <PillarMix pillars={plan.pillars} promotional={plan.promotional} />
      </div>
      <Campaigns ws={ws} strategyId={strategyId} campaigns={plan.campaigns} />
    </Card>
  );
}
