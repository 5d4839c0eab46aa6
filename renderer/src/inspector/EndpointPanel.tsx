import { useEffect, useId, useState } from 'react';
import type { TriggerEndpointInfo } from '@shared/ipc/contract';
import { api, unwrap } from '../api/client';
import { CopyButton } from '../components/JsonViewer';
import { useCanvasStore } from '../stores/canvas';
import { EndpointSecret } from './EndpointSecret';

const TRIGGERS = { webhook: 'webhook_in.receive', form: 'form.submission' } as const;

interface EndpointPanelProps {
  kind: 'webhook' | 'form';
  config: Record<string, unknown>;
}

/** A copyable line of code: a URL, a curl example, an embed snippet. */
function CodeLine({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <div className="endpoint-code">
      <div className="endpoint-code-head">
        <span id={id} className="field-label">
          {label}
        </span>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <pre aria-labelledby={id} tabIndex={0}>
        <code>{text}</code>
      </pre>
    </div>
  );
}

function curlExample(url: string, verification: unknown): string {
  const body = `'{"email":"ada@example.com"}'`;
  const lines = [`curl -X POST '${url}'`, `  -H 'content-type: application/json'`];
  if (verification === 'header') lines.push(`  -H 'x-webhook-secret: <your secret>'`);
  if (verification === 'hmac') lines.push(`  -H 'x-signature: <HMAC-SHA256 of the body>'`);
  if (verification === 'standard')
    lines.push(
      `  -H 'webhook-id: msg_1' -H 'webhook-timestamp: <unix seconds>'`,
      `  -H 'webhook-signature: v1,<signature>'`,
    );
  lines.push(`  -d ${body}`);
  return lines.join(' \\\n');
}

/** The trigger's URL (public when a public base URL is set), how to call it, and its secret. */
export function EndpointPanel({ kind, config }: EndpointPanelProps) {
  const workflowId = useCanvasStore((s) => s.workflowId);
  const version = useCanvasStore((s) => s.workflow?.version);
  const saved = useCanvasStore((s) => s.savedDefinition.trigger);
  const savedIsThis = saved !== null && `${saved.connector}.${saved.operation}` === TRIGGERS[kind];
  const [endpoint, setEndpoint] = useState<TriggerEndpointInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!workflowId || !savedIsThis) return;
    let live = true;
    api
      .call('triggers:endpoint', { workflowId })
      .then(unwrap)
      .then(
        (info) => live && (setEndpoint(info), setError(null)),
        (failure: unknown) =>
          live && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    return () => {
      live = false;
    };
  }, [workflowId, version, savedIsThis]);

  if (!workflowId || !savedIsThis)
    return (
      <p className="inspector-note" role="status">
        Save the workflow to get this {kind === 'webhook' ? 'webhook' : 'form'}’s address.
      </p>
    );
  if (error) return <p className="field-error">{error}</p>;
  if (!endpoint) return <p className="inspector-note">Loading the address…</p>;

  const url = endpoint.publicUrl ?? endpoint.localUrl ?? endpoint.path;
  return (
    <section
      className="endpoint-panel"
      aria-label={kind === 'webhook' ? 'Webhook address' : 'Form address'}
    >
      <CodeLine label={endpoint.publicUrl ? 'Public URL' : 'URL'} text={url} />
      {endpoint.publicUrl && endpoint.localUrl && (
        <p className="field-hint">On this computer: {endpoint.localUrl}</p>
      )}
      {!endpoint.publicUrl && (
        <p className="field-hint">
          Reachable from this computer only. To receive from the internet, run a tunnel to it and
          set its address as the public base URL in Settings.
        </p>
      )}
      {kind === 'webhook' ? (
        <>
          <CodeLine label="Try it with curl" text={curlExample(url, config.verification)} />
          {config.verification !== undefined && config.verification !== 'none' && (
            <EndpointSecret
              workflowId={workflowId}
              endpoint={endpoint}
              verification={String(config.verification)}
              onChange={setEndpoint}
            />
          )}
        </>
      ) : (
        <>
          <p>
            <a className="button" href={url} target="_blank" rel="noopener noreferrer">
              Open form
            </a>
          </p>
          <CodeLine
            label="Embed code"
            text={`<iframe src="${url}" title="${String(config.title ?? 'Sign up').replace(/"/g, '&quot;')}" style="border:0;width:100%;min-height:640px" loading="lazy"></iframe>`}
          />
          <CodeLine
            label="JSON API"
            text={`curl -X POST '${url}' \\\n  -H 'content-type: application/json' \\\n  -d '{"name":"Ada","email":"ada@example.com"}'`}
          />
        </>
      )}
    </section>
  );
}
