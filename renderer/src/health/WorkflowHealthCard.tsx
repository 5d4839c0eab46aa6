import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { Badge } from '../components/Badge';
import { relativeTime } from '../lib/relative-time';
import { explainError } from '../runs/explain-error';
import { useRunsViewStore } from '../runs/filter-store';
import { FixButton } from '../runs/FixButton';
import { formatCount, formatDuration, plural } from '../runs/run-format';
import { reportError } from '../stores/notices';
import { formatRate, HEALTH_LABELS, totalRuns, type WorkflowHealthRow } from './health-model';

interface Props {
  row: WorkflowHealthRow;
  now: number;
  onChanged: () => void;
}

/** One workflow's health: its figures, and when something is wrong, why and what to do. */
export function WorkflowHealthCard({ row, now, onChanged }: Props) {
  const [, navigate] = useLocation();
  const showRuns = useRunsViewStore((s) => s.showWorkflowRuns);
  const [enabling, setEnabling] = useState(false);
  const { stats } = row;
  const { label, tone } = HEALTH_LABELS[row.health];
  const lastError = stats.lastError;
  const troubled = row.health === 'failing' || row.health === 'paused' || row.health === 'on_hold';
  const explanation =
    lastError && troubled ? explainError(lastError, row.lastErrorStep ?? undefined) : null;

  const enable = async () => {
    setEnabling(true);
    try {
      unwrap(await api.call('workflows:enable', { id: row.id }));
      onChanged();
    } catch (error) {
      reportError(error, `Could not enable “${row.name}”`);
    } finally {
      setEnabling(false);
    }
  };

  const openFailed = () => {
    showRuns(row.id, ['failed']);
    navigate('/runs');
  };

  return (
    <li
      className={`health-card health-${row.health}`}
      data-testid="workflow-health"
      aria-label={row.name}
    >
      <div className="health-card-head">
        <Link to={`/workflows/${row.id}`} className="row-title health-name">
          {row.name}
        </Link>
        <Badge tone={tone}>{label}</Badge>
        <dl className="health-figures">
          <div>
            <dt>Runs</dt>
            <dd>{formatCount(totalRuns(stats))}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd className={stats.byState.failed > 0 ? 'text-danger' : undefined}>
              {formatCount(stats.byState.failed)}
            </dd>
          </div>
          <div>
            <dt>Success</dt>
            <dd>{formatRate(stats.successRate)}</dd>
          </div>
          <div>
            <dt>p95</dt>
            <dd>{formatDuration(stats.p95DurationMs)}</dd>
          </div>
          <div>
            <dt>Queued</dt>
            <dd>{formatCount(stats.queueDepth)}</dd>
          </div>
        </dl>
      </div>
      {(row.health === 'paused' || row.health === 'on_hold') && row.stateReason && (
        <p className="health-reason">{row.stateReason}</p>
      )}
      {lastError && explanation && (
        <div className="health-problem">
          <div className="health-problem-text">
            <p>
              <strong>Last error</strong>
              {row.lastErrorStep ? ` at “${row.lastErrorStep}”` : ''},{' '}
              {relativeTime(lastError.at, now)}: {lastError.message}
            </p>
            <p className="muted">{explanation.sentence}</p>
            <p className="health-fix">{explanation.fix}.</p>
          </div>
          <div className="health-actions">
            {row.health === 'paused' ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => void enable()}
                disabled={enabling}
              >
                Enable again
              </button>
            ) : row.health === 'on_hold' ? (
              <FixButton action="reconnect" workflowId={row.id} />
            ) : (
              <FixButton
                action={explanation.action === 'replay' ? 'open_workflow' : explanation.action}
                workflowId={row.id}
              />
            )}
            {row.health === 'paused' && explanation.action !== 'replay' && (
              <FixButton action={explanation.action} workflowId={row.id} />
            )}
            <Link to={`/runs/${lastError.runId}`} className="button">
              Open the run
            </Link>
            {stats.byState.failed > 0 && (
              <a
                href="#/runs"
                className="text-link"
                onClick={(e) => {
                  e.preventDefault();
                  openFailed();
                }}
              >
                {plural(stats.byState.failed, 'failed run')}
              </a>
            )}
          </div>
        </div>
      )}
      {!lastError && row.health === 'on_hold' && (
        <div className="health-actions">
          <FixButton action="reconnect" workflowId={row.id} />
        </div>
      )}
    </li>
  );
}
