import { useState } from 'react';
import { Modal } from '../components/Modal';

interface LeaveDialogProps {
  onStay: () => void;
  onDiscard: () => void;
  onSaveAndLeave: () => Promise<void>;
}

/** Asked when leaving the canvas with unsaved changes: save, discard, or stay. */
export function LeaveDialog({ onStay, onDiscard, onSaveAndLeave }: LeaveDialogProps) {
  const [busy, setBusy] = useState(false);

  return (
    <Modal title="Leave without saving?" busy={busy} onCancel={onStay}>
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
    </Modal>
  );
}
