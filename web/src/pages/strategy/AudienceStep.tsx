import { TextArea, TextInput } from '../../components/ui.tsx';
import { newId, optionalText, rename } from './draft.ts';
import { AddButton, Checklist, ItemFieldset, TextListField, type StepProps } from './fields.tsx';
import { channelLabel } from './labels.ts';

/** Step 2: who the strategy is for, the pain points it sets out to solve, where they are reached. */
export function AudienceStep({ draft, edit, at, locked }: StepProps) {
  const channels = draft.channels.map((c) => ({ id: c.id, label: channelLabel(c) }));
  return (
    <>
      <p className="muted step-hint">
        A strategy starts from a clear analysis of its audience: describe each group you want to reach and the problems you can solve for
        them.
      </p>
      {draft.audience.personas.map((persona, i) => {
        const p = `/audience/personas/${i}`;
        return (
          <ItemFieldset
            key={i}
            legend={`Persona ${i + 1}`}
            id={persona.id}
            onRemove={() => edit((d) => void d.audience.personas.splice(i, 1))}
          >
            <TextInput
              label="Name"
              {...at(`${p}/name`)}
              value={persona.name}
              maxLength={200}
              required
              onChange={(e) => {
                const name = e.target.value;
                edit((d) => {
                  const item = d.audience.personas[i]!;
                  item.name = name;
                  rename(d, 'persona', item, name, locked);
                });
              }}
            />
            <TextArea
              label="Description"
              {...at(`${p}/description`)}
              value={persona.description ?? ''}
              onChange={(e) => {
                const description = optionalText(e.target.value);
                edit((d) => void (d.audience.personas[i]!.description = description));
              }}
            />
            <TextListField
              label="Pain points"
              itemLabel="Pain point"
              pointer={`${p}/painPoints`}
              items={persona.painPoints}
              at={at}
              onChange={(painPoints) => edit((d) => void (d.audience.personas[i]!.painPoints = painPoints))}
            />
            <Checklist
              legend="Channels they use"
              pointer={`${p}/channels`}
              options={channels}
              selected={persona.channels}
              onChange={(ids) => edit((d) => void (d.audience.personas[i]!.channels = ids))}
              empty="No channels yet: add them in the next step and tick the personas each one reaches."
            />
          </ItemFieldset>
        );
      })}
      <AddButton
        pointer="/audience/personas"
        onClick={() => edit((d) => void d.audience.personas.push({ id: newId(d, 'persona'), name: '', painPoints: [], channels: [] }))}
      >
        Add persona
      </AddButton>
    </>
  );
}
