import { memo, useId } from 'react';
import type { MappingField } from '@shared/workflow/mapping';
import {
  AlertIcon,
  ArrowDownIcon,
  ArrowUpIcon,
  FunctionIcon,
  XIcon,
} from '../components/editor-icons';
import { SourceInput } from './SourceInput';
import { fromExpression, toExpression } from './source-text';
import { TransformList } from './TransformList';
import { ValidationEditor } from './ValidationEditor';
import { previewValue, valueType } from './value-text';

interface FieldRowProps {
  field: MappingField;
  index: number;
  count: number;
  onChange: (index: number, next: MappingField) => void;
  onRemove: (index: number) => void;
  onMove: (index: number, by: -1 | 1) => void;
  /** Messages for this field: from the schema, the preview, and the workflow check. */
  problems: readonly string[];
  /** The field's value in the preview; undefined when it produced none. */
  result: unknown;
  paths: readonly string[];
}

/** One destination field: where it goes, where it comes from, and what happens on the way. */
export const FieldRow = memo(function FieldRow(props: FieldRowProps) {
  const { field, index, count, onChange, onRemove, onMove, problems, result, paths } = props;
  const id = useId();
  const name = field.target || `field ${index + 1}`;
  const set = (patch: Partial<MappingField>) => onChange(index, { ...field, ...patch });
  const isExpression = field.source.kind === 'expression';
  const hasExtras = field.default !== undefined || field.validation !== undefined;

  return (
    <li
      className={`map-field${problems.length > 0 ? ' has-problem' : ''}`}
      data-target={field.target}
    >
      <div className="map-field-head">
        <label className="sr-only" htmlFor={`${id}-target`}>
          Target of field {index + 1}
        </label>
        <input
          id={`${id}-target`}
          className="input target-input"
          value={field.target}
          placeholder="target, e.g. email or contact.phone"
          spellCheck={false}
          onChange={(e) => set({ target: e.target.value })}
        />
        <label
          className="chip-toggle"
          title="Report a problem when there is no value and no default"
        >
          <input
            type="checkbox"
            checked={field.required === true}
            onChange={(e) => set({ required: e.target.checked || undefined })}
          />
          <span>Required</span>
        </label>
        <span className="map-field-actions">
          <button
            type="button"
            className="mini-button"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => onMove(index, -1)}
          >
            <ArrowUpIcon />
          </button>
          <button
            type="button"
            className="mini-button"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => onMove(index, 1)}
          >
            <ArrowDownIcon />
          </button>
          <button
            type="button"
            className="mini-button mini-button-danger"
            aria-label={`Remove ${name}`}
            onClick={() => onRemove(index)}
          >
            <XIcon />
          </button>
        </span>
      </div>

      <div className="map-field-source">
        <SourceInput
          id={`${id}-source`}
          source={field.source}
          label={`Source of ${name}`}
          invalid={problems.length > 0}
          paths={paths}
          onChange={(source) => set({ source })}
        />
        <button
          type="button"
          className={`fx-toggle${isExpression ? ' is-on' : ''}`}
          aria-pressed={isExpression}
          aria-label={`Write ${name} as a JSONata expression`}
          title={isExpression ? 'Back to a path or text' : 'Use a JSONata expression'}
          onClick={() =>
            set({
              source: isExpression
                ? fromExpression(toExpression(field.source))
                : { kind: 'expression', expression: toExpression(field.source) },
            })
          }
        >
          <FunctionIcon />
        </button>
      </div>

      <TransformList
        transforms={field.transforms ?? []}
        fieldLabel={name}
        onChange={(transforms) => set({ transforms })}
      />

      <details className="map-field-more" open={hasExtras || undefined}>
        <summary>Default and check</summary>
        <div className="map-field-extras">
          <label className="param" htmlFor={`${id}-default`}>
            <span className="param-label">Default</span>
            <input
              id={`${id}-default`}
              className="input input-sm"
              placeholder="Used when there is no value"
              value={field.default === undefined ? '' : String(field.default)}
              onChange={(e) => set({ default: e.target.value === '' ? undefined : e.target.value })}
            />
          </label>
          <ValidationEditor
            validation={field.validation}
            onChange={(validation) => set({ validation })}
          />
        </div>
      </details>

      <FieldResult problems={problems} result={result} />
    </li>
  );
});

function FieldResult({ problems, result }: { problems: readonly string[]; result: unknown }) {
  if (problems.length > 0) {
    return (
      <ul className="map-field-problems" role="list">
        {problems.map((message, i) => (
          <li key={i} className="field-problem">
            <AlertIcon />
            <span>{message}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="map-field-result" aria-label="Preview">
      <span className="result-arrow" aria-hidden="true">
        →
      </span>
      {result === undefined ? (
        <span className="result-empty">no value for this sample</span>
      ) : (
        <>
          <span className="result-value">{previewValue(result, 80)}</span>
          <span className="data-type">{valueType(result)}</span>
        </>
      )}
    </div>
  );
}
