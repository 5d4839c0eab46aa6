import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { EmptyState } from '../components/EmptyState';
import { RunsIcon, WorkflowsIcon } from '../components/icons';
import { LoadFailed } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { useShortcut } from '../hooks/useShortcut';
import { BulkReplay } from '../runs/BulkReplay';
import { ExportRuns } from '../runs/ExportRuns';
import { useRunsViewStore } from '../runs/filter-store';
import { EMPTY_FILTER, isFiltered } from '../runs/run-filters';
import { formatCount, plural } from '../runs/run-format';
import { RunFilters } from '../runs/RunFilters';
import { RunsList } from '../runs/RunsList';
import { useRunCount } from '../runs/useRunCount';
import { useRunPages } from '../runs/useRunPages';
import { useConnectionsStore } from '../stores/connections';
import { useWorkflowsStore } from '../stores/workflows';

export function RunsPage() {
  const [, navigate] = useLocation();
  const { form, filter, setForm } = useRunsViewStore();
  const workflows = useWorkflowsStore((s) => s.workflows);
  const workflowsStatus = useWorkflowsStore((s) => s.status);
  const connections = useConnectionsStore((s) => s.connections);
  const pages = useRunPages(filter);
  const count = useRunCount(filter);
  const [message, setMessage] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void useWorkflowsStore.getState().load();
    void useConnectionsStore.getState().load();
  }, []);

  useShortcut('/', () => searchRef.current?.focus());

  const open = useCallback((id: number) => navigate(`/runs/${id}`), [navigate]);
  const filtered = isFiltered(form);
  const empty = pages.status === 'ready' && pages.runs.length === 0;

  let body;
  if (pages.status === 'failed' && pages.runs.length === 0) {
    body = <LoadFailed what="the runs" onRetry={pages.reload} />;
  } else if (empty && filtered) {
    body = (
      <EmptyState
        icon={<RunsIcon />}
        title="No runs match these filters"
        action={
          <button type="button" className="button" onClick={() => setForm(EMPTY_FILTER)}>
            Clear filters
          </button>
        }
      >
        <p>Try a longer time range, another state, or fewer words in the search.</p>
      </EmptyState>
    );
  } else if (empty && workflowsStatus === 'ready' && workflows.length === 0) {
    body = (
      <EmptyState
        icon={<WorkflowsIcon />}
        title="No workflows yet"
        action={
          <Link to="/" className="button button-primary">
            Create a workflow
          </Link>
        }
      >
        <p>
          Runs are what workflows do. Create a workflow first: pick a trigger, add steps, then test
          it — the test run shows up here with every step’s input and output.
        </p>
      </EmptyState>
    );
  } else if (empty) {
    body = (
      <EmptyState
        icon={<RunsIcon />}
        title="No runs yet"
        action={
          <Link to="/" className="button button-primary">
            Open your workflows
          </Link>
        }
      >
        <p>
          A run is recorded each time a workflow fires: what triggered it, what every step received
          and returned, and any retries — so you can see why something happened and replay it.
        </p>
        <p className="hint">
          Open a workflow and run a test, or enable it to let it run by itself.
        </p>
      </EmptyState>
    );
  } else if (pages.status === 'loading' && pages.runs.length === 0) {
    body = (
      <p className="loading" role="status">
        Loading runs…
      </p>
    );
  } else {
    body = (
      <div className="runs-table">
        <div className="runs-head" aria-hidden="true">
          <span>State</span>
          <span>Workflow and trigger</span>
          <span>Started</span>
          <span className="num">Duration</span>
          <span className="num">Retries</span>
          <span className="num">Run</span>
        </div>
        <RunsList
          runs={pages.runs}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loadMore={pages.loadMore}
          onOpen={open}
          listRef={listRef}
        />
      </div>
    );
  }

  return (
    <div className="page page-fill">
      <PageHeader
        title="Runs"
        description={
          count === null
            ? 'Every time a workflow runs, with each step’s input and output.'
            : `${plural(count, 'run')}${filtered ? ' match the filters' : ' recorded'}. Press / to search, ↑ ↓ to move, Enter to open.`
        }
        actions={
          pages.runs.length > 0 ? (
            <>
              <ExportRuns filter={filter} />
              <BulkReplay filter={filter} onDone={setMessage} />
            </>
          ) : undefined
        }
      />
      {(pages.runs.length > 0 || filtered) && (
        <RunFilters
          form={form}
          onChange={setForm}
          workflows={workflows}
          connections={connections}
          searchRef={searchRef}
          onLeaveSearch={() => listRef.current?.focus()}
        />
      )}
      {message && (
        <div className="inline-status" role="status">
          <span>{message}</span>
          <button type="button" className="link-button" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </div>
      )}
      {body}
      {count !== null && pages.runs.length > 0 && pages.runs.length < count && (
        <p className="runs-foot" aria-live="off">
          {formatCount(pages.runs.length)} of {formatCount(count)} loaded — more load as you scroll.
        </p>
      )}
    </div>
  );
}
