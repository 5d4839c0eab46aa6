import { useId, useRef, useState } from 'react';
import { WorkflowName } from '@shared/workflow/schema';
import { asSentence } from '../../lib/error-text';

interface WorkflowNameInputProps {
  initialName: string;
  /** Resolves true when saved; the input stays open on failure so nothing typed is lost. */
  onSave: (name: string) => Promise<boolean>;
  onDone: () => void;
}

/** Inline rename: Enter saves, Escape cancels, leaving the field saves a valid change. */
export function WorkflowNameInput({ initialName, onSave, onDone }: WorkflowNameInputProps) {
  const [value, setValue] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const settled = useRef(false);
  const errorId = useId();

  const finish = () => {
    settled.current = true;
    onDone();
  };

  const commit = async (leaving: boolean) => {
    if (settled.current || saving) return;
    const parsed = WorkflowName.safeParse(value);
    if (!parsed.success) {
      if (leaving) return finish();
      setError(asSentence('Name', parsed.error.issues[0]?.message ?? 'is not valid'));
      return;
    }
    if (parsed.data === initialName) return finish();
    setSaving(true);
    const saved = await onSave(parsed.data);
    setSaving(false);
    if (saved) finish();
  };

  return (
    <div className="name-editor">
      <input
        className="input name-input"
        aria-label="Workflow name"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={value}
        maxLength={200}
        disabled={saving}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void commit(false);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            finish();
          }
        }}
        onBlur={() => void commit(true)}
      />
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
