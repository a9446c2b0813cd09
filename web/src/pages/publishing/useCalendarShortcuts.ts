/** The calendar's keyboard shortcuts (listed in the `?` overlay): move through time, switch views, compose, undo. */
import type { RefObject } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import type { CalendarControl } from '../../components/Calendar.tsx';
import { SHORTCUTS } from '../../shortcuts/shortcuts.ts';

export function useCalendarShortcuts(control: RefObject<CalendarControl | null>, on: { compose?: () => void; undo?: () => void }): void {
  const k = SHORTCUTS.calendar;
  useHotkeys(k.today.keys, () => control.current?.today());
  useHotkeys(k.next.keys, () => control.current?.next());
  useHotkeys(k.prev.keys, () => control.current?.prev());
  useHotkeys(k.month.keys, () => control.current?.view('dayGridMonth'));
  useHotkeys(k.week.keys, () => control.current?.view('timeGridWeek'));
  useHotkeys(k.list.keys, () => control.current?.view('listMonth'));
  useHotkeys(k.compose.keys, () => on.compose?.(), { enabled: !!on.compose });
  // Outside text fields only (the default): there Ctrl/⌘+Z undoes typing.
  useHotkeys(k.undo.keys, () => on.undo?.(), { enabled: !!on.undo, preventDefault: true });
}
