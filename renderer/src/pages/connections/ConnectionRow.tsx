import { useState } from 'react';
import { connectionKind } from '@shared/connections/registry';
import type {
  ConnectionHealth,
  ConnectionSummary,
  ConnectionTestResult,
} from '@shared/ipc/contract';
import { api, unwrap } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { relativeTime } from '../../lib/relative-time';
import { formatDateTime } from '../../runs/run-format';
import { healthStateOf } from '../../stores/connections';
import { ConnectionHistory } from './ConnectionHistory';
import { ConnectionStatusBadge } from './ConnectionStatusBadge';
import { SendTestEmail } from './SendTestEmail';
import { TestOutcome } from './TestOutcome';
import { usageText } from './usage-text';

interface ConnectionRowProps {
  connection: ConnectionSummary;
  health: ConnectionHealth | undefined;
  now: number;
  onReconnect: () => void;
  onDisconnect: () => void;
}

/** One account: status and why, last check, usage today, scopes; test, reconnect, disconnect. */
export function ConnectionRow({
  connection,
  health,
  now,
  onReconnect,
  onDisconnect,
}: ConnectionRowProps) {
  const [open, setOpen] = useState(false);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<ConnectionTestResult | null>(null);
  const [testFailed, setTestFailed] = useState<string | null>(null);
  const kind = connectionKind(connection.kind);
  const state = healthStateOf(connection, health);
  const historyId = `history-${connection.id}`;

  const testNow = async () => {
    setTesting(true);
    setTested(null);
    setTestFailed(null);
    try {
      setTested(unwrap(await api.call('connections:test', { id: connection.id })));
    } catch (error) {
      setTestFailed(errorText(error).summary);
    } finally {
      setTesting(false);
    }
  };

  const check = connection.lastCheck;
  const reason = health?.reason;
  return (
    <li className="connection-row" data-testid="connection-row" aria-label={connection.name}>
      <div className="connection-row-head">
        <div className="connection-main">
          <span className="row-title">{connection.name}</span>
          <p className="workflow-description">
            <span className="kind-name">{kind?.name ?? connection.kind}</span>
            {connection.account && <span> · {connection.account}</span>}
          </p>
        </div>
        <ConnectionStatusBadge status={state} />
        <div className="connection-actions">
          <button
            type="button"
            className="button button-sm"
            disabled={testing}
            onClick={() => void testNow()}
          >
            {testing
              ? 'Testing…'
              : connection.kind === 'webhook_endpoint'
                ? 'Send test event'
                : 'Test now'}
          </button>
          <button
            type="button"
            className={
              state === 'needs_reconnect' || state === 'expiring'
                ? 'button button-sm button-primary'
                : 'button button-sm'
            }
            onClick={onReconnect}
          >
            Reconnect
          </button>
          <button type="button" className="button button-sm" onClick={onDisconnect}>
            Disconnect
          </button>
        </div>
      </div>
      {reason && state !== 'ok' && !tested && !testFailed && (
        <p className={`connection-reason is-${state}`}>{reason}</p>
      )}
      <dl className="connection-facts">
        <div>
          <dt>Last check</dt>
          <dd title={check ? formatDateTime(check.at) : undefined}>
            {check ? `${relativeTime(check.at, now)} — ${check.ok ? 'passed' : 'failed'}` : 'never'}
          </dd>
        </div>
        <div>
          <dt>Usage today</dt>
          <dd>{usageText(health)}</dd>
        </div>
        {health && health.scopes.length > 0 && (
          <div>
            <dt>Scopes</dt>
            <dd className="connection-scopes">
              {health.scopes.map((s) => (
                <code key={s}>{s}</code>
              ))}
            </dd>
          </div>
        )}
        {health?.expiresAt && (
          <div>
            <dt>Sign-in ends</dt>
            <dd>{formatDateTime(health.expiresAt)}</dd>
          </div>
        )}
      </dl>
      {tested && <TestOutcome result={tested} />}
      {testFailed && (
        <p className="test-outcome is-failed" role="status">
          <strong>It did not work.</strong> {testFailed}
        </p>
      )}
      {connection.kind === 'smtp' && <SendTestEmail connectionId={connection.id} />}
      <button
        type="button"
        className="link-button connection-history-toggle"
        aria-expanded={open}
        aria-controls={historyId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide history' : 'History of runs and checks'}
      </button>
      {open && (
        <div id={historyId}>
          <ConnectionHistory
            id={connection.id}
            now={now}
            version={`${connection.updatedAt}|${check?.at ?? ''}`}
          />
        </div>
      )}
    </li>
  );
}
