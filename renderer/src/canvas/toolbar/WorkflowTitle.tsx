import { useState } from 'react';
import { PencilIcon } from '../../components/icons';
import { isDirty, useCanvasStore } from '../../stores/canvas';
import { WorkflowNameInput } from '../../pages/workflows/WorkflowNameInput';
import { WorkflowStateBadge } from '../../pages/workflows/WorkflowStateBadge';

/** The workflow's name (renamed in place), its state, and whether changes are unsaved. */
export function WorkflowTitle() {
  const workflow = useCanvasStore((s) => s.workflow);
  const dirty = useCanvasStore(isDirty);
  const saving = useCanvasStore((s) => s.saving);
  const rename = useCanvasStore((s) => s.rename);
  const [renaming, setRenaming] = useState(false);
  if (!workflow) return null;

  return (
    <div className="workflow-title">
      {renaming ? (
        <WorkflowNameInput
          initialName={workflow.name}
          onSave={rename}
          onDone={() => setRenaming(false)}
        />
      ) : (
        <>
          <h1 className="canvas-title" title={workflow.name}>
            {workflow.name}
          </h1>
          <button
            type="button"
            className="icon-button rename-button"
            aria-label="Rename workflow"
            title="Rename"
            onClick={() => setRenaming(true)}
          >
            <PencilIcon />
          </button>
        </>
      )}
      <WorkflowStateBadge state={workflow.state} />
      <span className="save-state" role="status" data-dirty={dirty || undefined}>
        {saving ? 'Saving…' : dirty ? 'Unsaved changes' : ''}
      </span>
    </div>
  );
}
