import { MappableInput } from '../MappableInput';
import { DynamicSelect } from './DynamicSelect';
import type { FieldSpec } from './form-spec';
import { DateInput, MultiSelect, NumberInput, SecretInput, Select, Toggle } from './inputs';
import { JsonInput } from './JsonInput';
import { CronPreview } from './SchedulePreview';

export interface FieldContext {
  connector: string;
  connectionId: string | null;
  needsConnection: boolean;
  config: Readonly<Record<string, unknown>>;
  labelOf: (key: string) => string;
}

interface FieldControlProps {
  spec: FieldSpec;
  id: string;
  value: unknown;
  onChange: (next: unknown) => void;
  invalid: boolean;
  describedBy?: string;
  context: FieldContext;
}

const asString = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

/** The input for one config field, chosen by its kind. */
export function FieldControl({
  spec,
  id,
  value,
  onChange,
  invalid,
  describedBy,
  context,
}: FieldControlProps) {
  const common = { id, invalid, describedBy, placeholder: spec.placeholder };
  switch (spec.kind) {
    case 'number':
      return (
        <NumberInput
          {...common}
          integer={spec.integer}
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'toggle':
      return (
        <Toggle
          {...common}
          label={spec.label}
          value={value === true}
          onChange={(v) => onChange(v)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          options={spec.options ?? []}
          required={spec.required}
          value={value === undefined ? undefined : asString(value)}
          onChange={onChange}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          label={spec.label}
          options={spec.options ?? []}
          value={Array.isArray(value) ? value.map(String) : undefined}
          onChange={onChange}
        />
      );
    case 'secret':
      return (
        <SecretInput
          {...common}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'date':
    case 'datetime':
      return (
        <DateInput
          {...common}
          withTime={spec.kind === 'datetime'}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'json':
      return (
        <JsonInput
          {...common}
          label={spec.label}
          mappable={spec.mappable}
          value={value}
          onChange={onChange}
        />
      );
    case 'dynamic':
      return (
        <DynamicSelect
          {...common}
          spec={{ ...spec, dynamic: spec.dynamic! }}
          connector={context.connector}
          connectionId={context.connectionId}
          needsConnection={context.needsConnection}
          config={context.config}
          labelOf={context.labelOf}
          value={
            Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value : undefined
          }
          onChange={onChange}
        />
      );
    case 'cron':
    case 'code':
    case 'textarea':
    case 'text': {
      const text = asString(value);
      const multiline = spec.kind === 'textarea' || (spec.kind === 'code' && text.includes('\n'));
      const mono = spec.kind === 'code' || spec.kind === 'cron';
      // An emptied required field keeps '' so the schema's own message ("Give it a title") shows.
      const setText = (next: string) => onChange(next === '' && !spec.required ? undefined : next);
      const input = spec.mappable ? (
        <MappableInput
          {...common}
          label={spec.label}
          value={text}
          multiline={multiline}
          mono={mono}
          onChange={setText}
        />
      ) : multiline ? (
        <textarea
          id={id}
          className={`input textarea${mono ? ' mono' : ''}`}
          rows={4}
          value={text}
          placeholder={spec.placeholder}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
        />
      ) : (
        <input
          id={id}
          className={`input${mono ? ' mono' : ''}`}
          value={text}
          placeholder={spec.placeholder}
          spellCheck={mono ? false : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
        />
      );
      return spec.kind === 'cron' ? (
        <>
          {input}
          <CronPreview cron={text} zone={context.config.zone} />
        </>
      ) : (
        input
      );
    }
  }
}
