import { useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { asSentence } from '../../lib/error-text';

interface SavedTextFieldProps {
  label: string;
  /** How an error names the setting ("The public base URL …"). */
  subject: string;
  hint: ReactNode;
  /** The stored value, as the input shows it. */
  saved: string;
  error: string | undefined;
  /** Saves the typed text (trimmed); answers whether the engine took it. */
  onSave: (text: string) => Promise<boolean>;
  /** The input's own attributes: type, placeholder, bounds, class. */
  input: InputHTMLAttributes<HTMLInputElement>;
}

/** One setting typed in and saved with its own button, with the engine's answer below it. */
export function SavedTextField({
  label,
  subject,
  hint,
  saved,
  error,
  onSave,
  input,
}: SavedTextFieldProps) {
  const [value, setValue] = useState(saved);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [shownSaved, setShownSaved] = useState(saved);
  if (saved !== shownSaved) {
    // The stored value changed (here or in another window): show it, unless the user is typing.
    setShownSaved(saved);
    if (value.trim() === shownSaved) setValue(saved);
  }
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const dirty = value.trim() !== saved;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const ok = await onSave(value.trim());
    setSaving(false);
    setJustSaved(ok);
  };

  return (
    <form className="field" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <div className="field-row">
        <input
          {...input}
          id={inputId}
          className={input.className ?? 'input'}
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
          {asSentence(subject, error)}
        </p>
      )}
      {justSaved && !error && (
        <p className="field-success" role="status">
          Saved.
        </p>
      )}
      <p id={hintId} className="field-hint">
        {hint}
      </p>
    </form>
  );
}
