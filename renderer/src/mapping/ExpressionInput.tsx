import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { droppedPath } from './drag-path';
import { insertAtCaret } from './caret';

interface ExpressionInputProps {
  id: string;
  label: string;
  value: string;
  invalid: boolean;
  paths: readonly string[];
  onChange: (next: string) => void;
  /** Called after a dragged path was inserted. */
  onDropped?: () => void;
}

const TOKEN = /[\p{L}\p{N}_.$[\]"'-]*$/u;
const MAX_SUGGESTIONS = 8;

/** A JSONata expression over the scope, with autocomplete of the sample's paths. */
export function ExpressionInput(props: ExpressionInputProps) {
  const { id, label, value, invalid, paths, onChange, onDropped } = props;
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);

  const token = caret === null ? '' : (TOKEN.exec(value.slice(0, caret))?.[0] ?? '');
  const suggestions = useMemo(() => {
    if (token.length === 0) return [];
    const lower = token.toLowerCase();
    return paths
      .filter((p) => p.toLowerCase().startsWith(lower) && p !== token)
      .slice(0, MAX_SUGGESTIONS);
  }, [paths, token]);

  const complete = (path: string) => {
    const at = caret ?? value.length;
    const start = at - token.length;
    onChange(value.slice(0, start) + path + value.slice(at));
    const next = start + path.length;
    setCaret(null);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next, next);
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const by = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + by + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      complete(suggestions[Math.min(active, suggestions.length - 1)]!);
    } else if (event.key === 'Escape') {
      event.stopPropagation(); // closes the suggestions, not the mapping sheet around them
      setCaret(null);
    }
  };

  const listId = `${id}-suggestions`;
  return (
    <div className="expression-input">
      <span className="expression-badge" aria-hidden="true">
        fx
      </span>
      <textarea
        ref={area}
        id={id}
        className="input expression-text"
        aria-label={`${label} (JSONata expression)`}
        aria-invalid={invalid || undefined}
        aria-autocomplete="list"
        aria-controls={suggestions.length > 0 ? listId : undefined}
        rows={2}
        spellCheck={false}
        placeholder='e.g. trigger.first & " " & trigger.last'
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setCaret(null)}
        onDrop={(event) => {
          const path = droppedPath(event);
          if (!path) return;
          event.preventDefault();
          onChange(insertAtCaret(area.current, value, path));
          onDropped?.();
        }}
      />
      {suggestions.length > 0 && (
        <ul className="suggestions" id={listId} role="listbox" aria-label="Paths">
          {suggestions.map((path, index) => (
            <li
              key={path}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                complete(path);
              }}
            >
              {path}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
