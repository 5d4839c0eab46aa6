import { useId, useState } from 'react';
import type { ConnectionTestResult } from '@shared/ipc/contract';
import { api, unwrap } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { TestOutcome } from './TestOutcome';

/** "Send test e-mail" of an SMTP connection: one real message to an address the user types. */
export function SendTestEmail({ connectionId }: { connectionId: string }) {
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const send = async () => {
    setSending(true);
    setResult(null);
    setFailed(null);
    try {
      setResult(
        unwrap(await api.call('connections:sendmail', { id: connectionId, to: to.trim() })),
      );
    } catch (error) {
      setFailed(errorText(error).summary);
    } finally {
      setSending(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Send test e-mail
      </button>
    );
  }
  return (
    <form
      className="send-test-email"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label className="form-label" htmlFor={inputId}>
        Send a test e-mail to
      </label>
      <div className="send-test-email-row">
        <input
          id={inputId}
          className="input"
          type="email"
          required
          value={to}
          placeholder="you@example.com"
          onChange={(event) => setTo(event.target.value)}
        />
        <button type="submit" className="button button-sm" disabled={sending}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      {result && <TestOutcome result={result} />}
      {failed && (
        <p className="test-outcome is-failed" role="status">
          <strong>It did not work.</strong> {failed}
        </p>
      )}
    </form>
  );
}
