import { Link } from 'wouter';
import { BackIcon, DownloadIcon } from '../../components/icons';
import { exportWorkflowFiles } from '../../transfer/files';
import { isDirty, useCanvasStore } from '../../stores/canvas';
import { HistoryIcon, LayoutIcon, RedoIcon, SaveIcon, UndoIcon } from '../icons';
import { ariaShortcut, shortcutText } from '../shortcuts';
import { EnableSwitch } from './EnableSwitch';
import { ProblemsButton } from './ProblemsButton';
import { TestControls } from './TestControls';
import { WorkflowTitle } from './WorkflowTitle';

interface CanvasToolbarProps {
  onLayout: () => void;
  onJumpToNode: (id: string) => void;
  onJumpToPalette: () => void;
}

export function CanvasToolbar({ onLayout, onJumpToNode, onJumpToPalette }: CanvasToolbarProps) {
  const canUndo = useCanvasStore((s) => s.history.past.length > 0);
  const canRedo = useCanvasStore((s) => s.history.future.length > 0);
  const dirty = useCanvasStore(isDirty);
  const saving = useCanvasStore((s) => s.saving);
  const hasNodes = useCanvasStore((s) => s.nodes.length > 0);
  const historyOpen = useCanvasStore((s) => s.panel === 'history');
  const workflowId = useCanvasStore((s) => s.workflowId);
  const { undo, redo, save, showPanel } = useCanvasStore.getState();

  return (
    <header className="canvas-header">
      <Link to="/" className="back-link" aria-label="Back to workflows">
        <BackIcon />
        <span>Workflows</span>
      </Link>
      <span className="breadcrumb-separator" aria-hidden="true">
        /
      </span>
      <WorkflowTitle />
      <div className="toolbar" role="toolbar" aria-label="Workflow">
        <div className="toolbar-group">
          <button
            type="button"
            className="icon-button"
            aria-label="Undo"
            title={`Undo (${shortcutText('Z')})`}
            aria-keyshortcuts={ariaShortcut('Z')}
            disabled={!canUndo}
            onClick={undo}
          >
            <UndoIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Redo"
            title={`Redo (${shortcutText('Z', true)} or ${shortcutText('Y')})`}
            aria-keyshortcuts={`${ariaShortcut('Z', true)} ${ariaShortcut('Y')}`}
            disabled={!canRedo}
            onClick={redo}
          >
            <RedoIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Tidy up layout"
            title="Tidy up: lay the steps out left to right"
            disabled={!hasNodes}
            onClick={onLayout}
          >
            <LayoutIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Version history"
            title="Version history: earlier saves, to restore"
            aria-pressed={historyOpen}
            onClick={() => showPanel(historyOpen ? null : 'history')}
          >
            <HistoryIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Export as a file"
            title={
              dirty
                ? 'Export as a workflow file: the saved version (save first to include your changes)'
                : 'Export as a workflow file'
            }
            disabled={!workflowId}
            onClick={() => workflowId && void exportWorkflowFiles([workflowId])}
          >
            <DownloadIcon />
          </button>
        </div>
        <ProblemsButton onJump={onJumpToNode} onJumpToPalette={onJumpToPalette} />
        <TestControls />
        <EnableSwitch />
        <button
          type="button"
          className="button button-primary toolbar-button"
          title={`Save (${shortcutText('S')})`}
          aria-keyshortcuts={ariaShortcut('S')}
          disabled={saving || !dirty}
          onClick={() => void save()}
        >
          <SaveIcon />
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </header>
  );
}
