import { useId, useState } from 'react';
import type { TriggerEndpointInfo } from '@shared/ipc/contract';
import { api, unwrap } from '../api/client';
import { CopyButton } from '../components/JsonViewer';

interface EndpointSecretProps {
  workflowId: string;
  endpoint: TriggerEndpointInfo;
  verification: string;
  onChange: (endpoint: TriggerEndpointInfo) => void;
}

/**
 * The verification secret: generated (and shown this once) or typed in from the sender. It is
 * kept sealed on this computer and is not part of the workflow file.
 */
export function EndpointSecret({
  workflowId,
  endpoint,
  verification,
  onChange,
}: EndpointSecretProps) {
  const [shown, setShown] = useState<string | null>(null);
  const [own, setOwn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const change = async (input: { action: 'generate' } | { action: 'set'; secret: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = unwrap(await api.call('triggers:secret', { workflowId, ...input }));
      onChange(result.endpoint);
      setShown(result.secret ?? null);
      setOwn('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="endpoint-secret">
      <span className="field-label">Signing secret</span>
      <p className="field-hint" role="status">
        {endpoint.hasSecret
          ? `Set ${endpoint.secretSetAt ? new Date(endpoint.secretSetAt).toLocaleString() : ''}. Requests that do not match are refused with 401 and listed in Settings → Activity.`
          : 'No secret yet: every request is refused until you generate or enter one.'}
      </p>
      {shown && (
        <div className="endpoint-code">
          <div className="endpoint-code-head">
            <strong>Copy it now: it is not shown again.</strong>
            <CopyButton text={shown} label="Copy the new secret" />
          </div>
          <pre tabIndex={0}>
            <code>{shown}</code>
          </pre>
        </div>
      )}
      <p>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void change({ action: 'generate' })}
        >
          {endpoint.hasSecret ? 'Rotate secret' : 'Generate secret'}
        </button>
      </p>
      {verification !== 'standard' && (
        <form
          className="field"
          onSubmit={(event) => {
            event.preventDefault();
            void change({ action: 'set', secret: own });
          }}
        >
          <label className="field-label" htmlFor={inputId}>
            Or use the sender’s secret
          </label>
          <div className="field-row">
            <input
              id={inputId}
              className="input"
              type="password"
              autoComplete="off"
              value={own}
              onChange={(event) => setOwn(event.target.value)}
            />
            <button type="submit" className="button" disabled={busy || own.length < 8}>
              Save
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
