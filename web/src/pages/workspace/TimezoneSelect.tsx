/** Picking a workspace's IANA time zone (creation and settings share it). */
import type { SelectHTMLAttributes } from 'react';
import { Select } from '../../components/ui.tsx';
import { timezoneNames } from '../publishing/time.ts';

/** The browser's own zone: the likeliest answer for a new workspace. */
export const browserTimezone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function TimezoneSelect({
  value,
  hint,
  ...rest
}: { value: string; hint?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value'>) {
  // The current value first-class even if this browser does not list it (an alias such as US/Pacific).
  const zones = [...new Set([value, ...timezoneNames()])];
  return (
    <Select label="Time zone" value={value} hint={hint} {...rest}>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </Select>
  );
}
