import { useState } from 'react';
import { MappableInput } from '../MappableInput';
import type { ControlProps } from './inputs';

const LONE_REFERENCE = /^\{\{[^{}]+\}\}$/;

/** JSON as the operator sees it; a lone `{{reference}}` in a mappable field is shown bare. */
const formatJson = (value: unknown): string => {
  if (value === undefined) return '';
  if (typeof value === 'string' && LONE_REFERENCE.test(value.trim())) return value;
  return JSON.stringify(value, null, 2);
};

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseJson(text: string, mappable: boolean): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (mappable && LONE_REFERENCE.test(text.trim())) return { ok: true, value: text.trim() };
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /^JSON\.parse: /,
      '',
    );
    return { ok: false, message: `Not valid JSON: ${reason}` };
  }
}

/**
 * A JSON value, validated as it is typed: the config changes only when the text parses, so a
 * half-typed object never reaches the workflow.
 */
export function JsonInput(props: ControlProps<unknown> & { mappable: boolean; label: string }) {
  const [text, setText] = useState(() => formatJson(props.value));
  const [seen, setSeen] = useState(props.value);
  const parsed = parseJson(text, props.mappable);
  if (JSON.stringify(seen) !== JSON.stringify(props.value)) {
    // Changed from outside (undo, another node): show the new value.
    setSeen(props.value);
    if (!parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(props.value)) {
      setText(formatJson(props.value));
    }
  }
  const errorId = `${props.id}-json-error`;
  const change = (next: string) => {
    setText(next);
    const result = parseJson(next, props.mappable);
    if (result.ok) {
      setSeen(result.value);
      props.onChange(result.value);
    }
  };
  const describedBy = [props.describedBy, parsed.ok ? null : errorId].filter(Boolean).join(' ');
  return (
    <>
      {props.mappable ? (
        <MappableInput
          id={props.id}
          label={props.label}
          value={text}
          multiline
          mono
          invalid={props.invalid || !parsed.ok}
          describedBy={describedBy || undefined}
          placeholder={props.placeholder ?? '{ "email": "{{trigger.email}}" }'}
          wrap={(reference) => (text.trim() === '' ? reference : JSON.stringify(reference))}
          onChange={change}
        />
      ) : (
        <textarea
          id={props.id}
          className="input textarea mono"
          rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
          spellCheck={false}
          value={text}
          placeholder={props.placeholder ?? '{ }'}
          aria-invalid={props.invalid || !parsed.ok || undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => change(event.target.value)}
        />
      )}
      {!parsed.ok && (
        <p className="field-error" id={errorId} role="alert">
          {parsed.message}
        </p>
      )}
    </>
  );
}
