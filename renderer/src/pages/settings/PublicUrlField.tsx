import { useId, useState, type FormEvent } from 'react';
import { asSentence } from '../../lib/error-text';

interface PublicUrlFieldProps {
  saved: string | null;
  error: string | undefined;
  onSave: (url: string | null) => Promise<boolean>;
}

/** The user's tunnel address; empty means webhooks are reachable on this machine only. */
export function PublicUrlField({ saved, error, onSave }: PublicUrlFieldProps) {
  const [value, setValue] = useState(saved ?? '');
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [shownSaved, setShownSaved] = useState(saved);
  if (saved !== shownSaved) {
    // The stored value changed (here or in another window): show it, unless the user is typing.
    setShownSaved(saved);
    if (value.trim() === (shownSaved ?? '')) setValue(saved ?? '');
  }
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const dirty = value.trim() !== (saved ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const trimmed = value.trim();
    const ok = await onSave(trimmed === '' ? null : trimmed);
    setSaving(false);
    setJustSaved(ok);
  };

  return (
    <form className="field" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field-label" htmlFor={inputId}>
        Public base URL
      </label>
      <div className="field-row">
        <input
          id={inputId}
          className="input"
          type="url"
          inputMode="url"
          placeholder="https://my-tunnel.example.com"
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
          {asSentence('The public base URL', error)}
        </p>
      )}
      {justSaved && !error && (
        <p className="field-success" role="status">
          Saved.
        </p>
      )}
      <p id={hintId} className="field-hint">
        The address of your tunnel to this machine, used to show webhook URLs that work from
        outside. Leave empty if webhooks only come from this computer.
      </p>
    </form>
  );
}
