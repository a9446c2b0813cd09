/**
 * "Are you sure?" for changes that are hard to undo (a role change, removing a member, a bulk action):
 * a modal Dialog whose focus starts on staying.
 */
import type { ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';
import { Button } from './ui.tsx';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** What staying is called ("Cancel" unless said otherwise). */
  cancelLabel?: string;
  danger?: boolean;
  /** Disables the confirm button (a request in flight, or the form inside not complete). */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      className="confirm-dialog"
      actions={
        <>
          <Button onClick={onCancel} autoFocus>
            {cancelLabel}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
