import { useId } from 'react';
import type { ConnectionKindDescriptor, CredentialField } from '@shared/connections/kinds';
import { typedFields, type FormValues } from './connection-form';

interface CredentialFormProps {
  kind: ConnectionKindDescriptor;
  values: FormValues;
  onChange: (name: string, value: string | boolean) => void;
  errors: Record<string, string>;
  /** Secret fields that already hold a value: shown as •••• and kept when left blank. */
  storedSecrets?: readonly string[];
}

/** The credential fields of any connection kind, drawn from its descriptor alone. */
export function CredentialForm({
  kind,
  values,
  onChange,
  errors,
  storedSecrets = [],
}: CredentialFormProps) {
  const fields = typedFields(kind);
  const basic = fields.filter(([, f]) => !f.advanced);
  const advanced = fields.filter(([, f]) => f.advanced);
  const generated = kind.order.filter((name) => kind.fields[name]?.generated);
  const render = ([name, field]: [string, CredentialField]) => (
    <CredentialInput
      key={name}
      name={name}
      field={field}
      required={isRequired(kind, name)}
      value={values[name] ?? ''}
      stored={storedSecrets.includes(name)}
      error={errors[name]}
      onChange={(value) => onChange(name, value)}
    />
  );
  return (
    <div className="credential-form">
      {basic.map(render)}
      {generated.map((name) => (
        <div key={name} className="form-field">
          <span className="form-label">{kind.fields[name]!.label}</span>
          <p className="field-help">
            {storedSecrets.includes(name)
              ? 'Set. Switchyard keeps it sealed; rotate it from the connection’s menu.'
              : 'Switchyard makes it when you save, and shows it to you once.'}
          </p>
        </div>
      ))}
      {advanced.length > 0 && (
        <details className="credential-advanced">
          <summary>Advanced</summary>
          {advanced.map(render)}
        </details>
      )}
    </div>
  );
}

/** Required when the schema refuses the field missing (no default, not optional). */
function isRequired(kind: ConnectionKindDescriptor, name: string): boolean {
  const shape = kind.credentials.shape as Record<
    string,
    { safeParse?: (v: unknown) => { success: boolean } }
  >;
  return shape[name]?.safeParse?.(undefined).success === false;
}

interface CredentialInputProps {
  name: string;
  field: CredentialField;
  required: boolean;
  value: string | boolean;
  stored: boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
}

function CredentialInput({
  name,
  field,
  required,
  value,
  stored,
  error,
  onChange,
}: CredentialInputProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [field.help || (field.secret && stored) ? helpId : '', error ? errorId : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const common = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const text = typeof value === 'string' ? value : '';
  let control;
  if (field.widget === 'switch') {
    control = (
      <input
        {...common}
        type="checkbox"
        className="credential-switch"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (field.widget === 'select') {
    control = (
      <select {...common} className="input" value={text} onChange={(e) => onChange(e.target.value)}>
        {!required && <option value="">—</option>}
        {(field.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.widget === 'textarea') {
    control = (
      <textarea
        {...common}
        className="input textarea"
        value={text}
        placeholder={field.placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else {
    const secret = field.secret || field.widget === 'password';
    control = (
      <input
        {...common}
        className={secret ? 'input mono' : 'input'}
        type={
          secret
            ? 'password'
            : field.widget === 'number'
              ? 'number'
              : field.widget === 'url'
                ? 'url'
                : 'text'
        }
        value={text}
        autoComplete={secret ? 'new-password' : 'off'}
        spellCheck={false}
        placeholder={secret && stored ? '••••••••' : field.placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div
      className={`form-field${error ? ' is-invalid' : ''}${field.widget === 'switch' ? ' form-field-switch' : ''}`}
    >
      <label className="form-label" htmlFor={id}>
        {field.label}
        {required && !(field.secret && stored) && (
          <span className="required-mark" aria-label="required">
            *
          </span>
        )}
      </label>
      {control}
      {(field.help || (field.secret && stored)) && (
        <p id={helpId} className="field-help">
          {field.secret && stored ? 'Set — leave blank to keep it. ' : ''}
          {field.help}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
