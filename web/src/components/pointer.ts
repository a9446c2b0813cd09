import { fieldId } from './ui.tsx';

/**
 * Focuses the field a JSON pointer names, or the nearest field above it (a finding about
 * `/channels/2` focuses the first field of that channel if the channel itself has no input).
 */
export function focusPointer(pointer: string): boolean {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const exact = document.getElementById(fieldId(p));
    const within = exact ?? document.querySelector<HTMLElement>(`[id^="${fieldId(p)}-"]`);
    if (within) {
      within.scrollIntoView({ block: 'center', behavior: 'smooth' });
      within.focus({ preventScroll: true });
      return true;
    }
    if (p === '') return false;
  }
}
