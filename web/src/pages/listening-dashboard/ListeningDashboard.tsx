/**
 * `/w/:ws/listening/dashboard`: what is said about the brand and around it over a period — mentions
 * over time (hourly for 3 days or fewer), the sentiment trend with net sentiment, share of voice
 * against competitors per topic, the top authors and terms, and the latest spike alerts with their
 * settings. The period and the query or topic shown are in the URL (`?days=30&q=…` or `&topic=…`,
 * `&to=` for a period ending before today).
 */
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { addDays, isIsoDate } from '../../../../src/plan/dates.ts';
import { ApiError } from '../../api/client.ts';
import { type ListeningDashboard as Dashboard, useListeningDashboard } from '../../api/listening-analysis.ts';
import { Chart, type ChartOption, useNarrowScreen } from '../../components/Chart.tsx';
import { Button, Card, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatCount, formatShare, todayUtc } from '../dashboard/format.ts';
import { ListeningNav } from '../listening/ListeningNav.tsx';
import { formatDate } from '../publishing/time.ts';
import { SpikeAlerts } from './SpikeAlerts.tsx';
import '../dashboard/dashboard.css';
import './listening-dashboard.css';

const PERIODS = [
  { days: 3, label: '3 days' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '12 months' },
] as const;
const DEFAULT_DAYS = 30;

const SENTIMENT_COLORS = { positive: '#2e7d32', neutral: '#8a918c', negative: '#c62828', unscored: '#c9ccc6' } as const;
const hourLabel = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const dayLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const signed = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

function usePeriod() {
  const [params, setParams] = useSearchParams();
  const days = PERIODS.find((p) => String(p.days) === params.get('days'))?.days ?? DEFAULT_DAYS;
  const q = params.get('q');
  const topic = params.get('topic');
  // `?to=` shows a period ending on another day (a bookmark of a past month); default today.
  const asked = params.get('to');
  const to = asked !== null && isIsoDate(asked) ? asked : todayUtc();
  const query = { from: addDays(to, 1 - days), to, ...(q ? { queryId: q } : topic ? { topic } : {}) };
  const set = (change: { days?: number; filter?: string }) => {
    const next = new URLSearchParams(params);
    if (change.days !== undefined) next.set('days', String(change.days));
    if (change.filter !== undefined) {
      next.delete('q');
      next.delete('topic');
      const [kind, value] = change.filter.split(':', 2) as [string, string];
      if (kind === 'q') next.set('q', value);
      if (kind === 'topic') next.set('topic', value);
    }
    setParams(next);
  };
  return { days, filter: q ? `q:${q}` : topic ? `topic:${topic}` : '', query, set };
}

