import type { ClashChoice, ImportPreview } from '@shared/transfer/schemas';

const CHOICES: { value: ClashChoice; label: string }[] = [
  { value: 'replace', label: 'Replace it' },
  { value: 'keep_both', label: 'Keep both (import a copy)' },
  { value: 'skip', label: 'Skip this one' },
];

interface WorkflowChoicesProps {
  workflows: ImportPreview['workflows'];
  clash: Record<string, ClashChoice>;
  onClash: (id: string, choice: ClashChoice) => void;
}

/** What the file holds, and for each workflow already here what to do with it. */
export function WorkflowChoices({ workflows, clash, onClash }: WorkflowChoicesProps) {
  return (
    <ul className="import-workflows" aria-label="Workflows in the file">
      {workflows.map((w) => (
        <li key={w.id} className="import-workflow" data-testid="import-workflow">
          <div className="import-workflow-name">{w.name}</div>
          {w.description && <p className="import-workflow-text">{w.description}</p>}
          <p className="import-workflow-meta">
            {w.nodeCount === 1 ? '1 step' : `${w.nodeCount} steps`}
            {w.connectors.length > 0 && ` · ${w.connectors.join(', ')}`}
          </p>
          {w.existing && (
            <fieldset className="import-clash">
              <legend>
                A workflow with this id is already here (“{w.existing.name}”,{' '}
                {w.existing.state.replace('_', ' ')}).
              </legend>
              {CHOICES.map((choice) => (
                <label key={choice.value} className="check">
                  <input
                    type="radio"
                    name={`clash-${w.id}`}
                    value={choice.value}
                    checked={clash[w.id] === choice.value}
                    onChange={() => onClash(w.id, choice.value)}
                  />
                  {choice.label}
                </label>
              ))}
            </fieldset>
          )}
        </li>
      ))}
    </ul>
  );
}
