import { Link } from 'wouter';
import type { ConnectionHealth, ConnectionSummary } from '@shared/ipc/contract';
import { connectionKind } from '@shared/connections/registry';
import { ConnectionsIcon } from '../components/icons';
import { EmptyState } from '../components/EmptyState';
import { relativeTime } from '../lib/relative-time';
import { healthStateOf } from '../stores/connections';
import { ConnectionStatusBadge, STATE_ORDER } from '../pages/connections/ConnectionStatusBadge';
import { usageText } from '../pages/connections/usage-text';

/** Each account and its health; those that need the operator come first. */
export function ConnectionsSummary({
  connections,
  health,
  now,
}: {
  connections: ConnectionSummary[];
  health: Record<string, ConnectionHealth>;
  now: number;
}) {
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
  const rows = connections
    .map((c) => ({ c, h: health[c.id], state: healthStateOf(c, health[c.id]) }))
    .sort(
      (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.c.name.localeCompare(b.c.name),
    );
  return (
    <ul className="list" aria-label="Connections health">
      {rows.map(({ c, h, state }) => (
        <li key={c.id} className="list-row connection-health-row">
          <div className="workflow-main">
            <span className="row-title">{c.name}</span>
            <div className="workflow-description">
              <span className="kind-tag">{connectionKind(c.kind)?.name ?? c.kind}</span>
              {c.account ? ` · ${c.account}` : ''}
              {' · '}
              {c.lastCheck ? `checked ${relativeTime(c.lastCheck.at, now)}` : 'never checked'}
              {' · '}
              {usageText(h)} today
            </div>
            {h?.reason && state !== 'ok' && (
              <div className="connection-reason-inline">{h.reason}</div>
            )}
          </div>
          <ConnectionStatusBadge status={state} />
          {state === 'needs_reconnect' || state === 'error' || state === 'expiring' ? (
            <Link to="/connections" className="button button-primary">
              Reconnect
            </Link>
          ) : (
            <Link to="/connections" className="button">
              Details
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
