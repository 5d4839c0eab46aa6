import { useEffect, useId, useState } from 'react';
import { kindsForConnector } from '@shared/connections/registry';
import type { ConnectorDescriptor } from '@shared/connectors/types';
import { LinkIcon } from '../components/editor-icons';
import { ConnectionDialog } from '../pages/connections/ConnectionDialog';
import { useConnectionsStore } from '../stores/connections';

const STATUS_TEXT: Record<string, string> = {
  needs_reconnect: ' — needs reconnecting',
  error: ' — failing',
};

/** The account a node uses, from the connections of its connector's kind. */
export function ConnectionPicker(props: {
  connector: ConnectorDescriptor;
  value: string | null;
  onChange: (connectionId: string | null) => void;
  problem?: string;
  /** The step also works without an account (e.g. an HTTP request to a public API). */
  optional?: boolean;
}) {
  const { connector, value, onChange, problem, optional = false } = props;
  const id = useId();
  const [connecting, setConnecting] = useState(false);
  const { connections, status, load } = useConnectionsStore();
  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  const accepted = kindsForConnector(connector);
  const mine = connections.filter((c) => accepted.includes(c.kind));
  const chosen = mine.find((c) => c.id === value);
  return (
    <div className={`form-field connection-picker${problem ? ' is-invalid' : ''}`}>
      <div className="form-label-row">
        <label className="form-label" htmlFor={id}>
          Account
          {!optional && (
            <span className="required-mark" aria-label="required">
              *
            </span>
          )}
        </label>
        <button type="button" className="text-link link-button" onClick={() => setConnecting(true)}>
          <LinkIcon /> Connect a new account
        </button>
      </div>
      {status === 'loading' && mine.length === 0 ? (
        <div className="dynamic-loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading accounts…
        </div>
      ) : mine.length === 0 && !value ? (
        <p className="dynamic-note">
          {optional
            ? 'Sent without authentication. To sign requests, connect an account here: it is chosen for this step once saved.'
            : `No ${connector.name} account connected yet. Connect one here: it is chosen for this step once saved.`}
        </p>
      ) : (
        <select
          id={id}
          className="input"
          value={value ?? ''}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{optional ? 'None (no authentication)' : 'Choose an account…'}</option>
          {value && !chosen && <option value={value}>{value} (not found)</option>}
          {mine.map((c) => (
            <option key={c.id} value={c.id}>
              {c.account ? `${c.name} (${c.account})` : c.name}
              {STATUS_TEXT[c.status] ?? ''}
            </option>
          ))}
        </select>
      )}
      {problem && <p className="field-error">{problem}</p>}
      {connecting && (
        <ConnectionDialog
          kinds={accepted}
          onClose={() => setConnecting(false)}
          onSaved={(saved) => onChange(saved.connection.id)}
        />
      )}
    </div>
  );
}
