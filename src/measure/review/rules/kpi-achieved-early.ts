import { likeTarget, pct, type SuggestionRuleDef } from './types.ts';

/** Achieved with less than this share of the KPI's window gone is "early". */
export const EARLY_SHARE = 0.75;

/**
 * A KPI already `achieved` with under EARLY_SHARE of its window gone, whose trend goes on past its
 * current value → raise the target to the forecast at the due date: the bar was set too low.
 */
export const kpiAchievedEarly: SuggestionRuleDef = {
  id: 'kpi-achieved-early',
  description: `A KPI achieved with under ${pct(EARLY_SHARE)} of its window gone and a trend going further: raise its target to the trend's forecast at the due date.`,
  suggest({ strategy, kpis }) {
    const docKpis = new Map(strategy.objectives.flatMap((o) => o.kpis.map((k) => [k.id, k] as const)));
    const out = [];
    for (const row of kpis) {
      const kpi = docKpis.get(row.id);
      if (row.status !== 'achieved' || !kpi || row.expected === null || row.expected >= EARLY_SHARE) continue;
      const { baseline, target } = kpi;
      if (baseline === undefined || target === undefined || row.forecast === null || row.current === null) continue;
      const up = Math.sign(target - baseline);
      const proposed = likeTarget(row.forecast, kpi);
      if (up === 0 || up * (proposed - row.current) <= 0 || up * (proposed - target) <= 0) continue;
      out.push({
        rule: 'kpi-achieved-early' as const,
        change: { op: 'set-kpi-target' as const, kpi: kpi.id, from: target, to: proposed },
        rationale:
          `“${kpi.metric}” reached its target ${target} (now ${row.current}) with only ${pct(row.expected)} of its window gone. ` +
          `At its trend it reaches about ${proposed} by ${kpi.due}: raise the target from ${target} to ${proposed}.`,
      });
    }
    return out;
  },
};
