import { findMetric, kpiSourceChannel } from '../metrics.ts';
import type { RuleIssue, StrategyRule } from './types.ts';
import { listIds } from './util.ts';

/**
 * Some metrics only mean something on one channel (an engagement rate is per impression on one
 * network and per follower on another): a KPI bound to one must name the channel, as
 * `source.channel` or as the KPI's own `channel`.
 */
export const kpiMetricNeedsChannel: StrategyRule = {
  id: 'kpi-metric-needs-channel',
  severity: 'error',
  target: 'strategy',
  description: 'A KPI bound to a per-channel metric (engagement_rate, ctr) must name its channel.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      objective.kpis.forEach((kpi, j) => {
        if (kpi.source === undefined) return;
        const metric = findMetric(kpi.source.metric);
        if (metric === undefined || !metric.needsChannel || kpiSourceChannel(kpi) !== undefined) return;
        issues.push({
          path: `/objectives/${i}/kpis/${j}/source`,
          message: `KPI "${kpi.id}" measures ${metric.id}, which is only defined on one channel (${metric.definition.replace(/\.$/, '')}): set source.channel to one of the strategy's channels (${listIds(strategy.channels.map((c) => c.id))}).`,
        });
      });
    });
    return issues;
  },
};
