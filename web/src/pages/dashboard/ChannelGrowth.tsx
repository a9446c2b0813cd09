/** Followers per channel over the range, each channel's growth and engagement rate (with the method it was computed by). */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { PLATFORM_NAMES } from '../../../../src/plan/ui-messages.ts';
import type { StrategyDashboard } from '../../api/dashboards.ts';
import { Chart, type ChartOption, useNarrowScreen } from '../../components/Chart.tsx';
import { Badge, Card } from '../../components/ui.tsx';
import { formatChange, formatCount, formatShare, shortDate } from './format.ts';

type Channel = StrategyDashboard['channels'][number];

const channelName = (c: Channel) => [PLATFORM_NAMES[c.platform], c.handle].filter(Boolean).join(' ');

const CONNECTION = {
  connected: { label: 'Connected', tone: 'ok' },
  reconnect_needed: { label: 'Reconnect needed', tone: 'warning' },
  none: { label: 'Not connected', tone: 'neutral' },
} as const;

const METHOD = { per_impression: 'per impression', per_follower: 'per follower' } as const;

export function ChannelGrowth({ ws, channels }: { ws: string; channels: readonly Channel[] }) {
  const narrow = useNarrowScreen();
  const withReadings = useMemo(() => channels.filter((c) => c.followers.length > 0), [channels]);
  const option = useMemo<ChartOption>(() => {
    const days = [...new Set(withReadings.flatMap((c) => c.followers.map((p) => p.date)))].sort();
    return {
      grid: { left: 8, right: 12, top: narrow ? 56 : 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 0 },
      xAxis: {
        type: 'category',
        data: days.map(shortDate),
        axisLabel: { hideOverlap: true, ...(narrow ? { interval: Math.max(0, Math.ceil(days.length / 4) - 1) } : {}) },
      },
      yAxis: { type: 'value', scale: true, splitNumber: 3 },
      series: withReadings.map((c) => {
        const byDay = new Map(c.followers.map((p) => [p.date, p.value]));
        return {
          name: channelName(c),
          type: 'line',
          connectNulls: true,
          showSymbol: days.length < 20,
          data: days.map((d) => byDay.get(d) ?? null),
        };
      }),
    };
  }, [withReadings, narrow]);

  return (
    <Card title="Channel growth">
      {withReadings.length > 0 ? (
        <Chart option={option} height={narrow ? 240 : 260} label={`Followers per day of ${withReadings.map(channelName).join(', ')}.`} />
      ) : (
        <p className="muted">
          No follower readings in this range. They are taken once a day for every connected channel (
          <Link to={`/w/${ws}/connections`}>Connections</Link>).
        </p>
      )}
      <div className="table-scroll">
        <table className="table stack-table">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Followers</th>
              <th scope="col">Growth</th>
              <th scope="col">Engagement rate</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id} data-testid={`channel-${c.id}`}>
                <th scope="row">
                  {channelName(c)} <Badge tone={CONNECTION[c.connection].tone}>{CONNECTION[c.connection].label}</Badge>
                </th>
                <td data-label="Followers">
                  {c.followersStart === null || c.followersEnd === null
                    ? '–'
                    : `${formatCount(c.followersStart)} → ${formatCount(c.followersEnd)}`}
                </td>
                <td data-label="Growth">{c.growth === null ? '–' : formatChange(c.growth)}</td>
                <td data-label="Engagement rate">
                  {c.engagementRate === null ? '–' : `${formatShare(c.engagementRate.value)} ${METHOD[c.engagementRate.method]}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
