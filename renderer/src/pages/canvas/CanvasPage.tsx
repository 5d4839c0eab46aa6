import { useEffect } from 'react';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';
import { BackIcon } from '../../components/icons';
import { LoadFailed } from '../../components/LoadFailed';
import { useCanvasStore } from '../../stores/canvas';
import { WorkflowStateBadge } from '../workflows/WorkflowStateBadge';
import { WorkflowCanvas } from './WorkflowCanvas';

export function CanvasPage({ id }: { id: string }) {
  const { workflowId, workflow, status, open } = useCanvasStore();

  useEffect(() => {
    void open(id);
  }, [id, open]);

  // Until open(id) has run, the store still describes the previously opened workflow.
  const isCurrent = workflowId === id;
  const current = isCurrent ? workflow : null;
  const shown = isCurrent ? status : 'loading';

  return (
    <div className="canvas-page">
      <header className="canvas-header">
        <Link to="/" className="back-link" aria-label="Back to workflows">
          <BackIcon />
          <span>Workflows</span>
        </Link>
        {current && (
          <>
            <span className="breadcrumb-separator" aria-hidden="true">
              /
            </span>
            <h1 className="canvas-title">{current.name}</h1>
            <WorkflowStateBadge state={current.state} />
          </>
        )}
      </header>
      {current && shown === 'ready' ? (
        <WorkflowCanvas definition={current.definition} />
      ) : shown === 'not_found' ? (
        <EmptyState
          title="This workflow does not exist"
          action={
            <Link to="/" className="button">
              Back to workflows
            </Link>
          }
        >
          <p>It may have been deleted, or the link is out of date.</p>
        </EmptyState>
      ) : shown === 'failed' ? (
        <LoadFailed what="this workflow" onRetry={() => void open(id)} />
      ) : (
        <p className="loading" role="status">
          Opening workflow…
        </p>
      )}
    </div>
  );
}