export function ListeningDashboard() {
  const { ws = '' } = useParams();
  const period = usePeriod();
  const dashboard = useListeningDashboard(ws, period.query);
  const d = dashboard.data;
  usePageTitle('Listening dashboard');
  if (dashboard.error && !d) {
    const forbidden = dashboard.error instanceof ApiError && dashboard.error.status === 403;
    return (
      <div className="page narrow">
        {forbidden ? (
          <EmptyState title="You cannot see listening" action={<Link to={`/w/${ws}`}>Back to the strategies</Link>}>
            Your role in this workspace does not include listening. Everyone but viewers can see it: ask an owner.
          </EmptyState>
        ) : (
          <ErrorBanner error={dashboard.error} />
        )}
      </div>
    );
  }
  if (!d) return <Loading what="Loading the listening dashboard" />;
  const topics = [...new Set(d.queries.map((q) => q.topic).filter((t): t is string => t !== null))].sort();
  return (
    <div className="page dashboard listening-dashboard" aria-busy={dashboard.isFetching}>
      <header className="page-header">
        <div>
          <h1>Listening dashboard</h1>
          <p className="muted">
            Mentions matched by your listening queries, {formatDate(d.period.from)} – {formatDate(d.period.to)} (whole days, UTC).
          </p>
        </div>
      </header>
      <ListeningNav ws={ws} />
      <section className="range-control card listening-controls" aria-label="Period and queries">
        <fieldset className="range-presets">
          <legend className="visually-hidden">Period</legend>
          {PERIODS.map((p) => (
            <Button key={p.days} aria-pressed={period.days === p.days} onClick={() => period.set({ days: p.days })}>
              {p.label}
            </Button>
          ))}
        </fieldset>
        {d.queries.length > 0 && (
          <label className="listening-filter">
            <span>Show</span>
            <select value={period.filter} onChange={(e) => period.set({ filter: e.target.value })}>
              <option value="">All queries</option>
              {topics.length > 0 && (
                <optgroup label="Topics">
                  {topics.map((t) => (
                    <option key={t} value={`topic:${t}`}>
                      {t}
                    </option>
                  ))}
                </optgroup>
              )}
              {d.queries.length > 0 && (
                <optgroup label="Queries">
                  {d.queries.map((q) => (
                    <option key={q.id} value={`q:${q.id}`}>
                      {q.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
        )}
      </section>
      <ErrorBanner error={dashboard.error} />
      {d.queries.length === 0 ? (
        <EmptyState
          title="No listening queries yet"
          action={
            <Link className="btn btn-primary" to={`/w/${ws}/listening`}>
              Set up listening
            </Link>
          }
        >
          Create a query for your brand, one per competitor under the same topic, and the topics you care about: their mentions, sentiment
          and share of voice appear here.
        </EmptyState>
      ) : (
        <>
          <Totals d={d} />
          {d.totals.mentions === 0 ? (
            <EmptyState title="No mentions in this period">
              Nothing matched these queries between {formatDate(d.period.from)} and {formatDate(d.period.to)}. Try a longer period, or check
              that the sources are running on the Listening page.
            </EmptyState>
          ) : (
            <div className="series-grid">
              <Card title="Mentions">
                <VolumeChart d={d} />
              </Card>
              <Card title="Sentiment">
                <SentimentChart d={d} />
              </Card>
            </div>
          )}
          <ShareOfVoice d={d} />
          {d.totals.mentions > 0 && (
            <div className="dashboard-grid">
              <Card title="Top authors">
                <RankTable rows={d.topAuthors.map((a) => [a.author, a.mentions])} head={['Author', 'Mentions']} caption="Top authors" />
              </Card>
              <Card title="Top terms">
                <RankTable rows={d.topTerms.map((t) => [t.term, t.count])} head={['Term', 'Mentions']} caption="Top terms" />
                <p className="muted small">From the latest 2,000 mentions of the period; common words left out.</p>
              </Card>
            </div>
          )}
        </>
      )}
      <SpikeAlerts ws={ws} />
    </div>
  );
}

function Totals({ d }: { d: Dashboard }) {
  const t = d.totals;
  const items: [string, string][] = [
    ['Mentions', formatCount(t.mentions)],
    ['Positive', formatCount(t.positive)],
    ['Negative', formatCount(t.negative)],
    ['Net sentiment', t.net === null ? '–' : signed.format(t.net)],
  ];
  return (
    <ul className="totals" aria-label="This period">
      {items.map(([label, value]) => (
        <li key={label} className="total">
          <span className="total-label">{label}</span>
          <strong className="total-value">{value}</strong>
        </li>
      ))}
    </ul>
  );
}

const bucketLabel = (d: Dashboard, at: string) => (d.period.grain === 'hour' ? hourLabel : dayLabel).format(new Date(at));
const interval = (points: number, narrow: boolean) => (narrow ? Math.max(0, Math.ceil(points / 4) - 1) : 'auto');

function VolumeChart({ d }: { d: Dashboard }) {
  const narrow = useNarrowScreen();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 12, top: 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: d.series.map((b) => bucketLabel(d, b.at)),
        axisLabel: { interval: interval(d.series.length, narrow), hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3 },
      series: [{ name: 'Mentions', type: 'line', data: d.series.map((b) => b.mentions), showSymbol: false, areaStyle: { opacity: 0.1 } }],
    }),
    [d, narrow],
  );
  const peak = d.series.reduce((best, b) => (b.mentions > best.mentions ? b : best), d.series[0]!);
  return (
    <Chart
      option={option}
      height={220}
      label={`Mentions per ${d.period.grain}: ${formatCount(d.totals.mentions)} in all, most (${formatCount(peak.mentions)}) on ${bucketLabel(d, peak.at)}.`}
    />
  );
}

/** Days over which the net sentiment line is summed: one day's handful of mentions swings from −1 to 1. */
const NET_WINDOW_DAYS = 7;
const netName = (d: Dashboard) => (d.period.grain === 'day' && d.series.length > NET_WINDOW_DAYS ? `Net (${NET_WINDOW_DAYS} days)` : 'Net');

/** Net sentiment per bucket; by day, over the 7 days ending on it (positive and negative summed first). */
function rollingNet(d: Dashboard): (number | null)[] {
  if (netName(d) === 'Net') return d.series.map((b) => b.net);
  return d.series.map((_, i) => {
    const window = d.series.slice(Math.max(0, i - NET_WINDOW_DAYS + 1), i + 1);
    const positive = window.reduce((n, b) => n + b.positive, 0);
    const negative = window.reduce((n, b) => n + b.negative, 0);
    return positive + negative === 0 ? null : (positive - negative) / (positive + negative);
  });
}

function SentimentChart({ d }: { d: Dashboard }) {
  const narrow = useNarrowScreen();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 0, itemWidth: 14 },
      xAxis: {
        type: 'category',
        data: d.series.map((b) => bucketLabel(d, b.at)),
        axisLabel: { interval: interval(d.series.length, narrow), hideOverlap: true },
      },
      yAxis: [
        { type: 'value', minInterval: 1, splitNumber: 3 },
        { type: 'value', min: -1, max: 1, splitNumber: 2, splitLine: { show: false } },
      ],
      series: [
        ...(['positive', 'neutral', 'negative', 'unscored'] as const).map((s) => ({
          name: s[0]!.toUpperCase() + s.slice(1),
          type: 'bar' as const,
          stack: 'sentiment',
          color: SENTIMENT_COLORS[s],
          data: d.series.map((b) => b[s]),
        })),
        {
          name: netName(d),
          type: 'line',
          yAxisIndex: 1,
          color: '#1b5fd1',
          showSymbol: false,
          connectNulls: true,
          data: rollingNet(d),
        },
      ],
    }),
    [d, narrow],
  );
  const t = d.totals;
  return (
    <>
      <Chart
        option={option}
        height={220}
        label={`Sentiment per ${d.period.grain}: ${t.positive} positive, ${t.neutral} neutral, ${t.negative} negative, ${t.unscored} not scored; net sentiment ${t.net === null ? 'none' : signed.format(t.net)}.`}
      />
      <p className="muted small">
        Net sentiment = (positive − negative) / (positive + negative), from −1 to 1
        {netName(d) === 'Net' ? '' : `; the line sums the ${NET_WINDOW_DAYS} days up to each day`}. Languages the model does not cover are
        not scored.
      </p>
    </>
  );
}

