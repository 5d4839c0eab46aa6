import { useCanvasStore } from '../stores/canvas';
import { AlertIcon } from './icons';

/** Shown when a save was refused because the workflow changed elsewhere. */
export function ConflictBanner() {
  const conflict = useCanvasStore((s) => s.conflict);
  const reload = useCanvasStore((s) => s.reload);
  const dismiss = useCanvasStore((s) => s.dismissConflict);
  if (!conflict) return null;
  return (
    <div className="canvas-banner" role="alert">
      <AlertIcon />
      <div className="canvas-banner-text">
        <strong>This workflow was changed somewhere else.</strong> {conflict} Reload to get the
        latest version; your unsaved changes here are then discarded.
      </div>
      <button type="button" className="button button-small" onClick={dismiss}>
        Keep editing
      </button>
      <button
        type="button"
        className="button button-small button-primary"
        onClick={() => void reload()}
      >
        Reload
      </button>
    </div>
  );
}
