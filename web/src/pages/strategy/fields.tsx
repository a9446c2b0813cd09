/** Form pieces the builder steps share: numbers, lists of text, checkbox groups, repeated items. */
import { useState, type ReactNode } from 'react';
import { Button, Field, fieldId } from '../../components/ui.tsx';
import type { Draft, LockedIds } from './draft.ts';

/** Pointer and schema error of one field: spread onto TextInput, Select… (`{...at('/name')}`). */
export type At = (pointer: string) => { pointer: string; error: string | undefined };

/** What every builder step gets: the draft, a way to change it, field errors, the saved ids. */
export interface StepProps {
  draft: Draft;
  /** Applies a change to a copy of the draft (mutate freely inside). */
  edit: (change: (draft: Draft) => void) => void;
  at: At;
  locked: LockedIds;
}

const round = (n: number) => Number(n.toFixed(6));

/**
 * A number typed as text (so "0." or "1," can be typed), stored as a number, undefined when blank,
 * NaN when not a number (the schema then reports "enter a number"). `scale` 100 shows a share as %.
 */
export function NumberField({
  label,
  pointer,
  error,
  hint,
  value,
  onValue,
  scale = 1,
  suffix,
}: {
  label: string;
  pointer: string;
  error?: string | undefined;
  hint?: ReactNode;
  value: number | undefined;
  onValue: (value: number | undefined) => void;
  scale?: number;
  suffix?: string;
}) {
  const shown = value === undefined || Number.isNaN(value) ? '' : String(round(value * scale));
  const toValue = (text: string) => (text.trim() === '' ? undefined : Number(text.trim().replace(',', '.')) / scale);
  const [text, setText] = useState(shown);
  const [synced, setSynced] = useState(shown);
  if (shown !== synced) {
    // Changed from outside (another field, a reload): show it, unless it is what the text already says.
    setSynced(shown);
    if (!Object.is(toValue(text), value)) setText(shown);
  }
  return (
    <Field label={suffix ? `${label} (${suffix})` : label} pointer={pointer} error={error} hint={hint}>
      {(a) => (
        <input
          {...a}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onValue(toValue(e.target.value));
          }}
        />
      )}
    </Field>
  );
}

/** "Persona 1" → "persona 1" (mid-sentence); "KPI 1" stays. */
const inSentence = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** A repeated item (a persona, a channel…) with its number, its id (if it has one) and a remove button. */
export function ItemFieldset({
  legend,
  id,
  onRemove,
  children,
}: {
  legend: string;
  id?: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="builder-item">
      <legend>{legend}</legend>
      <div className="builder-item-bar">
        {id !== undefined && (
          <span className="muted builder-item-id" title="The id plan files and campaigns use; fixed once saved">
            id: <code>{id}</code>
          </span>
        )}
        <Button variant="danger" onClick={onRemove}>
          Remove {inSentence(legend)}
        </Button>
      </div>
      {children}
    </fieldset>
  );
}

/** An "Add …" button; its id is the list's pointer, so a finding about the (empty) list focuses it. */
export function AddButton({ pointer, onClick, children }: { pointer: string; onClick: () => void; children: ReactNode }) {
  return (
    <Button id={fieldId(pointer)} onClick={onClick} className="builder-add">
      + {children}
    </Button>
  );
}

/** A list of short texts (pain points, tools): one input each, add and remove. */
export function TextListField({
  label,
  itemLabel,
  pointer,
  items,
  onChange,
  at,
}: {
  label: string;
  itemLabel: string;
  pointer: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  at: At;
}) {
  const set = (i: number, value: string) => onChange(items.map((x, k) => (k === i ? value : x)));
  return (
    <fieldset className="builder-text-list">
      <legend>{label}</legend>
      {items.map((item, i) => (
        <div className="builder-text-list-row" key={i}>
          <Field label={`${itemLabel} ${i + 1}`} {...at(`${pointer}/${i}`)}>
            {(a) => <input {...a} value={item} onChange={(e) => set(i, e.target.value)} />}
          </Field>
          <Button
            variant="ghost"
            aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(items.filter((_, k) => k !== i))}
          >
            ✕
          </Button>
        </div>
      ))}
      <AddButton pointer={pointer} onClick={() => onChange([...items, ''])}>
        Add {itemLabel.toLowerCase()}
      </AddButton>
    </fieldset>
  );
}

/** Pick several of the strategy's own items (channels, personas) with checkboxes. */
export function Checklist({
  legend,
  pointer,
  options,
  selected,
  onChange,
  empty,
}: {
  legend: string;
  /** Prefix of the checkboxes' ids: a finding at this pointer (or one of its items) focuses the first. */
  pointer: string;
  options: readonly { id: string; label: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  empty: ReactNode;
}) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="choice-list">
      <legend>{legend}</legend>
      {options.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        options.map((o) => (
          <label key={o.id} className="choice">
            <input
              type="checkbox"
              id={fieldId(`${pointer}/${o.id}`)}
              checked={selected.includes(o.id)}
              onChange={(e) => toggle(o.id, e.target.checked)}
            />
            {o.label}
          </label>
        ))
      )}
    </fieldset>
  );
}
