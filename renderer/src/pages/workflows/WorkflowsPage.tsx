import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { DownloadIcon, PlusIcon, UploadIcon, WorkflowsIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { useNow } from '../../hooks/useNow';
import { useShortcut } from '../../hooks/useShortcut';
import { useWorkflowsStore } from '../../stores/workflows';
import { LoadFailed } from '../../components/LoadFailed';
import { useImportStore } from '../../stores/import';
import { exportWorkflowFiles, pickWorkflowFile } from '../../transfer/files';
import { WorkflowRow } from './WorkflowRow';

export function WorkflowsPage() {
  const { workflows, status, load, create, rename, remove } = useWorkflowsStore();
  const [, navigate] = useLocation();
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  // A deleted workflow leaves the selection with it.
  const selectedIds = workflows.filter((w) => selection.has(w.id)).map((w) => w.id);
  const select = (id: string, on: boolean) =>
    setSelection((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  useEffect(() => {
    void load();
  }, [load]);

  const createAndOpen = async () => {
    if (creating) return;
    setCreating(true);
    const created = await create();
    setCreating(false);
    if (created) navigate(`/workflows/${created.id}`);
  };

  useShortcut('n', () => void createAndOpen());

  const importFile = async () => {
    const source = await pickWorkflowFile();
    if (source) useImportStore.getState().open(source);
  };
  const showTemplates = () => useImportStore.getState().showTemplates(true);

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    await remove(deleting.id);
    setDeleteBusy(false);
    setDeleting(null);
  };

  const newButton = (
    <button
      type="button"
      className="button button-primary"
      onClick={() => void createAndOpen()}
      disabled={creating}
      aria-keyshortcuts="N"
      title="New workflow (N)"
    >
      <PlusIcon />
      New workflow
    </button>
  );

  const fileButtons = (
    <>
      <button type="button" className="button" onClick={showTemplates}>
        Templates
      </button>
      <button type="button" className="button" onClick={() => void importFile()}>
        <UploadIcon />
        Import…
      </button>
    </>
  );

  return (
    <div className="page">
      <PageHeader
        title="Workflows"
        description="Each workflow starts with a trigger and runs its steps in the background."
        actions={
          <div className="button-group">
            {fileButtons}
            {selectedIds.length > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => void exportWorkflowFiles(selectedIds)}
                title="Export the selected workflows as one file"
              >
                <DownloadIcon />
                Export selected ({selectedIds.length})
              </button>
            )}
            {workflows.length > 0 && selectedIds.length === 0 && (
              <button
                type="button"
                className="button"
                onClick={() => void exportWorkflowFiles('all')}
                title="Export every workflow as one file"
              >
                <DownloadIcon />
                Export all
              </button>
            )}
            {workflows.length > 0 && newButton}
          </div>
        }
      />
      {status === 'failed' && workflows.length === 0 ? (
        <LoadFailed what="your workflows" onRetry={() => void load()} />
      ) : status !== 'ready' && workflows.length === 0 ? (
        <p className="loading" role="status">
          Loading workflows…
        </p>
      ) : workflows.length === 0 ? (
        <EmptyState icon={<WorkflowsIcon />} title="No workflows yet" action={newButton}>
          <p>
            A workflow watches for something — a new row in a sheet, an incoming webhook, an e-mail
            — and does the steps you draw for it, on this machine.
          </p>
          <p className="hint">
            Press <kbd>N</kbd> to create one.
          </p>
          <p className="hint">
            Or start from a template, or import a workflow file (drop it anywhere on this window).
          </p>
        </EmptyState>
      ) : (
        <ul className="list" aria-label="Workflows">
          {workflows.map((workflow) => (
            <WorkflowRow
              key={workflow.id}
              workflow={workflow}
              now={now}
              renaming={renamingId === workflow.id}
              onRenameStart={() => setRenamingId(workflow.id)}
              onRenameEnd={() => setRenamingId(null)}
              onRename={(name) => rename(workflow.id, name)}
              onDelete={() => setDeleting({ id: workflow.id, name: workflow.name })}
              onExport={() => void exportWorkflowFiles([workflow.id])}
              selected={selection.has(workflow.id)}
              onSelect={(on) => select(workflow.id, on)}
            />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          danger
          busy={deleteBusy}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>The workflow and its canvas are removed from this machine. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
