import { useRef, useState, type DragEvent } from 'react';
import type { FieldSource } from '@shared/workflow/mapping';
import { insertAtCaret } from './caret';
import { carriesPath, droppedPath } from './drag-path';
import { ExpressionInput } from './ExpressionInput';
import { sourceFromText, sourceToText } from './source-text';
import { useDraft } from './useDraft';

interface SourceInputProps {
  id: string;
  source: FieldSource;
  onChange: (next: FieldSource) => void;
  /** Paths offered by autocomplete in expressions. */
  paths: readonly string[];
  label: string;
  invalid: boolean;
}

/**
 * Where a field's value comes from: `{{node.path}}`, text with references, a fixed value, or a
 * JSONata expression. Accepts paths dragged from the data tree.
 */
export function SourceInput({ id, source, onChange, paths, label, invalid }: SourceInputProps) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useDraft(source, sourceToText, sourceFromText);

  const dropProps = {
    onDragOver: (event: DragEvent) => {
      if (!carriesPath(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: () => setOver(false),
  };

  if (source.kind === 'expression') {
    return (
      <div className={`drop-target${over ? ' is-over' : ''}`} {...dropProps}>
        <ExpressionInput
          id={id}
          label={label}
          value={source.expression}
          invalid={invalid}
          paths={paths}
          onChange={(expression) => onChange({ kind: 'expression', expression })}
          onDropped={() => setOver(false)}
        />
      </div>
    );
  }

  const commit = (next: string) => {
    setText(next);
    onChange(sourceFromText(next));
  };

  return (
    <div
      className={`drop-target${over ? ' is-over' : ''}`}
      {...dropProps}
      onDrop={(event) => {
        const path = droppedPath(event);
        setOver(false);
        if (!path) return;
        event.preventDefault();
        const replaces = text.trim() === '' || source.kind === 'path';
        commit(replaces ? `{{${path}}}` : insertAtCaret(input.current, text, `{{${path}}}`));
      }}
    >
      <input
        ref={input}
        id={id}
        className={`input source-input${text.includes('{{') ? ' has-reference' : ''}`}
        aria-label={label}
        aria-invalid={invalid || undefined}
        placeholder="Drop data here, or type {{trigger.field}} or a fixed value"
        value={text}
        spellCheck={false}
        onChange={(event) => commit(event.target.value)}
      />
    </div>
  );
}
