import { KPI_KINDS, OBJECTIVE_AREAS } from '../../../../src/plan/schema.ts';
import { Select, TextArea, TextInput } from '../../components/ui.tsx';
import { newId, rename, type Draft } from './draft.ts';
import { AddButton, Checklist, ItemFieldset, NumberField, type StepProps } from './fields.tsx';
import { AREA_NAMES, channelLabel } from './labels.ts';

type Objective = Draft['objectives'][number];
type Kpi = Objective['kpis'][number];

interface ObjectivePartProps extends StepProps {
  /** Index of the objective in draft.objectives. */
  o: number;
  /** Applies a change to a copy of this objective. */
  change: (fn: (objective: Objective, draft: Draft) => void) => void;
}

/** How the objective is pursued: strategy statements, each with tactics on the strategy's channels. */
function ObjectiveStrategies({ draft, at, o, change }: ObjectivePartProps) {
  const objective = draft.objectives[o]!;
  const channels = draft.channels.map((c) => ({ id: c.id, label: channelLabel(c) }));
  return (
    <>
      {objective.strategies.map((strategy, s) => {
        const p = `/objectives/${o}/strategies/${s}`;
        return (
          <ItemFieldset key={s} legend={`Strategy ${s + 1}`} onRemove={() => change((obj) => void obj.strategies.splice(s, 1))}>
            <TextInput
              label="Strategy statement"
              {...at(`${p}/statement`)}
              hint="How you will reach the objective, e.g. “Teach, don't sell”."
              value={strategy.statement}
              onChange={(e) => {
                const statement = e.target.value;
                change((obj) => void (obj.strategies[s]!.statement = statement));
              }}
            />
            {strategy.tactics.map((tactic, t) => (
              <ItemFieldset
                key={t}
                legend={`Tactic ${t + 1}`}
                onRemove={() => change((obj) => void obj.strategies[s]!.tactics.splice(t, 1))}
              >
                <TextInput
                  label="Tactic"
                  {...at(`${p}/tactics/${t}/statement`)}
                  hint="A concrete, repeatable action, e.g. “Weekly brewing guide reel”."
                  value={tactic.statement}
                  onChange={(e) => {
                    const statement = e.target.value;
                    change((obj) => void (obj.strategies[s]!.tactics[t]!.statement = statement));
                  }}
                />
                <Checklist
                  legend="On channels"
                  pointer={`${p}/tactics/${t}/channels`}
                  options={channels}
                  selected={tactic.channels}
                  onChange={(ids) => change((obj) => void (obj.strategies[s]!.tactics[t]!.channels = ids))}
                  empty="No channels yet: add them in the Channels step."
                />
              </ItemFieldset>
            ))}
            <AddButton
              pointer={`${p}/tactics`}
              onClick={() => change((obj) => void obj.strategies[s]!.tactics.push({ statement: '', channels: [] }))}
            >
              Add tactic
            </AddButton>
          </ItemFieldset>
        );
      })}
      <AddButton
        pointer={`/objectives/${o}/strategies`}
        onClick={() => change((obj) => void obj.strategies.push({ statement: '', tactics: [] }))}
      >
        Add strategy
      </AddButton>
    </>
  );
}

