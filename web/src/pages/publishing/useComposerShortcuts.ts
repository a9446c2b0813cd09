/** The composer's keyboard shortcuts (listed in the `?` overlay); they work while typing in a field. */
import { useHotkeys } from 'react-hotkeys-hook';
import { SHORTCUTS } from '../../shortcuts/shortcuts.ts';

/** `save` and `submit` are left out when the action is not open (nothing to save, not submittable, busy). */
export function useComposerShortcuts(on: { save?: () => void; submit?: () => void }): void {
  const options = { enableOnFormTags: true, preventDefault: true } as const;
  useHotkeys(SHORTCUTS.composer.save.keys, () => on.save?.(), { ...options, enabled: !!on.save });
  useHotkeys(SHORTCUTS.composer.submit.keys, () => on.submit?.(), { ...options, enabled: !!on.submit });
}
