import { useEffect, useId, useRef } from 'react';
import { TEMPLATES } from './templates';
import type { ImportSource } from './files';

interface TemplatesDialogProps {
  onChoose: (source: ImportSource) => void;
  onClose: () => void;
}

/** The gallery of ready workflows; choosing one opens it in the import wizard. */
export function TemplatesDialog({ onChoose, onClose }: TemplatesDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Start from a template
      </h2>
      <ul className="template-list" aria-label="Templates">
        {TEMPLATES.map((t) => (
          <li key={t.fileName}>
            <button
              type="button"
              className="template-card"
              onClick={() => onChoose({ text: t.text, fileName: t.fileName, origin: 'template' })}
            >
              <span className="template-name">{t.name}</span>
              <span className="template-text">{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
