import type { ConnectionTestResult } from '@shared/ipc/contract';
import { JsonViewer } from '../../components/JsonViewer';

/**
 * What "Test connection" found: the verdict, the message, and what the service answered (its
 * status and a short body, e.g. a webhook receiver's reply to the test event).
 */
export function TestOutcome({
  result,
  stored,
}: {
  result: ConnectionTestResult;
  stored?: boolean;
}) {
  const response = result.response;
  return (
    <div className={`test-outcome ${result.ok ? 'is-ok' : 'is-failed'}`} role="status">
      <strong>{result.ok ? 'It works.' : 'It did not work.'}</strong> {result.message}
      {stored && <span className="field-help"> (Tried with the stored secret.)</span>}
      {response && (
        <div className="test-response">
          <p className="field-help">
            Answered {response.status}
            {response.durationMs > 0 ? ` in ${Math.round(response.durationMs)} ms` : ''}.
          </p>
          {response.body !== null && response.body !== undefined && response.body !== '' && (
            <JsonViewer value={response.body} label="Response body" openDepth={1} />
          )}
        </div>
      )}
    </div>
  );
}
