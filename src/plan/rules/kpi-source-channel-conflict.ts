import type { RuleIssue, StrategyRule } from './types.ts';

/** `channel` and `source.channel` of one KPI must agree: a KPI is about one channel, or all. */
export const kpiSourceChannelConflict: StrategyRule = {
  id: 'kpi-source-channel-conflict',
  severity: 'error',
  target: 'strategy',
  description: "A KPI's source.channel must be the KPI's own channel, when both are given.",
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      objective.kpis.forEach((kpi, j) => {
        const measured = kpi.source?.channel;
        if (measured === undefined || kpi.channel === undefined || measured === kpi.channel) return;
        issues.push({
          path: `/objectives/${i}/kpis/${j}/source/channel`,
          message: `KPI "${kpi.id}" is about channel "${kpi.channel}" but its values are measured on "${measured}": name one channel (source.channel may be left out, it then defaults to the KPI's channel).`,
        });
      });
    });
    return issues;
  },
};
