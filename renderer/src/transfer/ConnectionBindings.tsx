import { Link } from 'wouter';
import type { RequiredConnectionPreview } from '@shared/transfer/schemas';

interface ConnectionBindingsProps {
  connections: RequiredConnectionPreview[];
  bindings: Record<string, string | null>;
  onBind: (alias: string, connectionId: string | null) => void;
  onAddConnection: () => void;
}

/** For each connection the file needs: an account of that kind on this machine, or none yet. */
export function ConnectionBindings(props: ConnectionBindingsProps) {
  const { connections, bindings, onBind, onAddConnection } = props;
  if (connections.length === 0) {
    return <p className="field-hint">It needs no accounts.</p>;
  }
  return (
    <div className="import-bindings">
      {connections.map((need) => {
        const id = `bind-${need.alias}`;
        const uses = need.usedBy.length === 1 ? '1 step' : `${need.usedBy.length} steps`;
        return (
          <div key={need.alias} className="field">
            <label className="field-label" htmlFor={id}>
              {need.alias} <span className="kind-tag">{need.kindName}</span>
            </label>
            <select
              id={id}
              className="input"
              value={bindings[need.alias] ?? ''}
              onChange={(event) => onBind(need.alias, event.target.value || null)}
            >
              <option value="">Choose later (left without an account)</option>
              {need.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.account ? ` — ${c.account}` : ''}
                  {c.status === 'needs_reconnect' ? ' (needs reconnecting)' : ''}
                </option>
              ))}
            </select>
            <span className="field-hint">
              Used by {uses}. {need.candidates.length === 0 && `No ${need.kindName} here yet. `}
              <Link to="/connections" className="link-button" onClick={onAddConnection}>
                Add a connection
              </Link>
            </span>
          </div>
        );
      })}
    </div>
  );
}
