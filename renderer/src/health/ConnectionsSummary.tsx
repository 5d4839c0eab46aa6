import { Link } from 'wouter';
import type { ConnectionSummary } from '@shared/ipc/contract';
import { ConnectionsIcon } from '../components/icons';
import { EmptyState } from '../components/EmptyState';
import { ConnectionStatusBadge } from '../pages/connections/ConnectionStatusBadge';

/** Each account and its status; those that need the operator come first. */
export function ConnectionsSummary({ connections }: { connections: ConnectionSummary[] }) {
  if (connections.length === 0)
    return (
      <EmptyState
        icon={<ConnectionsIcon />}
        title="No connections yet"
        action={
          <Link to="/connections" className="button">
            Go to Connections
          </Link>
        }
      >
        <p>
          Connect an account (Google Sheets, e-mail, a CRM…) so workflows can read and write it. Its
          health — expired sign-ins, rate limits — shows up here.
        </p>
      </EmptyState>
    );
  const order = { needs_reconnect: 0, error: 1, unchecked: 2, ok: 3 };
  const sorted = [...connections].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <ul className="list" aria-label="Connections health">
      {sorted.map((c) => (
        <li key={c.id} className="list-row connection-health-row">
          <div className="workflow-main">
            <span className="row-title">{c.name}</span>
            <div className="workflow-description">
              <span className="kind-tag">{c.kind}</span>
              {c.account ? ` · ${c.account}` : ''}
            </div>
          </div>
          <ConnectionStatusBadge status={c.status} />
          {c.status === 'needs_reconnect' || c.status === 'error' ? (
            <Link to="/connections" className="button button-primary">
              Reconnect
            </Link>
          ) : (
            <span />
          )}
        </li>
      ))}
    </ul>
  );
}
