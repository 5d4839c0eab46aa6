import { useState } from 'react';
import { EyeIcon, EyeOffIcon } from '../../components/editor-icons';
import { useDraft } from '../../mapping/useDraft';
import type { Option } from './form-spec';

export interface ControlProps<T> {
  id: string;
  value: T | undefined;
  onChange: (next: T | undefined) => void;
  invalid: boolean;
  describedBy?: string;
  placeholder?: string;
}

const parseNumber = (text: string): number | undefined => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
};
const formatNumber = (n: number | undefined) => (n === undefined ? '' : String(n));

export function NumberInput(props: ControlProps<number> & { integer?: boolean }) {
  const [text, setText] = useDraft(props.value, formatNumber, parseNumber);
  return (
    <input
      id={props.id}
      className="input"
      type="number"
      inputMode={props.integer ? 'numeric' : 'decimal'}
      step={props.integer ? 1 : 'any'}
      value={text}
      placeholder={props.placeholder}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(event) => {
        setText(event.target.value);
        props.onChange(parseNumber(event.target.value));
      }}
    />
  );
}

export function Toggle(props: ControlProps<boolean> & { label: string }) {
  const on = props.value === true;
  return (
    <button
      id={props.id}
      type="button"
      role="switch"
      aria-checked={on}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      className={`toggle-switch${on ? ' is-on' : ''}`}
      onClick={() => props.onChange(!on)}
    >
      <span className="toggle-thumb" />
    </button>
  );
}

export function Select(
  props: ControlProps<string> & { options: readonly Option[]; required: boolean },
) {
  const { value, options } = props;
  const known = value === undefined || options.some((o) => o.value === value);
  return (
    <select
      id={props.id}
      className="input"
      value={value ?? ''}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(event) =>
        props.onChange(event.target.value === '' ? undefined : event.target.value)
      }
    >
      {(!props.required || value === undefined) && (
        <option value="">{props.placeholder ?? 'Choose…'}</option>
      )}
      {!known && <option value={value}>{value} (not available)</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Several of a list: pills that toggle, in the list's order. */
export function MultiSelect(
  props: ControlProps<string[]> & { options: readonly Option[]; label: string },
) {
  const chosen = new Set(props.value ?? []);
  const toggle = (value: string) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    // Keep the list's order, and values the list does not know (yet) at the end.
    const ordered = props.options.map((o) => o.value).filter((v) => next.has(v));
    const unknown = [...next].filter((v) => !props.options.some((o) => o.value === v));
    props.onChange([...ordered, ...unknown]);
  };
  return (
    <div
      id={props.id}
      className="pill-group"
      role="group"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
    >
      {props.options.map((option) => (
        <button
          key={option.value}
          type="button"
          className={`pill${chosen.has(option.value) ? ' is-on' : ''}`}
          aria-pressed={chosen.has(option.value)}
          onClick={() => toggle(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** A password-style input: the value is never shown unless asked, and never logged. */
export function SecretInput(props: ControlProps<string>) {
  const [shown, setShown] = useState(false);
  return (
    <div className="input-with-button">
      <input
        id={props.id}
        className="input"
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        value={props.value ?? ''}
        placeholder={props.placeholder ?? '••••••••'}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        onChange={(event) =>
          props.onChange(event.target.value === '' ? undefined : event.target.value)
        }
      />
      <button
        type="button"
        className="mini-button"
        aria-label={shown ? 'Hide value' : 'Show value'}
        aria-pressed={shown}
        onClick={() => setShown(!shown)}
      >
        {shown ? <EyeOffIcon /> : <EyeIcon />}
      </button>
    </div>
  );
}

/** `2026-01-05T08:00:00.000Z` ↔ the local `2026-01-05T09:00` a datetime-local input shows. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

export function DateInput(props: ControlProps<string> & { withTime: boolean }) {
  return (
    <input
      id={props.id}
      className="input"
      type={props.withTime ? 'datetime-local' : 'date'}
      value={props.withTime ? toLocalInput(props.value) : (props.value ?? '')}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(event) => {
        const text = event.target.value;
        if (text === '') return props.onChange(undefined);
        props.onChange(props.withTime ? new Date(text).toISOString() : text);
      }}
    />
  );
}
