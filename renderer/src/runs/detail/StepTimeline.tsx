import type { RunDetail, RunStepLog } from '@shared/runs';
import type { StepState } from '@shared/workflow/states';
import type { Workflow } from '@shared/workflow/schema';
import { Badge, type BadgeTone } from '../../components/Badge';
import { JsonViewer } from '../../components/JsonViewer';
import { explainError } from '../explain-error';
import { formatDateTime, formatDuration } from '../run-format';

const STEP_STATES: Record<StepState, { label: string; tone: BadgeTone }> = {
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  filtered: { label: 'Stopped by filter', tone: 'neutral' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  reused: { label: 'Reused', tone: 'info' },
  dry_run: { label: 'Dry run', tone: 'info' },
  waiting: { label: 'Waiting', tone: 'warning' },
};

export interface StepLabel {
  name: string;
  kind: string;
}

/** Names for step ids from the workflow's current definition (a deleted step keeps its id). */
export function stepLabels(workflow: Workflow | null): Map<string, StepLabel> {
  const labels = new Map<string, StepLabel>();
  if (!workflow) return labels;
  const { trigger, steps } = workflow.definition;
  const nodes = trigger ? [trigger, ...steps] : steps;
  for (const node of nodes) {
    const kind = 'connector' in node ? `${node.connector}.${node.operation}` : node.type;
    labels.set(node.id, { name: node.name ?? node.id, kind });
  }
  return labels;
}

/** Attempts grouped per step, in the order the steps first ran. */
function groupSteps(steps: readonly RunStepLog[]): [string, RunStepLog[]][] {
  const groups = new Map<string, RunStepLog[]>();
  for (const step of steps) {
    const list = groups.get(step.stepId) ?? [];
    list.push(step);
    groups.set(step.stepId, list);
  }
  return [...groups];
}

/** The steps of a run, top to bottom: every attempt with its wait, input, output and error. */
export function StepTimeline({ run, labels }: { run: RunDetail; labels: Map<string, StepLabel> }) {
  const groups = groupSteps(run.steps);
  if (groups.length === 0)
    return (
      <p className="muted">
        {run.state === 'queued' || run.state === 'retrying'
          ? 'No step has run yet.'
          : 'This run recorded no steps.'}
      </p>
    );
  return (
    <ol className="timeline" aria-label="Steps">
      {groups.map(([stepId, attempts]) => {
        const label = labels.get(stepId);
        const final = attempts.at(-1)!;
        const { label: stateLabel, tone } = STEP_STATES[final.state];
        return (
          <li key={stepId} className={`timeline-step timeline-${tone}`} data-testid="run-step">
            <div className="timeline-dot" aria-hidden="true" />
            <div className="timeline-head">
              <h3 className="timeline-title">{label?.name ?? stepId}</h3>
              <span className="kind-tag">{label?.kind ?? stepId}</span>
              <Badge tone={tone}>{stateLabel}</Badge>
              {attempts.length > 1 && <span className="meta-text">{attempts.length} attempts</span>}
            </div>
            {attempts.map((attempt, i) => (
              <StepAttempt
                key={`${attempt.attempt}-${attempt.startedAt}`}
                attempt={attempt}
                previous={attempts[i - 1]}
                many={attempts.length > 1}
                stepName={label?.name ?? stepId}
                open={attempt === final && final.state === 'failed'}
              />
            ))}
          </li>
        );
      })}
    </ol>
  );
}

function StepAttempt({
  attempt,
  previous,
  many,
  stepName,
  open,
}: {
  attempt: RunStepLog;
  previous: RunStepLog | undefined;
  many: boolean;
  stepName: string;
  open: boolean;
}) {
  const waited =
    previous?.finishedAt != null
      ? Date.parse(attempt.startedAt) - Date.parse(previous.finishedAt)
      : null;
  const explanation = attempt.error ? explainError(attempt.error, stepName) : null;
  return (
    <div className="attempt">
      <dl className="attempt-facts">
        {many && (
          <div>
            <dt>Attempt</dt>
            <dd>
              {attempt.attempt} — {STEP_STATES[attempt.state].label.toLowerCase()}
            </dd>
          </div>
        )}
        {waited !== null && waited > 0 && (
          <div>
            <dt>Waited</dt>
            <dd>{formatDuration(waited)} before this attempt</dd>
          </div>
        )}
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(attempt.startedAt)}</dd>
        </div>
        <div>
          <dt>Took</dt>
          <dd>{formatDuration(attempt.durationMs)}</dd>
        </div>
        {attempt.idempotencyKey && (
          <div>
            <dt>Idempotency key</dt>
            <dd>
              <code>{attempt.idempotencyKey}</code>
            </dd>
          </div>
        )}
      </dl>
      {attempt.error && explanation && (
        <div className="step-error" role="note" aria-label={`Error of ${stepName}`}>
          <p className="step-error-message">
            <code>{attempt.error.code}</code> {attempt.error.message}
          </p>
          <p className="step-error-sentence">{explanation.sentence}</p>
          {attempt.error.retryAfterMs !== undefined && (
            <p className="muted">
              The service asked to wait {formatDuration(attempt.error.retryAfterMs)}.
            </p>
          )}
        </div>
      )}
      <details className="attempt-data" open={open}>
        <summary>Input and output</summary>
        <div className="attempt-json">
          {attempt.input === null || attempt.input === undefined ? (
            <p className="muted attempt-no-input">
              {attempt.state === 'failed'
                ? 'No input was recorded for this failed attempt.'
                : 'This step takes no input.'}
            </p>
          ) : (
            <JsonViewer value={attempt.input} label={`Input of ${stepName}`} />
          )}
          {attempt.error ? (
            <JsonViewer value={attempt.error} label={`Error of ${stepName}`} />
          ) : (
            <JsonViewer value={attempt.output} label={`Output of ${stepName}`} />
          )}
        </div>
      </details>
    </div>
  );
}
