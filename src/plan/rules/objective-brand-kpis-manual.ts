import { MANUAL_METRIC, findMetric } from '../metrics.ts';
import type { RuleIssue, StrategyRule } from './types.ts';

/**
 * Brand impact is the long-term return of a strategy; judged only on figures typed in by hand it is
 * judged on estimates. Reported when a brand objective has a KPI with `source.metric: manual` and
 * none bound to a catalogue metric (a KPI without a source is not bound either). Plans that bind no
 * KPI at all (written before sources existed) are left alone.
 */
export const objectiveBrandKpisManual: StrategyRule = {
  id: 'objective-brand-kpis-manual',
  severity: 'warning',
  target: 'strategy',
  description: 'A brand objective should have at least one KPI bound to a measured metric, not only manual ones.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    strategy.objectives.forEach((objective, i) => {
      if (objective.area !== 'brand') return;
      const metrics = objective.kpis.map((k) => k.source?.metric);
      if (!metrics.includes(MANUAL_METRIC)) return;
      if (metrics.some((m) => m !== undefined && findMetric(m) !== undefined)) return;
      issues.push({
        path: `/objectives/${i}`,
        message: `Brand objective "${objective.id}" is measured only by values entered by hand (source.metric: ${MANUAL_METRIC}, or no source): bind at least one KPI to a measured metric such as mentions, share_of_voice, net_sentiment or engagement_rate, so brand impact is tracked from data.`,
      });
    });
    return issues;
  },
};
