import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { UserError } from '@shared/errors';
import { connectionKind, secretFieldsOf } from '@shared/connections/registry';
import type { ConnectionKindDescriptor } from '@shared/connections/kinds';

/** Credentials checked against their kind and split into what is stored plain and what is sealed. */
export interface PreparedCredentials {
  fields: Record<string, unknown>;
  secret: Record<string, unknown>;
  account: string | null;
  /** Secrets Switchyard generated just now, shown to the operator once. */
  revealed?: Record<string, string>;
}

export function kindOrThrow(kind: string): ConnectionKindDescriptor {
  const found = connectionKind(kind);
  if (!found) {
    throw new UserError('invalid_input', `There is no connection kind "${kind.slice(0, 64)}".`, {
      kind,
    });
  }
  return found;
}

/** A webhook signing secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Validates typed credentials for `kind`. Secret fields left empty keep `previous` values (a
 * reconnect that only changes the host keeps the password); generated secrets are made once.
 */
export function prepareCredentials(
  kindId: string,
  typed: Record<string, unknown>,
  previous?: Record<string, unknown>,
): PreparedCredentials {
  const kind = kindOrThrow(kindId);
  const secretNames = new Set(secretFieldsOf(kind));
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(typed)) {
    if (value === '' && secretNames.has(name)) continue; // blank = keep
    if (value === '' || value === null) continue; // an empty optional field is absent
    merged[name] = value;
  }
  for (const name of secretNames) {
    if (merged[name] === undefined && previous?.[name] !== undefined) merged[name] = previous[name];
  }
  const parsed = kind.credentials.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    const label = kind.fields[field]?.label ?? field;
    throw new UserError(
      'invalid_input',
      field ? `${label}: ${issue.message}` : `${kind.name}: ${issue.message}`,
      {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      },
    );
  }
  const values = parsed.data as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    (secretNames.has(name) ? secret : fields)[name] = value;
  }
  let revealed: Record<string, string> | undefined;
  for (const [name, field] of Object.entries(kind.fields)) {
    if (!field.generated) continue;
    if (typeof previous?.[name] === 'string') secret[name] = previous[name];
    else {
      secret[name] = newWebhookSecret();
      (revealed ??= {})[name] = secret[name] as string;
    }
  }
  const accountValue = kind.accountField ? values[kind.accountField] : undefined;
  return {
    fields,
    secret,
    account: typeof accountValue === 'string' && accountValue !== '' ? accountValue : null,
    revealed,
  };
}

/** Reads opened credentials with a kind's schema; a mismatch is a clear "reconnect" error. */
export function readCredentials<T extends z.ZodType>(
  schema: T,
  values: Record<string, unknown>,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new UserError(
    'invalid_input',
    `The stored credentials of ${what} are incomplete (${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}). Reconnect it.`,
  );
}
