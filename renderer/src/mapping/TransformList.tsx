import { useId, useState } from 'react';
import type { Transform, TransformOp } from '@shared/workflow/mapping';
import { ArrowDownIcon, ArrowUpIcon, XIcon } from '../components/editor-icons';
import {
  newTransform,
  TRANSFORM_KINDS,
  transformKind,
  transformSummary,
} from './transform-catalog';

interface TransformListProps {
  transforms: readonly Transform[];
  onChange: (next: Transform[]) => void;
  /** Names the field in labels, e.g. "email". */
  fieldLabel: string;
}

/** The transforms of a field, applied left to right; each can be edited, moved and removed. */
export function TransformList({ transforms, onChange, fieldLabel }: TransformListProps) {
  const [editing, setEditing] = useState<number | null>(null);
  const replace = (index: number, next: Transform) =>
    onChange(transforms.map((t, i) => (i === index ? next : t)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...transforms];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
    if (editing === index) setEditing(index + by);
  };
  const remove = (index: number) => {
    onChange(transforms.filter((_, i) => i !== index));
    setEditing(null);
  };

  return (
    <div className="transforms">
      {transforms.length > 0 && (
        <ol className="transform-chain" aria-label={`Transforms of ${fieldLabel}`}>
          {transforms.map((transform, index) => {
            const kind = transformKind(transform.op);
            const label = kind?.label ?? transform.op;
            const summary = transformSummary(transform);
            return (
              <li key={index} className={`transform-chip${editing === index ? ' is-editing' : ''}`}>
                <button
                  type="button"
                  className="transform-name"
                  title={kind?.description}
                  aria-expanded={kind && kind.params.length > 0 ? editing === index : undefined}
                  onClick={() => setEditing(editing === index ? null : index)}
                >
                  <span className="transform-step">{index + 1}</span>
                  {label}
                  {summary && <span className="transform-summary">{summary}</span>}
                </button>
                <span className="transform-actions">
                  <button
                    type="button"
                    className="mini-button"
                    aria-label={`Move ${label} earlier`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <ArrowUpIcon />
                  </button>
                  <button
                    type="button"
                    className="mini-button"
                    aria-label={`Move ${label} later`}
                    disabled={index === transforms.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <ArrowDownIcon />
                  </button>
                  <button
                    type="button"
                    className="mini-button mini-button-danger"
                    aria-label={`Remove ${label}`}
                    onClick={() => remove(index)}
                  >
                    <XIcon />
                  </button>
                </span>
                {editing === index && kind && kind.params.length > 0 && (
                  <TransformParams transform={transform} onChange={(t) => replace(index, t)} />
                )}
              </li>
            );
          })}
        </ol>
      )}
      <select
        className="add-transform"
        aria-label={`Add a transform to ${fieldLabel}`}
        value=""
        onChange={(event) => {
          if (!event.target.value) return;
          const added = newTransform(event.target.value as TransformOp);
          onChange([...transforms, added]);
          const kind = transformKind(added.op);
          setEditing(kind && kind.params.length > 0 ? transforms.length : null);
        }}
      >
        <option value="">+ Transform</option>
        {TRANSFORM_KINDS.map((kind) => (
          <option key={kind.op} value={kind.op} title={kind.description}>
            {kind.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TransformParams(props: { transform: Transform; onChange: (next: Transform) => void }) {
  const { transform, onChange } = props;
  const kind = transformKind(transform.op)!;
  const values = transform as unknown as Record<string, unknown>;
  const set = (key: string, value: unknown) =>
    onChange({ ...transform, [key]: value } as Transform);
  const base = useId();
  return (
    <div className="transform-params">
      {kind.params.map((param) => {
        const value = values[param.key];
        const id = `${base}-${param.key}`;
        return (
          <div key={param.key} className="param">
            <label className="param-label" htmlFor={id}>
              {param.label}
            </label>
            {param.kind === 'select' ? (
              <select
                id={id}
                className="input input-sm"
                aria-describedby={param.help ? `${id}-help` : undefined}
                value={String(value ?? '')}
                onChange={(e) => set(param.key, e.target.value)}
              >
                {param.options?.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                className="input input-sm"
                aria-describedby={param.help ? `${id}-help` : undefined}
                type={param.kind === 'number' ? 'number' : 'text'}
                value={value === undefined ? '' : String(value)}
                onChange={(e) =>
                  set(
                    param.key,
                    param.kind === 'number'
                      ? e.target.value === ''
                        ? undefined
                        : Number(e.target.value)
                      : e.target.value,
                  )
                }
              />
            )}
            {param.help && (
              <span className="param-help" id={`${id}-help`}>
                {param.help}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
