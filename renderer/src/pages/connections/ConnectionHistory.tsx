import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ConnectionCheck } from '@shared/ipc/contract';
import type { RunSummary } from '@shared/runs';
import { api, unwrap } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { relativeTime } from '../../lib/relative-time';
import { useRunsViewStore } from '../../runs/filter-store';
import { EMPTY_FILTER } from '../../runs/run-filters';
import { formatDateTime } from '../../runs/run-format';
import { RunStateBadge } from '../../runs/RunStateBadge';
import { CONNECTION_STATES } from './ConnectionStatusBadge';

interface History {
  checks: ConnectionCheck[];
  runs: RunSummary[];
}

/** A connection's own history: its checks, and the latest runs of the workflows using it. */
export function ConnectionHistory({
  id,
  now,
  version,
}: {
  id: string;
  now: number;
  version: string;
}) {
  const [history, setHistory] = useState<History | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [, navigate] = useLocation();

  useEffect(() => {
    let live = true;
    Promise.all([
      api.call('connections:checks', { id, limit: 10 }),
      api.call('runs:list', { connectionId: id, limit: 8 }),
    ])
      .then(([checks, runs]) => {
        if (live) setHistory({ checks: unwrap(checks), runs: unwrap(runs).runs });
      })
      .catch((error: unknown) => live && setFailed(errorText(error).summary));
    return () => {
      live = false;
    };
  }, [id, version]);

  if (failed) return <p className="field-error">Could not load the history: {failed}</p>;
  if (!history)
    return (
      <p className="loading" role="status">
        Loading history…
      </p>
    );
  return (
    <div className="connection-history">
      <section aria-label="Checks">
        <h3 className="connection-history-title">Checks</h3>
        {history.checks.length === 0 ? (
          <p className="field-help">
            Not checked yet. “Test now” checks it and records the outcome here.
          </p>
        ) : (
          <ul className="history-list">
            {history.checks.map((check) => (
              <li key={check.id} className="history-item" data-testid="check-row">
                <span
                  className={check.ok ? 'history-dot is-ok' : 'history-dot is-failed'}
                  aria-hidden="true"
                />
                <span className="history-text">
                  <strong>{check.ok ? 'Passed' : CONNECTION_STATES[check.status].label}</strong>{' '}
                  {check.message}
                </span>
                <time className="history-time" dateTime={check.at} title={formatDateTime(check.at)}>
                  {relativeTime(check.at, now)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Recent runs">
        <h3 className="connection-history-title">Recent runs</h3>
        {history.runs.length === 0 ? (
          <p className="field-help">No runs yet of a workflow that uses this account.</p>
        ) : (
          <ul className="history-list">
            {history.runs.map((run) => (
              <li key={run.id} className="history-item">
                <RunStateBadge state={run.state} />
                <Link to={`/runs/${run.id}`} className="history-text text-link">
                  {run.workflowName} · #{run.id}
                </Link>
                <time
                  className="history-time"
                  dateTime={run.createdAt}
                  title={formatDateTime(run.createdAt)}
                >
                  {relativeTime(run.createdAt, now)}
                </time>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            useRunsViewStore.getState().setForm({ ...EMPTY_FILTER, connectionId: id });
            navigate('/runs');
          }}
        >
          All runs using this account
        </button>
      </section>
    </div>
  );
}
