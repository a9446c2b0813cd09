/** A filter over a list: "all" (the empty value) or one of `options` (value → label), in their order. */
import { Select } from './ui.tsx';

export function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
}: {
  label: string;
  /** What the empty choice says, e.g. "All channels". */
  all: string;
  value: string;
  options: Iterable<readonly [value: string, label: string]>;
  onChange: (value: string) => void;
}) {
  return (
    <Select label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {[...options].map(([id, text]) => (
        <option key={id} value={id}>
          {text}
        </option>
      ))}
    </Select>
  );
}
