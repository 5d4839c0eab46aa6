import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';
import { BackIcon } from '../../components/icons';
import { LoadFailed } from '../../components/LoadFailed';
import { CanvasEditor } from '../../canvas/CanvasEditor';
import { useCanvasStore } from '../../stores/canvas';

export function CanvasPage({ id }: { id: string }) {
  const workflowId = useCanvasStore((s) => s.workflowId);
  const status = useCanvasStore((s) => s.status);
  const open = useCanvasStore((s) => s.open);
  const close = useCanvasStore((s) => s.close);

  useEffect(() => {
    void open(id);
  }, [id, open]);
  useEffect(() => close, [close]);

  // Until open(id) has run, the store still describes the previously opened workflow.
  const shown = workflowId === id ? status : 'loading';

  if (shown === 'ready') {
    return (
      <div className="canvas-page">
        <ReactFlowProvider>
          <CanvasEditor />
        </ReactFlowProvider>
      </div>
    );
  }
  return (
    <div className="canvas-page">
      <header className="canvas-header">
        <Link to="/" className="back-link" aria-label="Back to workflows">
          <BackIcon />
          <span>Workflows</span>
        </Link>
      </header>
      {shown === 'not_found' ? (
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
