import { useCanvasStore } from '../../stores/canvas';
import { PlayIcon } from '../icons';
import { usePopover } from './usePopover';

/** "Test workflow" (saving first when needed), with a menu for whether it skips side effects. */
export function TestControls() {
  const testing = useCanvasStore((s) => s.testing);
  const dryRun = useCanvasStore((s) => s.dryRun);
  const canTest = useCanvasStore((s) => s.definition.trigger !== null);
  const testWorkflow = useCanvasStore((s) => s.testWorkflow);
  const setDryRun = useCanvasStore((s) => s.setDryRun);
  const { open, setOpen, ref } = usePopover<HTMLDivElement>();

  return (
    <div className="split-button popover-anchor" ref={ref}>
      <button
        type="button"
        className="button toolbar-button split-button-main"
        onClick={() => void testWorkflow()}
        disabled={testing || !canTest}
        title={
          canTest
            ? `Run the workflow once on its sample item${dryRun ? ', as a dry run' : ''} (saves first)`
            : 'Add a trigger to test the workflow'
        }
      >
        <PlayIcon />
        {testing ? 'Testing…' : 'Test workflow'}
        {!dryRun && <span className="live-tag">Live</span>}
      </button>
      <button
        type="button"
        className="button toolbar-button split-button-more"
        aria-label="Test options"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M6 8l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
      {open && (
        <div className="popover test-options" role="dialog" aria-label="Test options">
          <label className="check-option">
            <input
              type="checkbox"
              checked={dryRun}
              onChange={(event) => setDryRun(event.target.checked)}
            />
            <span>
              <span className="check-option-label">Dry run</span>
              <span className="check-option-help">
                Actions that change things outside Switchyard only record what they would send.
              </span>
            </span>
          </label>
        </div>
      )}
    </div>
  );
}
