import { useMemo } from 'react';
import { compareDates, isIsoDate } from '../../../../src/plan/dates.ts';
import type { Campaign } from '../../api/types.ts';
import { Gantt, type GanttBar } from '../../components/Gantt.tsx';
import type { EditCampaign } from './campaign-draft.ts';

const drawable = (start: string, end: string) => isIsoDate(start) && isIsoDate(end) && compareDates(start, end) <= 0;

/** One bar per phase and per task with a due date; a phase whose dates cannot be drawn waits for the list to fix them. */
function timelineBars(phases: Campaign['phases']): GanttBar[] {
  return phases.flatMap((phase, i) => [
    ...(drawable(phase.start, phase.end)
      ? [{ id: `phase-${i}`, name: phase.name || `Phase ${i + 1}`, start: phase.start, end: phase.end, kind: 'phase' }]
      : []),
    ...phase.tasks.flatMap((task, t) =>
      task.due !== undefined && isIsoDate(task.due)
        ? [{ id: `task-${i}-${t}`, name: task.title || `Task ${t + 1}`, start: task.due, end: task.due, kind: 'task' }]
        : [],
    ),
  ]);
}

/** A dragged phase bar moves (or stretches) the phase; a dragged task bar moves the task's due date. */
function applyDrag(d: Campaign, id: string, start: string, end: string): Campaign {
  const [kind, i, t] = id.split('-');
  const phases = d.phases.map((phase, index) => {
    if (index !== Number(i)) return phase;
    if (kind === 'phase') return { ...phase, start, end };
    return { ...phase, tasks: phase.tasks.map((task, j) => (j === Number(t) ? { ...task, due: start } : task)) };
  });
  return { ...d, phases };
}

export function PhaseTimeline({ draft, edit, readonly }: { draft: Campaign; edit: EditCampaign; readonly: boolean }) {
  // Redraw only when a bar changes: editing a task's owner, say, changes `phases` but no bar.
  const signature = JSON.stringify(timelineBars(draft.phases));
  const bars = useMemo(() => JSON.parse(signature) as GanttBar[], [signature]);
  if (bars.length === 0) return <p className="timeline-empty">Add a phase to see the campaign on a timeline.</p>;
  return (
    <figure className="timeline" aria-label="Timeline of phases and tasks">
      <Gantt
        bars={bars}
        label="Phases and tasks by week"
        readonly={readonly}
        onDateChange={(id, start, end) => edit((d) => applyDrag(d, id, start, end))}
      />
      <figcaption className="field-message">
        Drag a bar to move it, or its ends to change its dates; every date can also be typed in the list below.
      </figcaption>
    </figure>
  );
}
