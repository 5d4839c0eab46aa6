import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { RefreshIcon } from '../../components/editor-icons';
import { errorText } from '../../lib/error-text';
import type { FieldSpec, Option } from './form-spec';
import { MultiSelect, Select, type ControlProps } from './inputs';

interface DynamicSelectProps extends ControlProps<string | string[]> {
  spec: FieldSpec & { dynamic: NonNullable<FieldSpec['dynamic']> };
  connector: string;
  connectionId: string | null;
  /** The connector needs an account before it can list anything. */
  needsConnection: boolean;
  config: Readonly<Record<string, unknown>>;
  /** Labels of the other fields, to say which one to fill first. */
  labelOf: (key: string) => string;
}

type Load =
  | { state: 'ready'; key: string; options: Option[] }
  | { state: 'failed'; key: string; message: string };

const filled = (value: unknown) =>
  value !== undefined &&
  value !== null &&
  value !== '' &&
  !(Array.isArray(value) && value.length === 0);

/**
 * Choices fetched through the connection (spreadsheets, tabs, calendars…), fetched again when the
 * account or a field they depend on changes.
 */
export function DynamicSelect(props: DynamicSelectProps) {
  const { spec, connector, connectionId, needsConnection, config } = props;
  const { source, dependsOn, multiple } = spec.dynamic;
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load | null>(null);

  const missing = dependsOn.filter((key) => !filled(config[key]));
  const blocked = needsConnection && !connectionId;
  const inputs = Object.fromEntries(dependsOn.map((key) => [key, config[key]]));
  const key = JSON.stringify({ connectionId, inputs, attempt });
  const ready = !blocked && missing.length === 0;

  useEffect(() => {
    if (!ready) return;
    let current = true;
    const request = { connector, source, connectionId, config: inputs };
    api
      .call('connectors:options', request)
      .then(unwrap)
      .then(
        ({ options }) => current && setLoad({ state: 'ready', key, options }),
        (error: unknown) => {
          if (!current) return;
          const text = errorText(error);
          setLoad({ state: 'failed', key, message: text.detail ?? text.summary });
        },
      );
    return () => {
      current = false;
    };
    // `key` carries the connection, the inputs and the retry count.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, key, connector, source]);

  if (blocked) return <p className="dynamic-note">Choose an account first.</p>;
  if (missing.length > 0) {
    return (
      <p className="dynamic-note">
        Choose {missing.map((k) => `“${props.labelOf(k)}”`).join(' and ')} first.
      </p>
    );
  }
  const current = load?.key === key ? load : { state: 'loading' as const, key };
  if (current.state === 'loading') {
    return (
      <div className="dynamic-loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading {spec.label.toLowerCase()}…
      </div>
    );
  }
  if (current.state === 'failed') {
    return (
      <div className="dynamic-error" role="alert">
        <span>Could not load the choices: {current.message}</span>
        <button type="button" className="button button-sm" onClick={() => setAttempt(attempt + 1)}>
          <RefreshIcon /> Retry
        </button>
      </div>
    );
  }
  if (current.options.length === 0) {
    return (
      <div className="dynamic-empty">
        <span>Nothing to choose from in this account.</span>
        <button type="button" className="button button-sm" onClick={() => setAttempt(attempt + 1)}>
          <RefreshIcon /> Refresh
        </button>
      </div>
    );
  }
  const refresh = (
    <button
      type="button"
      className="mini-button"
      aria-label={`Reload ${spec.label}`}
      title="Reload the choices"
      onClick={() => setAttempt(attempt + 1)}
    >
      <RefreshIcon />
    </button>
  );
  return multiple ? (
    <div className="input-with-button">
      <MultiSelect
        {...props}
        value={Array.isArray(props.value) ? props.value : undefined}
        onChange={props.onChange}
        options={current.options}
        label={spec.label}
      />
      {refresh}
    </div>
  ) : (
    <div className="input-with-button">
      <Select
        {...props}
        value={typeof props.value === 'string' ? props.value : undefined}
        onChange={props.onChange}
        options={current.options}
        required={spec.required}
      />
      {refresh}
    </div>
  );
}
