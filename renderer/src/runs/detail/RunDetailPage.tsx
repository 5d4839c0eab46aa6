import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { BackIcon } from '../../components/icons';
import { JsonViewer } from '../../components/JsonViewer';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useNow } from '../../hooks/useNow';
import { relativeTime } from '../../lib/relative-time';
import { explainError } from '../explain-error';
import { FixButton } from '../FixButton';
import { formatDateTime, formatDuration } from '../run-format';
import { RunStateBadge } from '../RunStateBadge';
import { LedgerTable } from './LedgerTable';
import { RunActions, useReplay } from './RunActions';
import { StepTimeline, stepLabels } from './StepTimeline';
import { useRunDetail } from './useRunDetail';

export function RunDetailPage({ id }: { id: number }) {
  const { run, workflow, error, reload } = useRunDetail(id);
  const [message, setMessage] = useState<string | null>(null);
  const now = useNow();

  const back = (
    <Link to="/runs" className="back-link">
      <BackIcon />
      All runs
    </Link>
  );

  if (error && !run)
    return (
      <div className="page">
        {back}
        <EmptyState
          title={
            error.code === 'not_found' ? `Run #${id} does not exist` : 'Could not load the run'
          }
          action={
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          }
        >
          <p>{error.message}</p>
        </EmptyState>
      </div>
    );
  if (!run)
    return (
      <div className="page">
        {back}
        <p className="loading" role="status">
          Loading run #{id}…
        </p>
      </div>
    );

  const labels = stepLabels(workflow);
  const errorStepName = run.error?.step
    ? (labels.get(run.error.step)?.name ?? run.error.step)
    : undefined;
  const explanation = run.error ? explainError(run.error, errorStepName) : null;

  return (
    <div className="page run-detail">
      {back}
      <PageHeader
        title={`Run #${run.id}`}
        description={
          <span className="run-detail-sub">
            <RunStateBadge state={run.state} />
            <Link to={`/workflows/${run.workflowId}`} className="text-link">
              {run.workflowName}
            </Link>
            <span className="meta-text">version {run.workflowVersion}</span>
            {run.test && <span className="run-tag">{run.dryRun ? 'test, dry run' : 'test'}</span>}
            <span className="meta-text" title={formatDateTime(run.createdAt)}>
              {relativeTime(run.createdAt, now)}
            </span>
          </span>
        }
        actions={<RunActions run={run} onMessage={setMessage} onChanged={reload} />}
      />
      {message && (
        <div className="inline-status" role="status">
          <span>{message}</span>
        </div>
      )}
      {run.error && explanation && (
        <ErrorCallout
          run={run}
          stepName={errorStepName}
          sentence={explanation.sentence}
          fix={explanation.fix}
          action={explanation.action}
          onMessage={setMessage}
        />
      )}
      {run.outcome && !run.error && <p className="run-outcome">{run.outcome}</p>}

      <section className="card" aria-labelledby="run-facts">
        <h2 id="run-facts" className="card-title">
          Summary
        </h2>
        <dl className="facts">
          <Fact term="Trigger item">
            <code>{run.triggerItemId}</code>
          </Fact>
          {run.summary && <Fact term="Summary">{run.summary}</Fact>}
          <Fact term="Queued">{formatDateTime(run.createdAt)}</Fact>
          <Fact term="Started">{formatDateTime(run.startedAt)}</Fact>
          <Fact term="Finished">{formatDateTime(run.finishedAt)}</Fact>
          <Fact term="Duration">{formatDuration(run.durationMs)}</Fact>
          <Fact term="Retries">{run.retries}</Fact>
          {run.dueAt && <Fact term="Next attempt">{formatDateTime(run.dueAt)}</Fact>}
          {run.holdConnection && (
            <Fact term="Waiting for">
              connection <code>{run.holdConnection}</code>{' '}
              <Link to="/connections" className="text-link">
                Reconnect
              </Link>
            </Fact>
          )}
          {run.replayOf !== null && (
            <Fact term="Replay of">
              <Link to={`/runs/${run.replayOf}`} className="text-link">
                Run #{run.replayOf}
              </Link>
              {run.replayFrom
                ? ` from step ${labels.get(run.replayFrom)?.name ?? run.replayFrom}`
                : ' from the start'}
            </Fact>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="run-steps">
        <h2 id="run-steps" className="card-title">
          Steps
        </h2>
        <StepTimeline run={run} labels={labels} />
      </section>

      <section className="card" aria-labelledby="run-trigger">
        <h2 id="run-trigger" className="card-title">
          Trigger
        </h2>
        <JsonViewer value={run.triggerData} label="Trigger data" />
        <h3 className="card-subtitle">What the trigger saw</h3>
        <LedgerTable ledger={run.ledger} runId={run.id} />
      </section>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ErrorCallout({
  run,
  stepName,
  sentence,
  fix,
  action,
  onMessage,
}: {
  run: Parameters<typeof useReplay>[0];
  stepName: string | undefined;
  sentence: string;
  fix: string;
  action: Parameters<typeof FixButton>[0]['action'];
  onMessage: (text: string) => void;
}) {
  const { replay, busy } = useReplay(run, onMessage);
  const error = run.error!;
  const ended = run.state === 'failed';
  return (
    <section
      className={ended ? 'callout callout-danger' : 'callout callout-warning'}
      aria-label="What went wrong"
    >
      <div className="callout-body">
        <p className="callout-title">
          {ended ? 'Failed' : 'Last attempt failed'}
          {stepName ? ` at “${stepName}”` : ''}: {error.message}
        </p>
        <p>{sentence}</p>
        <p className="callout-fix">{fix}.</p>
      </div>
      {ended && action !== 'replay' && (
        <FixButton
          action={action}
          workflowId={run.workflowId}
          onReplay={() => void replay('failed_step')}
          busy={busy}
        />
      )}
    </section>
  );
}
