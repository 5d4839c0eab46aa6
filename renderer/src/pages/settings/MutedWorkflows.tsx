import type { WorkflowSummary } from '@shared/workflow/schema';

interface MutedWorkflowsProps {
  workflows: WorkflowSummary[];
  muted: string[];
  disabled: boolean;
  onChange: (muted: string[]) => void;
}

/** Workflows whose problems raise no notification (the tray still lists them). */
export function MutedWorkflows({ workflows, muted, disabled, onChange }: MutedWorkflowsProps) {
  const mutedSet = new Set(muted);
  return (
    <fieldset className="field">
      <legend className="field-label">Mute notifications for</legend>
      {workflows.length === 0 ? (
        <p className="field-hint">No workflows yet.</p>
      ) : (
        <ul className="settings-muted-list">
          {workflows.map((workflow) => (
            <li key={workflow.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={mutedSet.has(workflow.id)}
                  disabled={disabled}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...muted, workflow.id]
                        : muted.filter((id) => id !== workflow.id),
                    )
                  }
                />
                {workflow.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <p className="field-hint">A muted workflow still shows in the tray when it needs you.</p>
    </fieldset>
  );
}
