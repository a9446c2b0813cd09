import { TextInput } from '../../components/ui.tsx';
import { newId, optionalText, rename, replaceReferences } from './draft.ts';
import { AddButton, ItemFieldset, NumberField, type StepProps } from './fields.tsx';

/** The team (resources.people): who owns channels and how many hours a week they give. */
export function PeopleFields({ draft, edit, at, locked }: StepProps) {
  return (
    <>
      {draft.resources.people.map((person, i) => {
        const p = `/resources/people/${i}`;
        return (
          <ItemFieldset
            key={i}
            legend={`Person ${i + 1}`}
            id={person.id}
            onRemove={() =>
              edit((d) => {
                const [removed] = d.resources.people.splice(i, 1);
                if (removed) replaceReferences(d, 'person', removed.id, undefined);
              })
            }
          >
            <div className="row">
              <TextInput
                label="Name"
                {...at(`${p}/name`)}
                value={person.name}
                maxLength={200}
                required
                onChange={(e) => {
                  const name = e.target.value;
                  edit((d) => {
                    const item = d.resources.people[i]!;
                    item.name = name;
                    rename(d, 'person', item, name, locked);
                  });
                }}
              />
              <TextInput
                label="Role"
                {...at(`${p}/role`)}
                value={person.role ?? ''}
                maxLength={200}
                onChange={(e) => {
                  const role = optionalText(e.target.value);
                  edit((d) => void (d.resources.people[i]!.role = role));
                }}
              />
              <NumberField
                label="Hours per week"
                {...at(`${p}/hoursPerWeek`)}
                value={person.hoursPerWeek}
                onValue={(hours) => edit((d) => void (d.resources.people[i]!.hoursPerWeek = hours ?? NaN))}
              />
            </div>
          </ItemFieldset>
        );
      })}
      <AddButton
        pointer="/resources/people"
        onClick={() => edit((d) => void d.resources.people.push({ id: newId(d, 'person'), name: '', hoursPerWeek: 0 }))}
      >
        Add person
      </AddButton>
    </>
  );
}
