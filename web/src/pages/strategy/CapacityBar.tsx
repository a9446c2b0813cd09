import type { Draft } from './draft.ts';
import { capacity } from './draft.ts';
import { hours } from './labels.ts';

/** Hours the posting cadence needs per week vs the hours the people have (resources-over-capacity). */
export function CapacityBar({ strategy }: { strategy: Draft }) {
  const { needed, available } = capacity(strategy);
  const over = needed > available + 1e-9;
  const scale = Math.max(needed, available, 1);
  const summary = `${hours(needed)} h/week needed of ${hours(available)} h/week available`;
  return (
    <div className={`capacity${over ? ' capacity-over' : ''}`} data-testid="capacity">
      <div className="capacity-text">
        <strong>Capacity:</strong> {summary}
        {over && <span className="capacity-warning"> — over capacity: add people or hours, or post less often</span>}
      </div>
      <div className="capacity-track" role="img" aria-label={summary}>
        <div className="capacity-available" style={{ width: `${(available / scale) * 100}%` }} />
        <div className="capacity-needed" style={{ width: `${(needed / scale) * 100}%` }} />
      </div>
      <p className="muted capacity-note">
        Needed = posts per week across channels × {strategy.settings.minutesPerPost} min per post; available = the people's hours per week.
      </p>
    </div>
  );
}
