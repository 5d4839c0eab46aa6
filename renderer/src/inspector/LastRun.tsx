import type { RunDetail, RunStepLog } from '@shared/runs';
import type { StepState } from '@shared/workflow/states';
import { Badge, type BadgeTone } from '../components/Badge';
import { JsonViewer } from '../components/JsonViewer';

const STATE_TONES: Readonly<Record<StepState, BadgeTone>> = {
  succeeded: 'success',
  failed: 'danger',
  filtered: 'warning',
  skipped: 'neutral',
  reused: 'info',
  dry_run: 'info',
  waiting: 'info',
};

const STATE_LABELS: Readonly<Record<StepState, string>> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  filtered: 'Stopped by filter',
  skipped: 'Skipped',
  reused: 'Reused',
  dry_run: 'Dry run',
  waiting: 'Waiting',
};

const latestAttempt = (steps: readonly RunStepLog[], id: string) =>
  steps.filter((s) => s.stepId === id).sort((a, b) => b.attempt - a.attempt)[0];

/** What this node received and produced in the last test run, straight from the run log. */
export function LastRun({
  run,
  nodeId,
  isTrigger,
}: {
  run: RunDetail | null;
  nodeId: string;
  isTrigger: boolean;
}) {
  const step = run ? latestAttempt(run.steps, nodeId) : undefined;
  const hasData = isTrigger ? run !== null && run.triggerData !== undefined : step !== undefined;
  return (
    <details className="inspector-section last-run" open={hasData || undefined}>
      <summary className="section-title">
        <span>Last test run</span>
        {step && <Badge tone={STATE_TONES[step.state]}>{STATE_LABELS[step.state]}</Badge>}
        {isTrigger && run && <Badge tone="success">Started the run</Badge>}
        {!isTrigger && run && !step && <Badge tone="neutral">Not reached</Badge>}
      </summary>
      <div className="section-body">
        {!run ? (
          <p className="inspector-note">
            No test run yet. Test the workflow to see what this step receives and produces.
          </p>
        ) : isTrigger ? (
          <DataBlock title="Output" value={run.triggerData} />
        ) : !step ? (
          <p className="inspector-note">This step did not run in the last test.</p>
        ) : (
          <>
            <p className="run-meta">
              Attempt {step.attempt}
              {step.durationMs !== null && ` · ${formatDuration(step.durationMs)}`}
            </p>
            {step.error && (
              <div className="run-error" role="alert">
                <strong>{step.error.code}</strong> {step.error.message}
              </div>
            )}
            {step.input !== null && step.input !== undefined && (
              <DataBlock title="Input" value={step.input} />
            )}
            {step.output !== null && step.output !== undefined && (
              <DataBlock title="Output" value={step.output} />
            )}
          </>
        )}
      </div>
    </details>
  );
}

function DataBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="data-block">
      <JsonViewer value={value} label={title} />
    </div>
  );
}

const formatDuration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
