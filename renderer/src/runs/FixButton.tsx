import { Link } from 'wouter';
import type { FixAction } from './explain-error';

interface FixButtonProps {
  action: FixAction;
  workflowId: string;
  onReplay?: () => void;
  busy?: boolean;
}

/** The one button that acts on an error's explanation. */
export function FixButton({ action, workflowId, onReplay, busy = false }: FixButtonProps) {
  switch (action) {
    case 'reconnect':
      return (
        <Link to="/connections" className="button button-primary">
          Reconnect
        </Link>
      );
    case 'open_workflow':
      return (
        <Link to={`/workflows/${workflowId}`} className="button button-primary">
          Open workflow
        </Link>
      );
    case 'replay':
      return onReplay ? (
        <button type="button" className="button" onClick={onReplay} disabled={busy}>
          Replay from failed step
        </button>
      ) : null;
    default:
      return null;
  }
}
