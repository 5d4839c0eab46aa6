import { useRef, useState } from 'react';
import { insertAtCaret } from '../mapping/caret';
import { carriesPath, droppedPath } from '../mapping/drag-path';
import { DataPicker } from './DataPicker';

interface MappableInputProps {
  id: string;
  value: string;
  onChange: (next: string) => void;
  label: string;
  multiline?: boolean;
  mono?: boolean;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  /** Wraps an inserted path, e.g. in quotes inside JSON. */
  wrap?: (reference: string) => string;
}

/** A text input that also takes `{{node.path}}` references: typed, picked, or dragged in. */
export function MappableInput(props: MappableInputProps) {
  const { id, value, onChange, label, multiline, mono, placeholder, invalid, describedBy } = props;
  const wrap = props.wrap ?? ((reference: string) => reference);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [over, setOver] = useState(false);
  const insert = (path: string) => {
    onChange(insertAtCaret(ref.current, value, wrap(`{{${path}}}`)));
    requestAnimationFrame(() => ref.current?.focus());
  };
  const common = {
    id,
    ref,
    value,
    placeholder,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    spellCheck: false,
    className: `input${multiline ? ' textarea' : ''}${mono || value.includes('{{') ? ' mono' : ''}`,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div
      className={`mappable${over ? ' is-over' : ''}`}
      onDragOver={(event) => {
        if (!carriesPath(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const path = droppedPath(event);
        if (!path) return;
        event.preventDefault();
        insert(path);
      }}
    >
      {multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
      <DataPicker label={label} onPick={insert} />
    </div>
  );
}
