import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { ConnectionSummary } from '@shared/ipc/contract';
import { api, unwrap } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../lib/error-text';

type Usage = { id: string; name: string; state: string }[];

/** "Disconnect": says which workflows use the account before it is forgotten. */
export function DisconnectDialog(props: {
  connection: ConnectionSummary;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { connection } = props;
  const [usage, setUsage] = useState<Usage | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('connections:usage', { id: connection.id })
      .then((result) => setUsage(unwrap(result).workflows))
      .catch((error: unknown) => setFailed(errorText(error).summary));
  }, [connection.id]);

  return (
    <ConfirmDialog
      title={`Disconnect “${connection.name}”?`}
      confirmLabel="Disconnect"
      danger
      busy={props.busy || (usage === null && failed === null)}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p>Switchyard forgets this account and its sealed secret.</p>
      {failed ? (
        <p className="field-error">Could not tell which workflows use it: {failed}</p>
      ) : usage === null ? (
        <p role="status">Looking for workflows that use it…</p>
      ) : usage.length === 0 ? (
        <p>No workflow uses it.</p>
      ) : (
        <>
          <p>
            {usage.length === 1
              ? 'This workflow uses it'
              : `These ${usage.length} workflows use it`}{' '}
            and will stop at its steps until you choose another account:
          </p>
          <ul className="usage-list" aria-label="Workflows using it">
            {usage.map((w) => (
              <li key={w.id}>
                <Link to={`/workflows/${w.id}`} className="text-link">
                  {w.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
