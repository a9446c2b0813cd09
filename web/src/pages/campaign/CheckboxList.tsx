import type { ReactNode } from 'react';
import { fieldId } from '../../components/ui.tsx';

export interface CheckboxOption {
  value: string;
  label: ReactNode;
}

/**
 * A labelled group of checkboxes choosing values from a fixed list. Each box's id is
 * `fieldId(pointer/value)`, so a finding about `pointer` (or an item of it) focuses the group.
 */
export function CheckboxList({
  legend,
  pointer,
  options,
  selected,
  onChange,
  empty,
}: {
  legend: string;
  pointer: string;
  options: readonly CheckboxOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Shown instead of the boxes when there is nothing to choose from. */
  empty?: ReactNode;
}) {
  // A stored value that is no longer an option (imported, or removed from the strategy) stays
  // visible, ticked, so it can be unticked; it is never offered once gone.
  const stale = selected.filter((v) => !options.some((o) => o.value === v));
  const shown = [
    ...options,
    ...stale.map((v) => ({ value: v, label: <span className="stale-option">{v} — not in the strategy: untick to remove</span> })),
  ];
  const toggle = (value: string, on: boolean) =>
    // Keep the list's order, whatever order the boxes were ticked in.
    onChange(shown.map((o) => o.value).filter((v) => (v === value ? on : selected.includes(v))));
  return (
    <fieldset className="checkbox-list">
      <legend>{legend}</legend>
      {shown.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        shown.map((o) => {
          const id = fieldId(`${pointer}/${o.value}`);
          return (
            <div key={o.value} className="checkbox">
              <input id={id} type="checkbox" checked={selected.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })
      )}
    </fieldset>
  );
}
