import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '@shared/ipc/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ConnectionsIcon, TrashIcon } from '../../components/icons';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useConnectionsStore } from '../../stores/connections';
import { ConnectionStatusBadge } from './ConnectionStatusBadge';

export function ConnectionsPage() {
  const { connections, status, load, remove } = useConnectionsStore();
  const [deleting, setDeleting] = useState<ConnectionSummary | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    await remove(deleting.id);
    setBusy(false);
    setDeleting(null);
  };

  return (
    <div className="page">
      <PageHeader
        title="Connections"
        description="The accounts your workflows use. Their secrets stay sealed on this machine."
      />
      {status === 'failed' && connections.length === 0 ? (
        <LoadFailed what="your connections" onRetry={() => void load()} />
      ) : status !== 'ready' && connections.length === 0 ? (
        <p className="loading" role="status">
          Loading connections…
        </p>
      ) : connections.length === 0 ? (
        <EmptyState icon={<ConnectionsIcon />} title="No connections yet">
          <p>
            Connections appear here once you connect an account — Google Sheets, a mailbox, a CRM —
            from a workflow step. You can check, reconnect or remove them here.
          </p>
        </EmptyState>
      ) : (
        <ul className="list" aria-label="Connections">
          {connections.map((connection) => (
            <li key={connection.id} className="list-row" data-testid="connection-row">
              <div className="workflow-main">
                <span className="row-title">{connection.name}</span>
                <p className="workflow-description">
                  <span className="kind-tag">{connection.kind}</span>
                  {connection.account && <span> · {connection.account}</span>}
                </p>
              </div>
              <div className="workflow-meta">
                <ConnectionStatusBadge status={connection.status} />
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className="icon-button icon-button-danger"
                  aria-label={`Delete ${connection.name}`}
                  title="Delete"
                  onClick={() => setDeleting(connection)}
                >
                  <TrashIcon />
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          danger
          busy={busy}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>
            Switchyard forgets this {deleting.kind} account and its stored secret. Workflows that
            use it stop until you connect an account again.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
