import { useId, useState, type FormEvent } from 'react';
import { asSentence } from '../../lib/error-text';

interface RunsAtOnceFieldProps {
  saved: number;
  error: string | undefined;
  onSave: (runsAtOnce: number) => Promise<boolean>;
}

/** How many workflow runs the background executes in parallel (the dispatcher's concurrency). */
export function RunsAtOnceField({ saved, error, onSave }: RunsAtOnceFieldProps) {
  const [value, setValue] = useState(String(saved));
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [shownSaved, setShownSaved] = useState(saved);
  if (saved !== shownSaved) {
    // The stored value changed (here or in another window): show it, unless the user is typing.
    setShownSaved(saved);
    if (value.trim() === String(shownSaved)) setValue(String(saved));
  }
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const dirty = value.trim() !== String(saved);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const trimmed = value.trim();
    // Not a number (empty, letters) goes to the engine as NaN, which refuses it with the reason.
    const ok = await onSave(trimmed === '' ? Number.NaN : Number(trimmed));
    setSaving(false);
    setJustSaved(ok);
  };

  return (
    <form className="field" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field-label" htmlFor={inputId}>
        Runs at once
      </label>
      <div className="field-row">
        <input
          id={inputId}
          className="input input-count"
          type="number"
          inputMode="numeric"
          min={1}
          max={16}
          step={1}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(event) => {
            setValue(event.target.value);
            setJustSaved(false);
          }}
        />
        <button type="submit" className="button" disabled={saving || !dirty}>
          Save
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {asSentence('Runs at once', error)}
        </p>
      )}
      {justSaved && !error && (
        <p className="field-success" role="status">
          Saved.
        </p>
      )}
      <p id={hintId} className="field-hint">
        How many workflow runs the background executes in parallel, from 1 to 16 (default 8). With 1
        they run strictly one at a time, so after a crash at most one action is sent again. A change
        applies from the next batch of runs the background picks up, without a restart.
      </p>
    </form>
  );
}
