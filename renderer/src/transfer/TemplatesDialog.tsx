import {} from 'react';
import { Modal } from '../components/Modal';
import { TEMPLATES } from './templates';
import type { ImportSource } from './files';

interface TemplatesDialogProps {
  onChoose: (source: ImportSource) => void;
  onClose: () => void;
}

/** The gallery of ready workflows; choosing one opens it in the import wizard. */
export function TemplatesDialog({ onChoose, onClose }: TemplatesDialogProps) {
  return (
    <Modal title="Start from a template" className="dialog-wide" onCancel={onClose}>
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
    </Modal>
  );
}
