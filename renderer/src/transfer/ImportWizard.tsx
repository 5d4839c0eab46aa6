import { useState } from 'react';
import { Modal } from '../components/Modal';
import type { ClashChoice, ImportPreview } from '@shared/transfer/schemas';
import { api, unwrap } from '../api/client';
import { errorText } from '../lib/error-text';
import { reportError } from '../stores/notices';
import { useWorkflowsStore } from '../stores/workflows';
import { ConnectionBindings } from './ConnectionBindings';
import type { ImportSource } from './files';
import { usePreview } from './usePreview';
import { WorkflowChoices } from './WorkflowChoices';

interface ImportWizardProps {
  source: ImportSource;
  onClose: () => void;
}

const suggestedBindings = (preview: ImportPreview) =>
  Object.fromEntries(preview.connections.map((c) => [c.alias, c.suggested]));

/** A template is created beside what is already here, unless the operator says otherwise. */
const keepBothOnClash = (preview: ImportPreview): Record<string, ClashChoice> =>
  Object.fromEntries(
    preview.workflows.filter((w) => w.existing).map((w) => [w.id, 'keep_both' as const]),
  );

/**
 * Shows what a workflow file holds, lets the operator bind each connection it needs to an
 * account here and decide about id clashes, then imports it (the workflows arrive disabled).
 */
export function ImportWizard({ source, onClose }: ImportWizardProps) {
  const state = usePreview(source);
  // The operator's choices; what they leave alone follows the preview's suggestions.
  const [chosenBindings, setBindings] = useState<Record<string, string | null>>({});
  const [chosenClash, setClash] = useState<Record<string, ClashChoice>>({});
  const [busy, setBusy] = useState(false);

  const preview = state.status === 'ready' ? state.preview : null;
  const bindings = { ...(preview ? suggestedBindings(preview) : {}), ...chosenBindings };
  const clash = {
    ...(preview && source.origin === 'template' ? keepBothOnClash(preview) : {}),
    ...chosenClash,
  };
  const undecided = preview?.workflows.filter((w) => w.existing && !clash[w.id]) ?? [];
  const blocked = !preview || preview.problems.length > 0 || undecided.length > 0;

  const runImport = async () => {
    if (!preview || blocked) return;
    setBusy(true);
    try {
      unwrap(
        await api.call('files:import', {
          text: source.text,
          fileName: source.fileName,
          bindings,
          onClash: clash,
        }),
      );
      await useWorkflowsStore.getState().load();
      onClose();
    } catch (error) {
      reportError(error, 'Could not import the file');
    } finally {
      setBusy(false);
    }
  };

  const title =
    source.origin === 'template'
      ? 'Create from a template'
      : `Import ${source.fileName ? `“${source.fileName}”` : 'a workflow file'}`;

  return (
    <Modal title={title} className="dialog-wide" busy={busy} onCancel={onClose}>
      <div className="dialog-body import-body">
        {state.status === 'loading' && <p role="status">Reading the file…</p>}
        {state.status === 'failed' && <PreviewFailed error={state.error} />}
        {preview && (
          <>
            {preview.migratedFrom !== null && (
              <p className="field-hint">
                Written by an older Switchyard (file schema {preview.migratedFrom}); it is stored in
                the current form.
              </p>
            )}
            <h3 className="import-heading">
              {preview.workflows.length === 1
                ? 'It holds one workflow'
                : `It holds ${preview.workflows.length} workflows`}
            </h3>
            <WorkflowChoices
              workflows={preview.workflows}
              clash={clash}
              onClash={(id, choice) => setClash((c) => ({ ...c, [id]: choice }))}
            />
            <h3 className="import-heading">Accounts</h3>
            <ConnectionBindings
              connections={preview.connections}
              bindings={bindings}
              onBind={(alias, id) => setBindings((b) => ({ ...b, [alias]: id }))}
              onAddConnection={onClose}
            />
            {preview.problems.length > 0 && (
              <div className="import-problems" role="alert">
                <p>This file cannot be imported here:</p>
                <ul>
                  {preview.problems.map((p) => (
                    <li key={`${p.path} ${p.message}`}>
                      <code>{p.path}</code> {p.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p className="field-hint">
              Imported workflows arrive disabled: enable each when its accounts are set.
            </p>
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void runImport()}
          disabled={blocked || busy}
          title={undecided.length > 0 ? 'Choose what to do with the workflows already here' : ''}
        >
          {source.origin === 'template' ? 'Create' : 'Import'}
        </button>
      </div>
    </Modal>
  );
}

function PreviewFailed({ error }: { error: unknown }) {
  const text = errorText(error);
  return (
    <div className="import-problems" role="alert">
      <p>{text.summary}</p>
      {text.detail && <p className="import-detail">{text.detail}</p>}
    </div>
  );
}
