import { useEffect, useState } from 'react';
import type { ConnectionSaved, ConnectionSummary } from '@shared/ipc/contract';
import { EmptyState } from '../../components/EmptyState';
import { ConnectionsIcon, PlusIcon } from '../../components/icons';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useNow } from '../../hooks/useNow';
import { healthStateOf, useConnectionsStore } from '../../stores/connections';
import { CatalogueBrowser } from './CatalogueBrowser';
import { ConnectionDialog } from './ConnectionDialog';
import { ConnectionRow } from './ConnectionRow';
import { STATE_ORDER } from './ConnectionStatusBadge';
import { DisconnectDialog } from './DisconnectDialog';

type Editing =
  { mode: 'add'; kinds?: readonly string[] } | { mode: 'reconnect'; connection: ConnectionSummary };

export function ConnectionsPage() {
  const { connections, health, status, load, remove } = useConnectionsStore();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [disconnecting, setDisconnecting] = useState<ConnectionSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const now = useNow();

  useEffect(() => {
    void load();
  }, [load]);

  const confirmDisconnect = async () => {
    if (!disconnecting) return;
    setBusy(true);
    if (await remove(disconnecting.id)) setMessage(`Disconnected “${disconnecting.name}”.`);
    setBusy(false);
    setDisconnecting(null);
  };

  const onSaved = (saved: ConnectionSaved) => {
    const resumed = saved.resumedWorkflows.length;
    setMessage(
      editing?.mode === 'reconnect'
        ? `Reconnected “${saved.connection.name}”.${resumed > 0 ? ` ${resumed === 1 ? '1 workflow on hold resumed' : `${resumed} workflows on hold resumed`}.` : ''}`
        : saved.connection.status === 'ok'
          ? // A browser sign-in has already checked the account.
            `Connected “${saved.connection.name}”${saved.connection.account ? ` as ${saved.connection.account}` : ''}.`
          : `Connected “${saved.connection.name}”. Test it to check the credentials.`,
    );
  };

  const sorted = [...connections].sort(
    (a, b) =>
      STATE_ORDER[healthStateOf(a, health[a.id])] - STATE_ORDER[healthStateOf(b, health[b.id])] ||
      a.name.localeCompare(b.name),
  );
  const addButton = (
    <button
      type="button"
      className="button button-primary"
      onClick={() => setEditing({ mode: 'add' })}
    >
      <PlusIcon /> Add connection
    </button>
  );

  return (
    <div className="page">
      <PageHeader
        title="Connections"
        description="The accounts your workflows use. Their secrets stay sealed on this machine."
        actions={connections.length > 0 ? addButton : undefined}
      />
      {message && (
        <p className="page-message" role="status">
          {message}
        </p>
      )}
      {status === 'failed' && connections.length === 0 ? (
        <LoadFailed what="your connections" onRetry={() => void load()} />
      ) : status !== 'ready' && connections.length === 0 ? (
        <p className="loading" role="status">
          Loading connections…
        </p>
      ) : connections.length === 0 ? (
        <EmptyState icon={<ConnectionsIcon />} title="No connections yet" action={addButton}>
          <p>
            A connection is an account a workflow reads or writes — an API token, a mailbox, a
            webhook receiver. Add one here, or from a step’s “Account” field on the canvas. Its
            secret is sealed on this machine and never shown again.
          </p>
        </EmptyState>
      ) : (
        <ul className="connection-list" aria-label="Connections">
          {sorted.map((connection) => (
            <ConnectionRow
              key={connection.id}
              connection={connection}
              health={health[connection.id]}
              now={now}
              onReconnect={() => setEditing({ mode: 'reconnect', connection })}
              onDisconnect={() => setDisconnecting(connection)}
            />
          ))}
        </ul>
      )}
      <CatalogueBrowser onConnect={(kind) => setEditing({ mode: 'add', kinds: [kind] })} />
      {editing && (
        <ConnectionDialog
          connection={editing.mode === 'reconnect' ? editing.connection : undefined}
          kinds={editing.mode === 'add' ? editing.kinds : undefined}
          onClose={() => setEditing(null)}
          onSaved={onSaved}
        />
      )}
      {disconnecting && (
        <DisconnectDialog
          connection={disconnecting}
          busy={busy}
          onConfirm={() => void confirmDisconnect()}
          onCancel={() => setDisconnecting(null)}
        />
      )}
    </div>
  );
}
