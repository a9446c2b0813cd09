import { Badge } from '../../components/ui.tsx';
import type { Strategy } from '../../api/types.ts';
import { AREA_NAMES, channelLabel, formatDate, formatNumber, percent } from './labels.ts';

type Kpi = Strategy['objectives'][number]['kpis'][number];

/**
 * A KPI measured as a rate or share (its metric says so, and its values are 0–1 ratios): shown as
 * percentages, as people read an engagement rate.
 */
const isRatioKpi = (kpi: Kpi): boolean =>
  /\b(rate|share|ratio|proportion)\b/i.test(kpi.metric) && [kpi.baseline, kpi.target].every((v) => v === undefined || (v >= 0 && v <= 1));

/** "2,400 → 6,000 by 31 Dec 2027" (or "3.5% → 5%"), with what is missing said plainly. */
function kpiProgress(kpi: Kpi): string {
  const ratio = isRatioKpi(kpi);
  const n = (v: number | undefined) => (v === undefined ? '?' : ratio ? percent(v) : formatNumber(v));
  return `${n(kpi.baseline)} → ${n(kpi.target)}${kpi.due ? ` by ${formatDate(kpi.due)}` : ' (no due date)'}`;
}

/** Objective → strategy → tactic, and the KPIs that measure each objective, as nested lists. */
export function ObjectiveTree({ strategy }: { strategy: Strategy }) {
  const channelName = (id: string) => {
    const channel = strategy.channels.find((c) => c.id === id);
    return channel ? channelLabel(channel) : id;
  };
  if (strategy.objectives.length === 0) return <p className="muted">No objectives yet.</p>;
  return (
    <ol className="objective-tree">
      {strategy.objectives.map((objective) => (
        <li key={objective.id} className="objective-tree-item">
          <Badge tone="strategy">{AREA_NAMES[objective.area]}</Badge> <strong>{objective.statement}</strong>
          {objective.strategies.length > 0 && (
            <ul className="objective-tree-level">
              {objective.strategies.map((s, i) => (
                <li key={i}>
                  <span className="objective-tree-kind">Strategy</span> {s.statement}
                  {s.tactics.length > 0 && (
                    <ul className="objective-tree-level">
                      {s.tactics.map((t, j) => (
                        <li key={j}>
                          <span className="objective-tree-kind">Tactic</span> {t.statement}
                          {t.channels.length > 0 && <span className="muted"> · on {t.channels.map(channelName).join(', ')}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          {objective.kpis.length > 0 && (
            <ul className="objective-tree-level objective-tree-kpis">
              {objective.kpis.map((kpi) => (
                <li key={kpi.id}>
                  <span className="objective-tree-kind">KPI</span> {kpi.metric}
                  {kpi.channel && <span className="muted"> ({channelName(kpi.channel)})</span>}: <strong>{kpiProgress(kpi)}</strong>{' '}
                  <span className="muted">· {kpi.kind}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
