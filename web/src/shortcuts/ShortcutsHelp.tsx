/** The keyboard shortcuts overlay: `?` (outside text fields) opens and closes it, Esc closes it. */
import { useState } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import { Dialog } from '../components/Dialog.tsx';
import { Button } from '../components/ui.tsx';
import '../pages/publishing/lists.css';
import { SECTIONS, SHORTCUTS } from './shortcuts.ts';

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useHotkeys(SHORTCUTS.general.help.keys, () => setOpen((o) => !o), { useKey: true, preventDefault: true });
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      className="shortcuts-dialog"
      onClose={() => setOpen(false)}
      actions={<Button onClick={() => setOpen(false)}>Close</Button>}
    >
      {SECTIONS.map((section) => (
        <section key={section.title} aria-label={`${section.title} shortcuts`}>
          <h3>{section.title}</h3>
          <dl className="shortcut-list">
            {section.shortcuts.map((sc) => (
              <div key={sc.keys} className="shortcut-row">
                <dt>
                  {sc.show.map((k, i) => (
                    <span key={k}>
                      {i > 0 && (sc.show.length > 1 && !sc.keys.includes(',') ? ' + ' : ' or ')}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{sc.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
