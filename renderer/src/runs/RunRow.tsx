import { memo } from 'react';
import type { RunSummary } from '@shared/runs';
import { relativeTime } from '../lib/relative-time';
import { formatDateTime, formatDuration } from './run-format';
import { RunStateBadge } from './RunStateBadge';

interface RunRowProps {
  run: RunSummary;
  now: number;
  active: boolean;
  top: number;
  onOpen: (id: number) => void;
  onPick: (id: number) => void;
}

export const RUN_ROW_HEIGHT = 52;

/** One run in the virtual list: positioned by the list, memoised so scrolling re-renders nothing. */
export const RunRow = memo(function RunRow({ run, now, active, top, onOpen, onPick }: RunRowProps) {
  const started = run.startedAt ?? run.createdAt;
  return (
    <div
      role="option"
      id={`run-${run.id}`}
      aria-selected={active}
      data-testid="run-row"
      className={active ? 'run-row is-active' : 'run-row'}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={() => onPick(run.id)}
      onClick={() => onOpen(run.id)}
    >
      <span className="run-cell-state">
        <RunStateBadge state={run.state} />
      </span>
      <span className="run-cell-main">
        <span className="run-workflow">
          {run.workflowName}
          {run.test && <span className="run-tag">test</span>}
          {run.replayOf !== null && <span className="run-tag">replay of #{run.replayOf}</span>}
        </span>
        <span className="run-summary">
          {run.state === 'failed' && run.error
            ? run.error.message
            : run.summary || run.triggerItemId}
        </span>
      </span>
      <span className="run-cell-time" title={formatDateTime(started)}>
        {relativeTime(started, now)}
      </span>
      <span className="run-cell-num">{formatDuration(run.durationMs)}</span>
      <span className="run-cell-num">{run.retries > 0 ? run.retries : '—'}</span>
      <span className="run-cell-id">#{run.id}</span>
    </div>
  );
});
