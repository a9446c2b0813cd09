/** Phases (teaser, launch, follow-up…) with their tasks: edited as a list, shown on a timeline. */
import type { Campaign, Strategy } from '../../api/types.ts';
import { Button, Card, fieldId, Select, TextInput } from '../../components/ui.tsx';
import { newTask, nextPhase, textOrUndefined, withOptional, type EditCampaign, type Phase, type Task } from './campaign-draft.ts';
import { PhaseTimeline } from './PhaseTimeline.tsx';

type People = Strategy['resources']['people'];

export function PhasesEditor({
  draft,
  edit,
  people,
  readonly,
}: {
  draft: Campaign;
  edit: EditCampaign;
  people: People;
  readonly: boolean;
}) {
  const editPhase = (index: number, change: (p: Phase) => Phase) =>
    edit((d) => ({ ...d, phases: d.phases.map((p, i) => (i === index ? change(p) : p)) }));
  const removePhase = (index: number) => edit((d) => ({ ...d, phases: d.phases.filter((_, i) => i !== index) }));
  return (
    <Card title="Phases and tasks">
      <p className="muted">
        Phases should cover the campaign from its first to its last day, each with at least one task. Drag a phase on the timeline to move
        it.
      </p>
      <PhaseTimeline draft={draft} edit={edit} readonly={readonly} />
      <ol className="phase-list">
        {draft.phases.map((phase, i) => (
          <li key={i}>
            <PhaseFields
              index={i}
              phase={phase}
              people={people}
              defaultOwner={draft.owner}
              onChange={(change) => editPhase(i, change)}
              onRemove={() => removePhase(i)}
            />
          </li>
        ))}
      </ol>
      <div>
        <Button id={fieldId('/phases')} onClick={() => edit((d) => ({ ...d, phases: [...d.phases, nextPhase(d)] }))}>
          Add phase
        </Button>
      </div>
    </Card>
  );
}

function PhaseFields({
  index,
  phase,
  people,
  defaultOwner,
  onChange,
  onRemove,
}: {
  index: number;
  phase: Phase;
  people: People;
  defaultOwner: string | undefined;
  onChange: (change: (p: Phase) => Phase) => void;
  onRemove: () => void;
}) {
  const at = `/phases/${index}`;
  const number = index + 1;
  const editTask = (t: number, change: (task: Task) => Task) =>
    onChange((p) => ({ ...p, tasks: p.tasks.map((task, j) => (j === t ? change(task) : task)) }));
  return (
    <fieldset className="phase">
      <legend>Phase {number}</legend>
      <div className="row">
        <TextInput
          label="Name"
          pointer={`${at}/name`}
          value={phase.name}
          maxLength={200}
          placeholder="e.g. Teasers"
          onChange={(e) => onChange((p) => ({ ...p, name: e.target.value }))}
        />
        <TextInput
          label="Start"
          pointer={`${at}/start`}
          type="date"
          value={phase.start}
          onChange={(e) => onChange((p) => ({ ...p, start: e.target.value }))}
        />
        <TextInput
          label="End"
          pointer={`${at}/end`}
          type="date"
          value={phase.end}
          onChange={(e) => onChange((p) => ({ ...p, end: e.target.value }))}
        />
      </div>
      <ol className="task-list">
        {phase.tasks.map((task, t) => (
          <li key={t}>
            <TaskFields
              pointer={`${at}/tasks/${t}`}
              number={t + 1}
              phaseNumber={number}
              task={task}
              people={people}
              onChange={(change) => editTask(t, change)}
              onRemove={() => onChange((p) => ({ ...p, tasks: p.tasks.filter((_, j) => j !== t) }))}
            />
          </li>
        ))}
      </ol>
      <div className="phase-actions">
        <Button
          id={fieldId(`${at}/tasks`)}
          aria-label={`Add task to phase ${number}`}
          onClick={() => onChange((p) => ({ ...p, tasks: [...p.tasks, newTask(p, defaultOwner)] }))}
        >
          Add task
        </Button>
        <Button variant="danger" aria-label={`Remove phase ${number}`} onClick={onRemove}>
          Remove phase
        </Button>
      </div>
    </fieldset>
  );
}

function TaskFields({
  pointer,
  number,
  phaseNumber,
  task,
  people,
  onChange,
  onRemove,
}: {
  pointer: string;
  number: number;
  phaseNumber: number;
  task: Task;
  people: People;
  onChange: (change: (t: Task) => Task) => void;
  onRemove: () => void;
}) {
  return (
    <fieldset className="task">
      <legend>Task {number}</legend>
      <div className="row task-row">
        <TextInput
          label="Title"
          pointer={`${pointer}/title`}
          value={task.title}
          maxLength={500}
          placeholder="e.g. Brief the influencers"
          onChange={(e) => onChange((t) => ({ ...t, title: e.target.value }))}
        />
        <Select
          label="Task owner"
          pointer={`${pointer}/owner`}
          value={task.owner ?? ''}
          onChange={(e) => onChange((t) => withOptional(t, 'owner', textOrUndefined(e.target.value)))}
        >
          <option value="">Nobody yet</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <TextInput
          label="Due"
          pointer={`${pointer}/due`}
          type="date"
          value={task.due ?? ''}
          onChange={(e) => onChange((t) => withOptional(t, 'due', textOrUndefined(e.target.value)))}
        />
        <Button variant="ghost" className="task-remove" aria-label={`Remove task ${number} of phase ${phaseNumber}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
