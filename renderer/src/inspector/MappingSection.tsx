import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { Mapping } from '@shared/workflow/mapping';
import type { WorkflowProblem } from '@shared/workflow/validate';
import { AlertIcon, ExpandIcon, XIcon } from '../components/editor-icons';
import { MappingEditor } from '../mapping/MappingEditor';
import { sourceToText } from '../mapping/source-text';
import { usePreview } from '../mapping/usePreview';
import { previewValue } from '../mapping/value-text';
import { resultAt } from '../mapping/result-at';
import { useInspectorData } from './data-context';

interface MappingSectionProps {
  title: string;
  mapping: Mapping;
  onChange: (next: Mapping) => void;
  problems: readonly WorkflowProblem[];
}

/** A mapping step in the inspector: its fields at a glance, and the full editor one click away. */
export function MappingSection({ title, mapping, onChange, problems }: MappingSectionProps) {
  const { sources, sample } = useInspectorData();
  const [open, setOpen] = useState(false);
  const preview = usePreview(mapping.fields, sample.scope);
  const fromRun = sources.some((s) => sample.origins[s.id] === 'last_run');
  return (
    <div className="mapping-section">
      {mapping.fields.length > 0 && (
        <p className="mapping-caption">
          {mapping.fields.length} {mapping.fields.length === 1 ? 'field' : 'fields'}, with their
          values for {fromRun ? 'the last test run' : 'the sample data'}
        </p>
      )}
      {mapping.fields.length === 0 ? (
        <p className="inspector-note">No fields yet. Open the editor and drag data onto it.</p>
      ) : (
        <ul className="mapping-summary">
          {mapping.fields.map((field, index) => {
            const fieldProblems = preview.problems.get(index) ?? [];
            const value = resultAt(preview.value, field.target);
            return (
              <li key={index} className={fieldProblems.length > 0 ? 'has-problem' : undefined}>
                <span className="summary-target">
                  {field.target || '(no target)'}
                  {field.required && <span className="required-mark">*</span>}
                </span>
                <span className="summary-source" title={sourceToText(field.source)}>
                  {sourceToText(field.source) || '—'}
                </span>
                {fieldProblems.length > 0 ? (
                  <span
                    className="summary-problem"
                    title={fieldProblems.map((p) => p.message).join('\n')}
                  >
                    <AlertIcon /> {fieldProblems[0]!.message}
                  </span>
                ) : (
                  <span className="summary-value">{previewValue(value, 40)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className="button button-primary open-mapping"
        onClick={() => setOpen(true)}
      >
        <ExpandIcon /> Open mapping editor
      </button>
      {open && (
        <MappingDialog title={title} onClose={() => setOpen(false)}>
          <MappingEditor
            mapping={mapping}
            onChange={onChange}
            sources={sources}
            sample={sample}
            problems={problems}
          />
        </MappingDialog>
      )}
    </div>
  );
}

function MappingDialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  const { title, onClose, children } = props;
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    return () => previous?.focus();
  }, []);
  return createPortal(
    <div
      className="sheet-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label={`Map fields: ${title}`}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <header className="sheet-head">
          <div>
            <p className="sheet-kicker">Map fields</p>
            <h2 className="sheet-title">{title}</h2>
          </div>
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <XIcon />
          </button>
        </header>
        <div className="sheet-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
