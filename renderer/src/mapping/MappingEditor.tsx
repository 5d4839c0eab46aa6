import { useCallback, useMemo, useRef, useState } from 'react';
import type { Mapping, MappingField } from '@shared/workflow/mapping';
import type { WorkflowProblem } from '@shared/workflow/validate';
import { JsonViewer } from '../components/JsonViewer';
import { AlertIcon, PlusSmallIcon } from '../components/editor-icons';
import { DataTree } from './DataTree';
import { carriesPath, droppedPath } from './drag-path';
import { FieldRow } from './FieldRow';
import { resultAt } from './result-at';
import type { SampleScope } from './sample-scope';
import { samplePaths, targetFor, uniqueTarget } from './source-text';
import type { SourceNode } from './upstream';
import { usePreview } from './usePreview';
import '../styles/mapping.css';

export interface MappingEditorProps {
  mapping: Mapping;
  onChange: (next: Mapping) => void;
  /** The nodes that run before this one, whose data the fields can use. */
  sources: readonly SourceNode[];
  sample: SampleScope;
  /** The node's problems from the workflow check; `mapping.fields.N…` ones show on field N. */
  problems?: readonly WorkflowProblem[];
}

const FIELD_PROBLEM = /^mapping\.fields\.(\d+)(?:\.|$)/;

/**
 * Two columns — the data of earlier steps, and the fields this step writes — and the live
 * output for the sample, computed by the shared mapping code the engine runs.
 */
export function MappingEditor({
  mapping,
  onChange,
  sources,
  sample,
  problems = [],
}: MappingEditorProps) {
  const fields = mapping.fields;
  const [filter, setFilter] = useState('');
  const [dropping, setDropping] = useState(false);
  const preview = usePreview(fields, sample.scope);
  const paths = useMemo(
    () =>
      samplePaths(
        sample.scope,
        sources.map((s) => s.id),
      ),
    [sample.scope, sources],
  );

  const setFields = useCallback(
    (next: MappingField[]) => onChange({ ...mapping, fields: next }),
    [mapping, onChange],
  );
  const changeField = useCallback(
    (index: number, next: MappingField) =>
      setFields(fields.map((f, i) => (i === index ? next : f))),
    [fields, setFields],
  );
  const removeField = useCallback(
    (index: number) => setFields(fields.filter((_, i) => i !== index)),
    [fields, setFields],
  );
  const moveField = useCallback(
    (index: number, by: -1 | 1) => {
      const next = [...fields];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      setFields(next);
    },
    [fields, setFields],
  );
  const taken = () => new Set(fields.map((f) => f.target));
  const addField = (path?: string) => {
    const field: MappingField = path
      ? { target: targetFor(path, taken()), source: { kind: 'path', path }, transforms: [] }
      : {
          target: uniqueTarget('field', taken()),
          source: { kind: 'literal', value: '' },
          transforms: [],
        };
    setFields([...fields, field]);
  };

  const nodeProblems = useMemo(() => {
    const byField = new Map<number, string[]>();
    for (const problem of problems) {
      const match = FIELD_PROBLEM.exec(problem.field ?? '');
      if (!match) continue;
      const index = Number(match[1]);
      byField.set(index, [...(byField.get(index) ?? []), problem.message]);
    }
    return byField;
  }, [problems]);

  const problemList = [...preview.problems]
    .sort(([a], [b]) => a - b)
    .flatMap(([index, list]) => list.map((p) => ({ index, message: p.message })));
  const problemCount = problemList.length;
  const fieldList = useRef<HTMLOListElement>(null);
  const reveal = (index: number) => {
    const row = fieldList.current?.children[index] as HTMLElement | undefined;
    row?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    row?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  };

  return (
    <div className="mapping-editor">
      <section className="mapping-pane mapping-data" aria-label="Input data">
        <header className="pane-head">
          <h3 className="pane-title">Input data</h3>
          <span className="pane-hint">Drag onto a field</span>
        </header>
        <input
          className="input input-sm pane-search"
          type="search"
          placeholder="Search fields"
          aria-label="Search input data"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <div className="pane-scroll">
          <DataTree sources={sources} sample={sample} filter={filter} />
        </div>
      </section>

      <section className="mapping-pane mapping-fields" aria-label="Fields">
        <header className="pane-head">
          <h3 className="pane-title">
            Fields <span className="count">{fields.length}</span>
          </h3>
          <button type="button" className="button button-sm" onClick={() => addField()}>
            <PlusSmallIcon /> Add field
          </button>
        </header>
        <div className="pane-scroll">
          {fields.length === 0 && (
            <p className="mapping-empty">
              No fields yet. Drag data from <strong>Input data</strong> onto the box below, or add a
              field and type <code>{'{{trigger.field}}'}</code>.
            </p>
          )}
          <ol className="map-field-list" ref={fieldList}>
            {fields.map((field, index) => (
              <FieldRow
                // Fields have no id of their own; the index keeps focus while a target is typed.
                key={index}
                field={field}
                index={index}
                count={fields.length}
                onChange={changeField}
                onRemove={removeField}
                onMove={moveField}
                problems={[
                  ...(preview.problems.get(index) ?? []).map((p) => p.message),
                  ...(nodeProblems.get(index) ?? []),
                ]}
                result={resultAt(preview.value, field.target)}
                paths={paths}
              />
            ))}
          </ol>
          <div
            className={`field-dropzone${dropping ? ' is-over' : ''}`}
            data-testid="new-field-dropzone"
            onDragOver={(event) => {
              if (!carriesPath(event)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'copy';
              setDropping(true);
            }}
            onDragLeave={() => setDropping(false)}
            onDrop={(event) => {
              setDropping(false);
              const path = droppedPath(event);
              if (!path) return;
              event.preventDefault();
              addField(path);
            }}
          >
            Drop data here to add a field
          </div>
        </div>
      </section>

      <section className="mapping-pane mapping-output" aria-label="Output preview">
        <header className="pane-head">
          <h3 className="pane-title">Output preview</h3>
          {preview.pending ? (
            <span className="pane-hint">Evaluating…</span>
          ) : problemCount > 0 ? (
            <span className="problem-count">
              {problemCount} {problemCount === 1 ? 'problem' : 'problems'}
            </span>
          ) : (
            <span className="ok-count">No problems</span>
          )}
        </header>
        <div className="pane-scroll" data-testid="mapping-output">
          {problemList.length > 0 && (
            <ul className="output-problems" aria-label="Problems in the preview">
              {problemList.map(({ index, message }, i) => (
                <li key={i}>
                  <button type="button" onClick={() => reveal(index)}>
                    <AlertIcon />
                    <span>
                      <strong>{fields[index]?.target || `Field ${index + 1}`}</strong> {message}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <JsonViewer value={preview.value} label="Output for the sample" openDepth={3} />
        </div>
      </section>
    </div>
  );
}