function ShareOfVoice({ d }: { d: Dashboard }) {
  return (
    <Card title="Share of voice">
      {d.shareOfVoice.length === 0 ? (
        <p className="muted">
          Put your brand's query and your competitors' queries under one topic (role "brand" and "competitor") to compare how much each is
          talked about.
        </p>
      ) : (
        <div className="series-grid">
          {d.shareOfVoice.map((t) => (
            <figure key={t.topic} className="series-chart">
              <figcaption>
                <h3>
                  {t.topic}: {t.share === null ? 'no mentions' : `${formatShare(t.share)} for your brand`}
                </h3>
              </figcaption>
              <VoiceChart topic={t} />
              <table className="table">
                <caption className="visually-hidden">Share of voice in {t.topic}</caption>
                <thead>
                  <tr>
                    <th scope="col">Query</th>
                    <th scope="col" className="num">
                      Mentions
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {t.entries.map((e) => (
                    <tr key={e.queryId}>
                      <th scope="row">
                        {e.name} <span className="muted">({e.role})</span>
                      </th>
                      <td className="num">{formatCount(e.mentions)}</td>
                      <td className="num">{e.share === null ? '–' : formatShare(e.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </figure>
          ))}
        </div>
      )}
    </Card>
  );
}

function VoiceChart({ topic }: { topic: Dashboard['shareOfVoice'][number] }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatShare(Number(v)) },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => formatShare(v) }, splitNumber: 2 },
      yAxis: { type: 'category', inverse: true, data: topic.entries.map((e) => e.name) },
      series: [
        {
          name: 'Share of voice',
          type: 'bar',
          data: topic.entries.map((e, i) => ({
            value: e.share ?? 0,
            itemStyle: { color: e.role === 'brand' ? '#2f5d50' : ['#9e5614', '#8e3b8e', '#5d6661'][i % 3] },
          })),
        },
      ],
    }),
    [topic],
  );
  return (
    <Chart
      option={option}
      height={40 + 32 * topic.entries.length}
      label={`Share of voice in ${topic.topic}: ${topic.entries.map((e) => `${e.name} ${e.share === null ? '–' : formatShare(e.share)}`).join(', ')}.`}
    />
  );
}

function RankTable({ rows, head, caption }: { rows: [string, number][]; head: [string, string]; caption: string }) {
  if (rows.length === 0) return <p className="muted">None in this period.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col" className="num">
            {head[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, n]) => (
          <tr key={name}>
            <th scope="row" className="rank-name">
              {name}
            </th>
            <td className="num">{formatCount(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
