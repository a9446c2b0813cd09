/** A strategy's report over a period: every KPI, the period's totals and each channel's followers. */
import type { Queryable } from '../../db/pool.ts';
import { getStrategy } from '../../plan-store/store.ts';
import type { Strategy } from '../../plan/schema.ts';
import { followerGrowth } from '../formulas.ts';
import type { ChannelFollowers, StrategyReport } from './content.ts';
import { asOfFor, dailyTotals, reportKpis } from './measures.ts';
import type { ReportPeriod } from './period.ts';

export async function loadStrategyReport(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  period: ReportPeriod,
  now: Date = new Date(),
): Promise<StrategyReport> {
  const strategy = (await getStrategy(q, workspaceId, strategyId)).doc;
  const asOf = asOfFor(period, now.toISOString().slice(0, 10));
  const [kpis, { daily, totals }, channels] = await Promise.all([
    reportKpis(q, workspaceId, strategy, period, asOf),
    dailyTotals(q, workspaceId, period, { strategyId }),
    channelFollowers(q, workspaceId, strategy, period),
  ]);
  return {
    kind: 'strategy',
    strategy: { id: strategy.id, name: strategy.name, start: strategy.period.start, end: strategy.period.end },
    organisation: strategy.organisation,
    period,
    asOf,
    generatedAt: now.toISOString(),
    currency: strategy.resources.budget?.currency ?? null,
    kpis,
    totals,
    daily,
    channels,
  };
}

/** Each channel of the strategy with its follower readings inside the period and the level before it. */
async function channelFollowers(q: Queryable, workspaceId: string, strategy: Strategy, period: ReportPeriod): Promise<ChannelFollowers[]> {
  const { rows } = await q.query<{ channel_id: string; day: string; followers: number }>(
    `SELECT channel_id, day, followers FROM follower_snapshots
      WHERE workspace_id = $1 AND strategy_id = $2 AND day BETWEEN $3 AND $4
     UNION ALL
     (SELECT DISTINCT ON (channel_id) channel_id, day, followers FROM follower_snapshots
       WHERE workspace_id = $1 AND strategy_id = $2 AND day < $3
       ORDER BY channel_id, day DESC)
     ORDER BY 1, 2`,
    [workspaceId, strategy.id, period.from, period.to],
  );
  return strategy.channels.map((channel) => {
    const readings = rows.filter((r) => r.channel_id === channel.id);
    const before = readings.filter((r) => r.day < period.from).at(-1);
    const inside = readings.filter((r) => r.day >= period.from);
    const start = (before ?? inside[0])?.followers ?? null;
    const end = inside.at(-1)?.followers ?? before?.followers ?? null;
    return {
      id: channel.id,
      platform: channel.platform,
      start,
      end,
      growth: start === null || end === null ? null : followerGrowth({ start, end }),
      points: inside.map((r) => ({ date: r.day, value: r.followers })),
    };
  });
}
