import type { ConnectionTestResult } from '@shared/ipc/contract';

/** What "Test connection" found: the verdict, the message, and the service's status code. */
export function TestOutcome({
  result,
  stored,
}: {
  result: ConnectionTestResult;
  stored?: boolean;
}) {
  return (
    <div className={`test-outcome ${result.ok ? 'is-ok' : 'is-failed'}`} role="status">
      <strong>{result.ok ? 'It works.' : 'It did not work.'}</strong> {result.message}
      {stored && <span className="field-help"> (Tried with the stored secret.)</span>}
    </div>
  );
}
