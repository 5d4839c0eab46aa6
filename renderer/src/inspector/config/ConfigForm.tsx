import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { FieldHint } from '@shared/connectors/types';
import { AlertIcon } from '../../components/editor-icons';
import { FieldControl, type FieldContext } from './FieldControl';
import {
  configIssues,
  describeConfig,
  isFieldVisible,
  type FieldSpec,
  type FormSpec,
} from './form-spec';

interface ConfigFormProps {
  schema: z.ZodType;
  ui: { order: readonly string[]; fields: Readonly<Record<string, FieldHint>> };
  config: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  /** The workflow check's messages for this node, by config field. */
  problems: ReadonlyMap<string, readonly string[]>;
  context: Omit<FieldContext, 'config' | 'labelOf'>;
}

/** The form of a connector operation, generated from its zod config schema and ui hints. */
export function ConfigForm({ schema, ui, config, onChange, problems, context }: ConfigFormProps) {
  const form = useMemo(() => describeConfig(schema, ui), [schema, ui]);
  const issues = useMemo(() => configIssues(schema, config), [schema, config]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());

  const labelOf = (key: string) => form.fields.find((f) => f.key === key)?.label ?? key;
  const messageFor = (field: FieldSpec): string | undefined => {
    // A field the operator changed speaks for itself; the others repeat the workflow check.
    if (!touched.has(field.key)) {
      const whole = field.key === form.discriminator ? problems.get('') : undefined;
      return (problems.get(field.key) ?? whole)?.[0];
    }
    return issues.get(field.key) ?? (field.key === form.discriminator ? issues.get('') : undefined);
  };

  const change = (key: string, value: unknown) => {
    const next = { ...config };
    if (value === undefined) delete next[key];
    else next[key] = value;
    if (key === form.discriminator) {
      for (const field of form.fields)
        if (!isFieldVisible(field, next, form)) delete next[field.key];
    }
    setTouched(new Set(touched).add(key));
    onChange(next);
  };

  const visible = form.fields.filter((field) => isFieldVisible(field, config, form));
  const basic = visible.filter((field) => !field.advanced);
  const advanced = visible.filter((field) => field.advanced);
  const fieldContext: FieldContext = { ...context, config, labelOf };
  const render = (field: FieldSpec) => (
    <ConfigField
      key={field.key}
      field={field}
      form={form}
      value={config[field.key] ?? field.defaultValue}
      message={messageFor(field)}
      onChange={(value) => change(field.key, value)}
      context={fieldContext}
    />
  );

  if (form.fields.length === 0) {
    return <p className="inspector-note">This step has nothing to set up.</p>;
  }
  return (
    <div className="config-form">
      {basic.map(render)}
      {advanced.length > 0 && (
        <details
          className="advanced"
          open={advanced.some((f) => messageFor(f) !== undefined) || undefined}
        >
          <summary>Advanced options</summary>
          <div className="advanced-body">{advanced.map(render)}</div>
        </details>
      )}
    </div>
  );
}

function ConfigField(props: {
  field: FieldSpec;
  form: FormSpec;
  value: unknown;
  message: string | undefined;
  onChange: (value: unknown) => void;
  context: FieldContext;
}) {
  const { field, value, message, onChange, context } = props;
  const id = `config-${field.key}`;
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const inline = field.kind === 'toggle';
  // A toggle sits beside its label; every other control goes below it.
  const control = (
    <FieldControl
      spec={field}
      id={id}
      value={value}
      onChange={onChange}
      invalid={message !== undefined}
      describedBy={describedBy}
      context={context}
    />
  );
  return (
    <div
      className={`form-field${inline ? ' form-field-inline' : ''}${message ? ' is-invalid' : ''}`}
    >
      <div className="form-label-row">
        <label className="form-label" htmlFor={id}>
          {field.label}
          {field.required && (
            <span className="required-mark" aria-label="required">
              *
            </span>
          )}
        </label>
        {inline && control}
      </div>
      {!inline && control}
      {message && (
        <p className="field-error" id={errorId}>
          <AlertIcon /> {message}
        </p>
      )}
      {field.help && (
        <p className="field-help" id={helpId}>
          {field.help}
        </p>
      )}
    </div>
  );
}
