/**
 * Every keyboard shortcut in one table: the hooks bind these keys and the help overlay (`?`) lists
 * them, so what is documented is what works. `keys` is react-hotkeys-hook syntax (`mod` is Cmd on a
 * Mac, Ctrl elsewhere); `show` is how the overlay writes it.
 */
export interface Shortcut {
  keys: string;
  show: string[];
  does: string;
}

const s = (keys: string, show: string[], does: string): Shortcut => ({ keys, show, does });

export const SHORTCUTS = {
  general: {
    help: s('shift+?', ['?'], 'Show or hide this list'),
    close: s('escape', ['Esc'], 'Close a dialog or this list'),
  },
  calendar: {
    today: s('t', ['t'], 'Go to today'),
    next: s('n, right', ['n', '→'], 'Next period'),
    prev: s('p, left', ['p', '←'], 'Previous period'),
    month: s('m', ['m'], 'Month view'),
    week: s('w', ['w'], 'Week view'),
    list: s('l', ['l'], 'List view'),
    compose: s('c', ['c'], 'Compose a new post'),
    undo: s('mod+z', ['Ctrl/⌘', 'Z'], 'Undo the last move'),
  },
  composer: {
    save: s('mod+enter', ['Ctrl/⌘', 'Enter'], 'Save'),
    submit: s('mod+shift+enter', ['Ctrl/⌘', 'Shift', 'Enter'], 'Save and submit for review'),
  },
} as const;

export const SECTIONS: { title: string; shortcuts: readonly Shortcut[] }[] = [
  { title: 'Calendar', shortcuts: Object.values(SHORTCUTS.calendar) },
  { title: 'Composer', shortcuts: Object.values(SHORTCUTS.composer) },
  { title: 'Everywhere', shortcuts: Object.values(SHORTCUTS.general) },
];
