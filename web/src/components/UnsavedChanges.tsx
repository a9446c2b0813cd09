/**
 * Leaving a form with unsaved changes asks first: in-app navigation through react-router's blocker
 * (a dialog: stay or leave without saving), closing or reloading the tab through `beforeunload` (the
 * browser's own prompt). Moves that stay inside the form (`inside`, e.g. the builder's steps, which
 * keep the draft) are never blocked, nor is the navigation a successful save makes (`allowNext`).
 */
import { useCallback, useEffect, useRef } from 'react';
import { useBlocker, type Location } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog.tsx';

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

  const dialog = (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Stay on this page"
      danger
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <p>You have unsaved changes on this page. If you leave now, they are lost.</p>
    </ConfirmDialog>
  );
  return { dialog, allowNext };
}
