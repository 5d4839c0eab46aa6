import { Panel } from '@xyflow/react';
import { Link } from 'wouter';
import { CloseIcon, TriggerIcon } from '../components/icons';
import { useCanvasStore } from '../stores/canvas';
import { AlertIcon, CheckIcon } from './icons';

/** Notes floating over the top of the canvas: a missing trigger, the last test's outcome. */
export function CanvasNotes() {
  const run = useCanvasStore((s) => s.lastRun);
  const needsTrigger = useCanvasStore((s) => !s.definition.trigger && s.nodes.length > 0);
  const dismiss = useCanvasStore((s) => s.dismissLastRun);
  if (!run && !needsTrigger) return null;
  return (
    <Panel position="top-center" className="canvas-notes">
      {needsTrigger && (
        <p className="canvas-hint" role="note">
          <TriggerIcon />
          Add a trigger to start: pick one in the palette.
        </p>
      )}
      {run && (
        <div className="test-result" data-ok={run.state === 'succeeded' || undefined}>
          <span role="status" className="test-result-text">
            {run.state === 'succeeded' ? <CheckIcon /> : <AlertIcon />}
            {runText(run)}
          </span>
          <Link to={`/runs/${run.id}`} className="test-result-link">
            Open run
          </Link>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss the test result"
            onClick={dismiss}
          >
            <CloseIcon />
          </button>
        </div>
      )}
    </Panel>
  );
}

function runText(run: NonNullable<ReturnType<typeof useCanvasStore.getState>['lastRun']>) {
  const duration = run.durationMs === null ? '' : ` in ${Math.round(run.durationMs)} ms`;
  if (run.state === 'succeeded') {
    return `Test run succeeded${duration}${run.dryRun ? ' · dry run' : ''}`;
  }
  if (run.state === 'failed') {
    const where = run.error?.step ? ` at ${run.error.step}` : '';
    return `Test run failed${where}: ${run.error?.message ?? 'see the run'}`;
  }
  return `Test run ${run.state.replace('_', ' ')}${run.outcome ? `: ${run.outcome}` : ''}`;
}
