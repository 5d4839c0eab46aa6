import { useEffect, useId, useRef, useState } from 'react';

interface LeaveDialogProps {
  onStay: () => void;
  onDiscard: () => void;
  onSaveAndLeave: () => Promise<void>;
}

/** Asked when leaving the canvas with unsaved changes: save, discard, or stay. */
export function LeaveDialog({ onStay, onDiscard, onSaveAndLeave }: LeaveDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onStay();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Leave without saving?
      </h2>
      <div className="dialog-body">
        <p>This workflow has changes that are not saved yet.</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onStay} disabled={busy} autoFocus>
          Keep editing
        </button>
        <button type="button" className="button" onClick={onDiscard} disabled={busy}>
          Discard changes
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onSaveAndLeave();
            setBusy(false);
          }}
        >
          Save and leave
        </button>
      </div>
    </dialog>
  );
}
