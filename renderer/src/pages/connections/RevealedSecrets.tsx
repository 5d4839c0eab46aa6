import type { ConnectionKindDescriptor } from '@shared/connections/kinds';
import { CopyButton } from '../../components/JsonViewer';

/** Secrets Switchyard made for a connection, shown this once with a copy button. */
export function RevealedSecrets(props: {
  kind: ConnectionKindDescriptor;
  revealed: Record<string, string>;
}) {
  return (
    <div className="dialog-body revealed-secrets">
      <p>Saved. Copy it now: Switchyard keeps it sealed and does not show it again.</p>
      {Object.entries(props.revealed).map(([name, secret]) => (
        <div key={name} className="endpoint-code">
          <div className="endpoint-code-head">
            <strong>{props.kind.fields[name]?.label ?? name}</strong>
            <CopyButton text={secret} label={`Copy ${props.kind.fields[name]?.label ?? name}`} />
          </div>
          <pre tabIndex={0}>
            <code>{secret}</code>
          </pre>
          {props.kind.fields[name]?.help && (
            <p className="field-help">{props.kind.fields[name]!.help}</p>
          )}
        </div>
      ))}
    </div>
  );
}
