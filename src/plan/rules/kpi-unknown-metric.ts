import { MANUAL_METRIC, METRIC_SOURCE_IDS, isKnownMetric } from '../metrics.ts';
import type { RuleIssue, StrategyRule } from './types.ts';
import { closest } from './util.ts';

/**
 * A KPI's `source.metric` must be a metric of the catalogue (src/plan/metrics.ts) or `manual`. The
 * schema accepts any text there so that this rule can name the KPI, the line and the likely typo.
 */
export const kpiUnknownMetric: StrategyRule = {
  id: 'kpi-unknown-metric',
  severity: 'error',
  target: 'strategy',
  description: "A KPI's source.metric must be a metric of the catalogue (see Metrics) or manual.",
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      objective.kpis.forEach((kpi, j) => {
        const metric = kpi.source?.metric;
        if (metric === undefined || isKnownMetric(metric)) return;
        const guess = closest(metric.toLowerCase().replace(/[\s-]+/g, '_'), METRIC_SOURCE_IDS);
        issues.push({
          path: `/objectives/${i}/kpis/${j}/source/metric`,
          message: `KPI "${kpi.id}" is bound to metric "${metric}", which Groundwork does not know${guess !== undefined ? `: did you mean "${guess}"?` : '.'} Use a metric id from the README's metric table (followers, engagement_rate, conversions, mentions…), or "${MANUAL_METRIC}" for values people enter or import.`,
        });
      });
    });
    return issues;
  },
};
