import type { JSX } from 'react';
import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import type { WorkflowProblem } from '@shared/workflow/validate';
import type { RunDetail } from '@shared/runs';

export interface InspectorProps {
  node: WorkflowNode;
  definition: WorkflowDefinition;
  problems: WorkflowProblem[];
  lastRun: RunDetail | null;
  onChange(next: WorkflowNode): void;
}

/** The side panel for the selected node. */
export function Inspector(props: InspectorProps): JSX.Element {
  const { node, onChange } = props;
  return (
    <aside className="inspector" aria-label="Inspector">
      <label className="field">
        <span>Name</span>
        <input
          value={node.name ?? ''}
          placeholder={node.id}
          onChange={(e) => onChange({ ...node, name: e.target.value || undefined })}
        />
      </label>
      <label className="field">
        <span>Notes</span>
        <textarea
          value={node.notes ?? ''}
          onChange={(e) => onChange({ ...node, notes: e.target.value || undefined })}
        />
      </label>
    </aside>
  );
}
