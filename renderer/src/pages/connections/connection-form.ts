import type { ConnectionKindDescriptor, CredentialField } from '@shared/connections/kinds';
import type { ConnectionSummary } from '@shared/ipc/contract';
import { fieldIssues } from '../../lib/error-text';
import { toApiError } from '../../api/errors';

/** What the form holds per field: strings for inputs and selects, booleans for switches. */
export type FormValues = Record<string, string | boolean>;

/** The fields the operator types, in the kind's order (generated ones are made by Switchyard). */
export function typedFields(kind: ConnectionKindDescriptor): [string, CredentialField][] {
  return kind.order
    .map((name) => [name, kind.fields[name]] as const)
    .filter((entry): entry is [string, CredentialField] => !!entry[1] && !entry[1].generated);
}

/** A field's default from the kind's zod schema (`.default(…)`), if it has one. */
function schemaDefault(kind: ConnectionKindDescriptor, name: string): unknown {
  const shape = kind.credentials.shape as Record<string, { safeParse?: (v: unknown) => unknown }>;
  const field = shape[name];
  const parsed = field?.safeParse?.(undefined) as { success: boolean; data?: unknown } | undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** Starting values: the stored non-secret fields of a connection being reconnected, or defaults. */
export function initialValues(
  kind: ConnectionKindDescriptor,
  connection?: Pick<ConnectionSummary, 'fields'>,
): FormValues {
  const values: FormValues = {};
  for (const [name, field] of typedFields(kind)) {
    const stored = field.secret ? undefined : connection?.fields[name];
    const value = stored ?? schemaDefault(kind, name);
    if (field.widget === 'switch') values[name] = value === true;
    else values[name] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/** The credentials to send: numbers as numbers; a blank secret means "keep the stored one". */
export function credentialsOf(
  kind: ConnectionKindDescriptor,
  values: FormValues,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of typedFields(kind)) {
    const value = values[name];
    if (field.widget === 'number' && typeof value === 'string' && value.trim() !== '') {
      out[name] = Number(value);
    } else out[name] = value;
  }
  return out;
}

/** Per-field messages from an invalid_input error, and what is left for the form as a whole. */
export function errorsByField(
  kind: ConnectionKindDescriptor,
  error: unknown,
): { fields: Record<string, string>; general: string | null } {
  const apiError = toApiError(error);
  const fields: Record<string, string> = {};
  for (const issue of fieldIssues(apiError.details)) {
    // The contract's own checks name the `credentials` record; the kind's name the field itself.
    const field = issue.field === 'credentials' ? null : issue.field;
    if (field && (kind.fields[field] || field === 'name') && !fields[field])
      fields[field] = issue.message;
  }
  return { fields, general: Object.keys(fields).length > 0 ? null : apiError.message };
}

/** Whether the operator signs in through the browser for these values (see `oauth`). */
export function needsBrowserSignIn(kind: ConnectionKindDescriptor, values: FormValues): boolean {
  if (!kind.oauth) return false;
  return !('grant' in kind.fields) || values.grant === 'authorization_code';
}
