import { useId } from 'react';
import type { Validation } from '@shared/workflow/mapping';
import { useDraft } from './useDraft';

type Kind = Validation['kind'];

const KINDS: readonly { kind: Kind | ''; label: string }[] = [
  { kind: '', label: 'No check' },
  { kind: 'email', label: 'Is an e-mail address' },
  { kind: 'url', label: 'Is a web address' },
  { kind: 'regex', label: 'Matches a pattern' },
  { kind: 'one_of', label: 'Is one of a list' },
];

function blank(kind: Kind): Validation {
  switch (kind) {
    case 'regex':
      return { kind, pattern: '' };
    case 'one_of':
      return { kind, values: [] };
    default:
      return { kind };
  }
}

/** The check a field's final value must pass; a failure is shown in the preview. */
export function ValidationEditor(props: {
  validation: Validation | undefined;
  onChange: (next: Validation | undefined) => void;
}) {
  const { validation, onChange } = props;
  const id = useId();
  return (
    <div className="validation-editor">
      <label className="param" htmlFor={`${id}-kind`}>
        <span className="param-label">Check</span>
        <select
          id={`${id}-kind`}
          className="input input-sm"
          value={validation?.kind ?? ''}
          onChange={(e) => onChange(e.target.value ? blank(e.target.value as Kind) : undefined)}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {validation?.kind === 'regex' && (
        <label className="param" htmlFor={`${id}-pattern`}>
          <span className="param-label">Pattern</span>
          <input
            id={`${id}-pattern`}
            className="input input-sm mono"
            placeholder="^[A-Z]{2}\d+$"
            value={validation.pattern}
            onChange={(e) => onChange({ ...validation, pattern: e.target.value })}
          />
        </label>
      )}
      {validation?.kind === 'one_of' && (
        <AllowedValues
          id={`${id}-values`}
          values={validation.values}
          onChange={(values) => onChange({ ...validation, values })}
        />
      )}
      {validation && (
        <label className="param" htmlFor={`${id}-message`}>
          <span className="param-label">Message</span>
          <input
            id={`${id}-message`}
            className="input input-sm"
            placeholder="Optional"
            value={validation.message ?? ''}
            onChange={(e) => onChange({ ...validation, message: e.target.value || undefined })}
          />
        </label>
      )}
    </div>
  );
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function AllowedValues(props: {
  id: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const [text, setText] = useDraft<readonly string[]>(props.values, (v) => v.join(', '), splitList);
  return (
    <label className="param" htmlFor={props.id}>
      <span className="param-label">Allowed values</span>
      <input
        id={props.id}
        className="input input-sm"
        placeholder="new, open, closed"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(splitList(e.target.value));
        }}
      />
    </label>
  );
}
