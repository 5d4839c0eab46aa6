import { useState } from 'react';
import { useCanvasStore } from '../../stores/canvas';

/** Turns background runs on and off; enabling saves pending changes first. */
export function EnableSwitch() {
  const state = useCanvasStore((s) => s.workflow?.state ?? 'draft');
  const setEnabled = useCanvasStore((s) => s.setEnabled);
  const [busy, setBusy] = useState(false);
  // On hold and paused workflows are enabled but stopped: the switch stays on.
  const on = state === 'active' || state === 'on_hold' || state === 'paused';

  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className="switch"
      disabled={busy}
      title={
        on ? 'Stop running this workflow in the background' : 'Run this workflow in the background'
      }
      onClick={async () => {
        setBusy(true);
        await setEnabled(!on);
        setBusy(false);
      }}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-label">Enabled</span>
    </button>
  );
}
