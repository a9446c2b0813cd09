import { addMonths, compareDates } from '../../../plan/dates.ts';
import { cadenceMonths } from '../../../plan/review-dates.ts';
import { likeTarget, type SuggestionRuleDef } from './types.ts';

/**
 * A KPI `behind` in this review and in the previous one. Which change, by the trend (the
 * least-squares forecast at the due date, src/plan/kpi-progress.ts):
 * - the trend gets further than today but short of the target → lower the target to the forecast
 *   (what the current pace reaches by the due date);
 * - otherwise (no trend, or one that does not improve), while the due date is before the strategy's
 *   end → move the due date one review step later (at most to the end): the target stands, the
 *   plan gives it time;
 * - otherwise nothing is proposed: the KPI stays `behind` in the table for the reviewers to judge.
 */
export const kpiBehindTwice: SuggestionRuleDef = {
  id: 'kpi-behind-twice',
  description:
    "A KPI `behind` in this and the previous review: lower its target to the trend's forecast when that gets further than today but short of the target; otherwise move its due date one review step later (not past the strategy's end).",
  suggest({ strategy, kpis, previousKpis }) {
    if (!previousKpis) return [];
    const wasBehind = new Set(previousKpis.filter((k) => k.status === 'behind').map((k) => k.id));
    const docKpis = new Map(strategy.objectives.flatMap((o) => o.kpis.map((k) => [k.id, k] as const)));
    const out = [];
    for (const row of kpis) {
      const kpi = docKpis.get(row.id);
      if (row.status !== 'behind' || !wasBehind.has(row.id) || !kpi) continue;
      const { baseline, target, due } = kpi;
      if (baseline === undefined || target === undefined || due === undefined || target === baseline) continue;
      const forecastProgress = row.forecast === null ? null : (row.forecast - baseline) / (target - baseline);
      const proposed = row.forecast === null ? null : likeTarget(row.forecast, kpi);
      if (
        forecastProgress !== null &&
        row.progress !== null &&
        forecastProgress > row.progress &&
        forecastProgress < 1 &&
        proposed !== null &&
        proposed !== target &&
        proposed !== baseline
      ) {
        out.push({
          rule: 'kpi-behind-twice' as const,
          change: { op: 'set-kpi-target' as const, kpi: kpi.id, from: target, to: proposed },
          rationale:
            `“${kpi.metric}” is behind for the second review running (now ${row.current}, target ${target} by ${due}). ` +
            `At its current trend it reaches about ${proposed} by ${due}: lower the target from ${target} to ${proposed}.`,
        });
      } else if (compareDates(due, strategy.period.end) < 0) {
        const later = addMonths(due, cadenceMonths(strategy));
        const to = compareDates(later, strategy.period.end) > 0 ? strategy.period.end : later;
        out.push({
          rule: 'kpi-behind-twice' as const,
          change: { op: 'set-kpi-due' as const, kpi: kpi.id, from: due, to },
          rationale:
            `“${kpi.metric}” is behind for the second review running (now ${row.current ?? 'no value'}, target ${target} by ${due}) ` +
            `and its trend does not close the gap: keep the target ${target} and move its due date from ${due} to ${to}.`,
        });
      }
    }
    return out;
  },
};
