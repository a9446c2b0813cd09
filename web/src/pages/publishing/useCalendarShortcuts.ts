/** The calendar's keyboard shortcuts (listed in the `?` overlay): move through time, switch views, compose, undo. */
import type { RefObject } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import type { CalendarControl } from '../../components/Calendar.tsx';
import { SHORTCUTS } from '../../shortcuts/shortcuts.ts';

/** Keys belong to an open dialog (the shortcuts list, a confirmation), not to the calendar behind it. */
const unlessDialog = (fn: () => void) => () => {
  if (!document.querySelector('dialog[open]')) fn();
};

export function useCalendarShortcuts(control: RefObject<CalendarControl | null>, on: { compose?: () => void; undo?: () => void }): void {
  const k = SHORTCUTS.calendar;
  useHotkeys(
    k.today.keys,
    unlessDialog(() => control.current?.today()),
  );
  useHotkeys(
    k.next.keys,
    unlessDialog(() => control.current?.next()),
  );
  useHotkeys(
    k.prev.keys,
    unlessDialog(() => control.current?.prev()),
  );
  useHotkeys(
    k.month.keys,
    unlessDialog(() => control.current?.view('dayGridMonth')),
  );
  useHotkeys(
    k.week.keys,
    unlessDialog(() => control.current?.view('timeGridWeek')),
  );
  useHotkeys(
    k.list.keys,
    unlessDialog(() => control.current?.view('listMonth')),
  );
  useHotkeys(
    k.compose.keys,
    unlessDialog(() => on.compose?.()),
    { enabled: !!on.compose },
  );
  // Outside text fields only (the default): there Ctrl/⌘+Z undoes typing.
  useHotkeys(
    k.undo.keys,
    unlessDialog(() => on.undo?.()),
    { enabled: !!on.undo, preventDefault: true },
  );
}
