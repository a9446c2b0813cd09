import { useState } from 'react';
import { TextArea, TextInput } from '../../components/ui.tsx';
import { optionalText, slugify } from './draft.ts';
import type { StepProps } from './fields.tsx';

/** Step 1: what the strategy is, for whom, for how long, and which marketing plan it serves. */
export function BasicsStep({ draft, edit, at, isNew }: StepProps & { isNew: boolean }) {
  // A new strategy's id follows its name until the user types an id of their own.
  const [idEdited, setIdEdited] = useState(false);
  return (
    <>
      <TextInput
        label="Strategy name"
        {...at('/name')}
        value={draft.name}
        maxLength={200}
        required
        onChange={(e) => {
          const name = e.target.value;
          edit((d) => {
            d.name = name;
            if (isNew && !idEdited) d.id = slugify(name, 60);
          });
        }}
      />
      {!isNew && (
        <p className="muted step-hint">
          Id: <code>{draft.id}</code> (fixed: links, plan files and campaigns use it)
        </p>
      )}
      {isNew && (
        <TextInput
          label="Strategy id"
          {...at('/id')}
          hint="Used in links, plan files and exports; it cannot be changed later."
          value={draft.id}
          maxLength={100}
          required
          spellCheck={false}
          onChange={(e) => {
            setIdEdited(true);
            const id = e.target.value;
            edit((d) => void (d.id = id));
          }}
        />
      )}
      <TextInput
        label="Organisation"
        {...at('/organisation')}
        value={draft.organisation}
        maxLength={200}
        required
        onChange={(e) => {
          const organisation = e.target.value;
          edit((d) => void (d.organisation = organisation));
        }}
      />
      <fieldset>
        <legend>Period</legend>
        <p className="muted step-hint">A strategy is the long-term foundation: plan at least 12 months.</p>
        <div className="row">
          <TextInput
            label="Starts"
            type="date"
            {...at('/period/start')}
            value={draft.period.start}
            required
            onChange={(e) => {
              const start = e.target.value;
              edit((d) => void (d.period.start = start));
            }}
          />
          <TextInput
            label="Ends"
            type="date"
            {...at('/period/end')}
            value={draft.period.end}
            required
            onChange={(e) => {
              const end = e.target.value;
              edit((d) => void (d.period.end = end));
            }}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Integration with marketing</legend>
        <TextInput
          label="Marketing plan it integrates into"
          {...at('/integration/marketingPlan')}
          hint="Social media should serve the existing marketing effort, e.g. “Marketing plan 2027, section 4”."
          value={draft.integration.marketingPlan ?? ''}
          onChange={(e) => {
            const plan = optionalText(e.target.value);
            edit((d) => void (d.integration.marketingPlan = plan));
          }}
        />
        <TextArea
          label="Notes"
          {...at('/integration/notes')}
          value={draft.integration.notes ?? ''}
          onChange={(e) => {
            const notes = optionalText(e.target.value);
            edit((d) => void (d.integration.notes = notes));
          }}
        />
      </fieldset>
    </>
  );
}