/** How the objective is measured: KPIs with baseline, target and due date. */
function ObjectiveKpis({ draft, at, locked, o, change }: ObjectivePartProps) {
  const objective = draft.objectives[o]!;
  return (
    <>
      {objective.kpis.map((kpi, k) => {
        const p = `/objectives/${o}/kpis/${k}`;
        const set = (fn: (kpi: Kpi) => void) => change((obj) => fn(obj.kpis[k]!));
        return (
          <ItemFieldset key={k} legend={`KPI ${k + 1}`} id={kpi.id} onRemove={() => change((obj) => void obj.kpis.splice(k, 1))}>
            <div className="row">
              <TextInput
                label="Metric"
                {...at(`${p}/metric`)}
                hint="e.g. Instagram followers"
                value={kpi.metric}
                maxLength={200}
                onChange={(e) => {
                  const metric = e.target.value;
                  change((obj, d) => {
                    const item = obj.kpis[k]!;
                    item.metric = metric;
                    rename(d, 'kpi', item, metric, locked);
                  });
                }}
              />
              <Select
                label="Kind"
                {...at(`${p}/kind`)}
                value={kpi.kind}
                onChange={(e) => {
                  const kind = e.target.value as Kpi['kind'];
                  set((x) => void (x.kind = kind));
                }}
              >
                {KPI_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </Select>
              <Select
                label="Channel"
                {...at(`${p}/channel`)}
                value={kpi.channel ?? ''}
                onChange={(e) => {
                  const channel = e.target.value || undefined;
                  set((x) => void (x.channel = channel));
                }}
              >
                <option value="">— across channels —</option>
                {draft.channels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {channelLabel(c)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="row">
              <NumberField
                label="Baseline"
                {...at(`${p}/baseline`)}
                value={kpi.baseline}
                onValue={(n) => set((x) => void (x.baseline = n))}
              />
              <NumberField label="Target" {...at(`${p}/target`)} value={kpi.target} onValue={(n) => set((x) => void (x.target = n))} />
              <TextInput
                label="Due"
                type="date"
                {...at(`${p}/due`)}
                value={kpi.due ?? ''}
                onChange={(e) => {
                  const due = e.target.value || undefined;
                  set((x) => void (x.due = due));
                }}
              />
            </div>
          </ItemFieldset>
        );
      })}
      <AddButton
        pointer={`/objectives/${o}/kpis`}
        onClick={() => change((obj, d) => void obj.kpis.push({ id: newId(d, 'kpi'), metric: '', kind: 'reach', due: d.period.end }))}
      >
        Add KPI
      </AddButton>
    </>
  );
}

/** Step 5: objectives by area, each with the strategies and tactics that pursue it and the KPIs that measure it. */
export function ObjectivesStep(props: StepProps) {
  const { draft, edit, at, locked } = props;
  const addObjective = () =>
    edit((d) => {
      const area = OBJECTIVE_AREAS.find((a) => !d.objectives.some((x) => x.area === a)) ?? 'marketing';
      d.objectives.push({ id: newId(d, 'objective'), area, statement: '', strategies: [], kpis: [] });
    });
  return (
    <>
      <p className="muted step-hint">
        Set objectives per area (marketing, PR, sales, product development…), how you will pursue each one, and the KPIs that tell you it
        worked. Judge the strategy on long-term brand impact: include a brand, engagement or reach KPI.
      </p>
      {draft.objectives.map((objective, o) => {
        const p = `/objectives/${o}`;
        const change: ObjectivePartProps['change'] = (fn) => edit((d) => fn(d.objectives[o]!, d));
        return (
          <ItemFieldset
            key={o}
            legend={`Objective ${o + 1}`}
            id={objective.id}
            onRemove={() => edit((d) => void d.objectives.splice(o, 1))}
          >
            <Select
              label="Area"
              {...at(`${p}/area`)}
              value={objective.area}
              onChange={(e) => {
                const area = e.target.value as Objective['area'];
                change((obj) => void (obj.area = area));
              }}
            >
              {OBJECTIVE_AREAS.map((area) => (
                <option key={area} value={area}>
                  {AREA_NAMES[area]}
                </option>
              ))}
            </Select>
            <TextArea
              label="Objective statement"
              {...at(`${p}/statement`)}
              rows={2}
              value={objective.statement}
              onChange={(e) => {
                const statement = e.target.value;
                change((obj, d) => {
                  obj.statement = statement;
                  rename(d, 'objective', obj, statement, locked);
                });
              }}
            />
            <h3 className="builder-subheading">Strategies and tactics</h3>
            <ObjectiveStrategies {...props} o={o} change={change} />
            <h3 className="builder-subheading">KPIs</h3>
            <ObjectiveKpis {...props} o={o} change={change} />
          </ItemFieldset>
        );
      })}
      <AddButton pointer="/objectives" onClick={addObjective}>
        Add objective
      </AddButton>
    </>
  );
}
