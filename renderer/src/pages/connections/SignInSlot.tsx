import { useEffect, useRef, useState } from 'react';
import { OAUTH_SIGN_IN, type ConnectionKindDescriptor } from '@shared/connections/kinds';
import type { AuthorizeStatus, ConnectionSaved } from '@shared/ipc/contract';
import { api, toApiError, unwrap } from '../../api/client';
import { credentialsOf, type FormValues } from './connection-form';
import { TenantPicker } from './TenantPicker';

export interface SignInSlotProps {
  kind: ConnectionKindDescriptor;
  /** What the form holds now (client ID, scopes…), for the sign-in request. */
  values: FormValues;
  /** The connection being reconnected, or null for a new one. */
  connectionId: string | null;
  name: string;
  /** Called once the browser sign-in stored the tokens: the dialog closes with this connection. */
  onSignedIn: (saved: ConnectionSaved) => void;
  /** Field errors from the engine's check of the form (before anything opened). */
  onInvalid?: (error: unknown) => void;
}

const POLL_MS = 1000;

type Phase =
  | { step: 'idle' }
  | { step: 'starting' }
  | { step: 'waiting'; flowId: string; authUrl: string; opened: boolean }
  | {
      step: 'choosing';
      flowId: string;
      label: string;
      tenants: { id: string; label: string }[];
      busy: boolean;
    }
  | { step: 'failed'; message: string };

/**
 * "Sign in with …" for OAuth kinds: the engine opens a one-off loopback port and returns the
 * provider's sign-in URL; the desktop app opens it in the browser itself, browser mode in a new
 * tab. The slot then polls until the engine has stored the tokens (or the sign-in failed).
 */
export function SignInSlot({
  kind,
  values,
  connectionId,
  name,
  onSignedIn,
  onInvalid,
}: SignInSlotProps) {
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const signedIn = useRef(onSignedIn);
  useEffect(() => {
    signedIn.current = onSignedIn;
  }, [onSignedIn]);
  const info = OAUTH_SIGN_IN[kind.id];
  const label = info?.label ?? `Sign in with ${kind.name}`;
  const flowId = phase.step === 'waiting' ? phase.flowId : null;
  // Services that accept only their registered redirect URI: the one this sign-in comes back to.
  const fixedRedirect = kind.fixedRedirectUri;
  const typedRedirect = typeof values.redirectUri === 'string' ? values.redirectUri.trim() : '';
  const redirectUri = fixedRedirect ? typedRedirect || fixedRedirect : null;

  useEffect(() => {
    if (!flowId) return;
    let stopped = false;
    const tick = async () => {
      let status: AuthorizeStatus;
      try {
        status = unwrap(await api.call('connections:authstatus', { flowId }));
      } catch (error) {
        if (!stopped) setPhase({ step: 'failed', message: toApiError(error).message });
        return;
      }
      if (stopped) return;
      if (status.status === 'waiting') timer = setTimeout(() => void tick(), POLL_MS);
      else if (status.status === 'choose_tenant') {
        setPhase({
          step: 'choosing',
          flowId,
          label: status.tenantLabel ?? 'Account',
          tenants: status.tenants ?? [],
          busy: false,
        });
      } else if (status.status === 'succeeded' && status.connection) {
        signedIn.current({
          connection: status.connection,
          resumedWorkflows: status.resumedWorkflows,
        });
      } else setPhase({ step: 'failed', message: status.message ?? 'The sign-in did not finish.' });
    };
    let timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [flowId]);

  const start = async () => {
    setPhase({ step: 'starting' });
    try {
      const started = unwrap(
        await api.call('connections:authorize', {
          kind: kind.id,
          name,
          credentials: credentialsOf(kind, values),
          ...(connectionId ? { id: connectionId } : {}),
        }),
      );
      let opened = started.opened;
      if (!opened) {
        // Browser mode: a new tab. noopener, so the sign-in page cannot reach this one.
        window.open(started.authUrl, '_blank', 'noopener');
        opened = true;
      }
      setPhase({ step: 'waiting', flowId: started.flowId, authUrl: started.authUrl, opened });
    } catch (error) {
      setPhase({ step: 'idle' });
      onInvalid?.(error);
    }
  };

  const cancel = () => {
    const id = phase.step === 'waiting' || phase.step === 'choosing' ? phase.flowId : null;
    if (id) void api.call('connections:authcancel', { flowId: id });
    setPhase({ step: 'idle' });
  };

  const choose = async (tenantId: string) => {
    if (phase.step !== 'choosing') return;
    setPhase({ ...phase, busy: true });
    try {
      const status = unwrap(
        await api.call('connections:authtenant', { flowId: phase.flowId, tenantId }),
      );
      if (status.status === 'succeeded' && status.connection)
        signedIn.current({
          connection: status.connection,
          resumedWorkflows: status.resumedWorkflows,
        });
      else setPhase({ step: 'failed', message: status.message ?? 'The sign-in did not finish.' });
    } catch (error) {
      setPhase({ step: 'failed', message: toApiError(error).message });
    }
  };

  return (
    <div className="sign-in-slot" aria-live="polite">
      {phase.step === 'choosing' ? (
        <TenantPicker
          label={phase.label}
          tenants={phase.tenants}
          busy={phase.busy}
          onChoose={(id) => void choose(id)}
          onCancel={cancel}
        />
      ) : phase.step === 'waiting' ? (
        <>
          <p className="sign-in-status" role="status">
            Waiting for you to finish signing in in your browser…
          </p>
          <p className="field-help">
            No tab opened?{' '}
            <a href={phase.authUrl} target="_blank" rel="noopener noreferrer">
              Open the sign-in page
            </a>
            .
          </p>
          <button type="button" className="button" onClick={cancel}>
            Cancel sign-in
          </button>
        </>
      ) : (
        <>
          {phase.step === 'failed' && (
            <p className="field-error" role="alert">
              {phase.message}
            </p>
          )}
          <button
            type="button"
            className="button button-primary sign-in-button"
            disabled={phase.step === 'starting'}
            onClick={() => void start()}
          >
            {phase.step === 'starting' ? 'Opening…' : connectionId ? `${label} again` : label}
          </button>
          <p className="field-help">
            Opens the sign-in page in your browser. Switchyard keeps the tokens sealed on this
            computer.
          </p>
          {redirectUri && (
            <p className="field-help">
              {kind.name} must have <code>{redirectUri}</code> registered as a redirect URI.
            </p>
          )}
        </>
      )}
      {info?.setupSteps && (
        <details className="sign-in-setup">
          <summary>How to get a client ID</summary>
          <ol>
            {info.setupSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
