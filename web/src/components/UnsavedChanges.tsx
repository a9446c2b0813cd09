/**
 * Leaving a form with unsaved changes asks first: in-app navigation through react-router's blocker
 * (a dialog: stay or leave without saving), closing or reloading the tab through `beforeunload` (the
 * browser's own prompt). Moves that stay inside the form (`inside`, e.g. the builder's steps, which
 * keep the draft) are never blocked, nor is the navigation a successful save makes (`allowNext`).
 */
import { useCallback, useEffect, useRef } from 'react';
import { useBlocker, type Location } from 'react-router';
import { Button } from './ui.tsx';

export function useUnsavedChanges(dirty: boolean, inside: (pathname: string) => boolean = () => false) {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const insideRef = useRef(inside);
  insideRef.current = inside;
  // A save answers and then navigates before React has re-rendered with the saved state.
  const allowed = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }: { currentLocation: Location; nextLocation: Location }) => {
    if (allowed.current) {
      allowed.current = false;
      return false;
    }
    return dirtyRef.current && nextLocation.pathname !== currentLocation.pathname && !insideRef.current(nextLocation.pathname);
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Chromium still needs returnValue set to show its prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const allowNext = useCallback(() => {
    allowed.current = true;
  }, []);

  const dialog = blocker.state === 'blocked' ? <LeaveDialog onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} /> : null;
  return { dialog, allowNext };
}

function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    // Escape closes a modal dialog: that means "stay".
    <dialog ref={ref} className="dialog" aria-labelledby="leave-title" aria-describedby="leave-text" onCancel={onStay}>
      <h2 id="leave-title">Leave without saving?</h2>
      <p id="leave-text">You have unsaved changes on this page. If you leave now, they are lost.</p>
      <div className="card-actions">
        <Button variant="primary" onClick={onStay} autoFocus>
          Stay on this page
        </Button>
        <Button variant="danger" onClick={onLeave}>
          Leave without saving
        </Button>
      </div>
    </dialog>
  );
}
