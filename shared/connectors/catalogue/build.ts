import { z } from 'zod';
import type { ConnectionKindDescriptor, CredentialField } from '../../connections/kinds';
import type {
  ActionDescriptor,
  AuthKind,
  ConnectorDescriptor,
  FieldHint,
  TriggerDescriptor,
} from '../types';
import {
  isLoopbackRedirect,
  type CredentialSpec,
  type InputField,
  type ServiceDefinition,
} from './format';

/** Added to every operation with a phone field: how numbers without +code are read. */
export const DEFAULT_COUNTRY_FIELD = 'defaultCountry';
/** Added to every catalogue connection (advanced): another address for the API (a stub, a proxy). */
export const BASE_URL_FIELD = 'baseUrl';
export const REGION_FIELD = 'region';
/** Added to OAuth services (advanced): another token endpoint (a stub). */
export const OAUTH_TOKEN_URL_FIELD = 'tokenUrl';
/** Added to OAuth services (advanced): another sign-in page (a stub). */
export const OAUTH_AUTHORIZE_URL_FIELD = 'authorizeUrl';
/** Added to OAuth services with a fixed redirect URI (advanced): the one registered, if not the default. */
export const OAUTH_REDIRECT_URI_FIELD = 'redirectUri';

const defaultCountryInput: InputField = {
  label: 'Default country',
  type: 'text',
  required: false,
  default: 'US',
  help: 'ISO code (US, GB, DE…) for phone numbers written without a + and country code.',
  advanced: true,
  phoneFormat: 'e164',
};

/** The inputs as the runtime sees them: the declared ones plus the ones the format adds. */
export function inputsOf(op: { input: Record<string, InputField> }): Record<string, InputField> {
  const hasPhone = Object.values(op.input).some((f) => f.type === 'phone');
  return hasPhone ? { ...op.input, [DEFAULT_COUNTRY_FIELD]: defaultCountryInput } : op.input;
}

function schemaOf(field: InputField): z.ZodType {
  const label = field.label;
  let schema: z.ZodType;
  switch (field.type) {
    case 'number':
      schema = z.coerce.number({ error: `${label} must be a number` });
      break;
    case 'boolean':
      schema = z.preprocess(
        (v) => (v === 'true' ? true : v === 'false' ? false : v),
        z.boolean({ error: `${label} must be true or false` }),
      );
      break;
    case 'json':
      schema = z.unknown();
      break;
    case 'select':
      schema = z.enum((field.options ?? []).map((o) => o.value) as [string, ...string[]], {
        error: `${label} must be one of ${(field.options ?? []).map((o) => o.value).join(', ')}`,
      });
      break;
    case 'email':
      schema = z.email(`${label} must be an e-mail address`);
      break;
    case 'url':
      schema = z.url({ protocol: /^https?$/, error: `${label} must be an http(s) URL` });
      break;
    default: {
      const text = z.string({ error: `${label} must be text` }).max(100_000);
      schema = field.required ? text.trim().min(1, `${label} is required`) : text;
    }
  }
  if (field.default !== undefined)
    return z.preprocess(blankToUndefined, schema.default(field.default));
  if (field.required) {
    const present = z.unknown().refine((v) => v !== undefined, `${label} is required`);
    return z.preprocess(
      blankToUndefined,
      present.pipe(schema as z.ZodType<unknown, unknown> as never),
    );
  }
  return z.preprocess(blankToUndefined, schema.optional());
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The zod config of an operation, from its inputs. */
export function configSchemaOf(op: { input: Record<string, InputField> }): z.ZodObject {
  const inputs = inputsOf(op);
  return z.object(Object.fromEntries(Object.entries(inputs).map(([k, f]) => [k, schemaOf(f)])));
}

function hintOf(field: InputField): FieldHint {
  const widget: FieldHint['widget'] =
    field.type === 'textarea'
      ? 'textarea'
      : field.type === 'number'
        ? 'number'
        : field.type === 'boolean'
          ? 'switch'
          : field.type === 'select'
            ? 'select'
            : field.type === 'json'
              ? 'json'
              : 'text';
  return {
    label: field.label,
    ...(field.help ? { help: field.help } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
    widget,
    ...(field.options ? { options: { kind: 'static' as const, options: field.options } } : {}),
    mappable: true,
    ...(field.advanced ? { advanced: true } : {}),
  };
}

function uiOf(op: { input: Record<string, InputField> }) {
  const inputs = inputsOf(op);
  return {
    order: Object.keys(inputs),
    fields: Object.fromEntries(Object.entries(inputs).map(([k, f]) => [k, hintOf(f)])),
  };
}

const AUTH_KINDS: Record<ServiceDefinition['auth']['type'], AuthKind> = {
  none: 'none',
  api_key: 'api_key',
  basic: 'basic',
  aws_sigv4: 'aws_sigv4',
  oauth2: 'oauth2',
  oauth2_app: 'oauth2_app',
};

/**
 * An operation's config schema, built the first time it is asked for: a process that never opens
 * a catalogue step (most of them, and every idle worker) does not hold ≈ 1 MB of zod schemas.
 */
const configSchemas = new WeakMap<object, z.ZodObject>();
function configOf(op: { input: Record<string, InputField> }): z.ZodObject {
  let schema = configSchemas.get(op);
  if (!schema) configSchemas.set(op, (schema = configSchemaOf(op)));
  return schema;
}

/** What the palette and inspector render for a catalogue service. */
export function descriptorOf(service: ServiceDefinition): ConnectorDescriptor {
  const triggers: TriggerDescriptor[] = service.triggers.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    kind: t.kind,
    get config() {
      return configOf(t);
    },
    ui: uiOf(t),
    ...(t.sample !== undefined ? { sample: t.sample } : {}),
  }));
  const actions: ActionDescriptor[] = service.actions.map((a) => ({
    id: a.id,
    name: a.name,
    description: a.description,
    get config() {
      return configOf(a);
    },
    ui: uiOf(a),
    sideEffects: a.sideEffects,
    idempotent: a.idempotencyHeader !== undefined,
    ...(a.sample !== undefined ? { sample: a.sample } : {}),
  }));
  return {
    id: service.id,
    name: service.name,
    category: service.category,
    icon: service.icon,
    description: service.description,
    docsUrl: service.docsUrl,
    auth: [AUTH_KINDS[service.auth.type]],
    connectionKinds: [service.id],
    triggers,
    actions,
  };
}

function credentialSchema(spec: CredentialSpec): z.ZodType {
  let text = z
    .string({ error: `${spec.label} is required` })
    .trim()
    .max(8192);
  if (spec.pattern) text = text.regex(new RegExp(spec.pattern.regex), spec.pattern.message);
  if (spec.widget === 'select' && spec.options) {
    const values = spec.options.map((o) => o.value) as [string, ...string[]];
    return spec.optional ? z.enum(values).optional() : z.enum(values);
  }
  if (spec.optional) return z.preprocess(blankToUndefined, text.optional());
  return text.min(1, `${spec.label} is required`);
}

/**
 * OAuth services sign in through the browser (connections:authorize), quirks included: the
 * flow runs the catalogue runtime's own code exchange (Basic or body client auth, values kept
 * from the token answer or the redirect), then the tenant choice where the service has one.
 */
export function signsInThroughBrowser(service: ServiceDefinition): boolean {
  return service.auth.type === 'oauth2';
}

/** The connection kind of a catalogue service: its credential form with help on each field. */
export function connectionKindOf(service: ServiceDefinition): ConnectionKindDescriptor {
  const typed = Object.entries(service.credentials).filter(([, s]) => !s.fromSignIn);
  const shape: Record<string, z.ZodType> = {};
  const fields: Record<string, CredentialField> = {};
  const order: string[] = [];
  if (service.regions) {
    const values = service.regions.map((r) => r.value) as [string, ...string[]];
    shape[REGION_FIELD] = z.enum(values, { error: `Choose one of ${values.join(', ')}` });
    fields[REGION_FIELD] = {
      label: 'Region / data centre',
      widget: 'select',
      options: service.regions.map((r) => ({ value: r.value, label: r.label })),
      help: 'Where the account lives: the domain you sign in at tells (e.g. .eu, .com, .in).',
    };
    order.push(REGION_FIELD);
  }
  for (const [name, spec] of typed) {
    shape[name] = credentialSchema(spec);
    fields[name] = {
      label: spec.label,
      help: spec.help,
      ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
      widget: spec.widget ?? (spec.secret ? 'password' : 'text'),
      ...(spec.options ? { options: spec.options } : {}),
      ...(spec.secret ? { secret: true } : {}),
    };
    order.push(name);
  }
  shape[BASE_URL_FIELD] = z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .max(2000)
      .optional(),
  );
  fields[BASE_URL_FIELD] = {
    label: 'Base URL',
    widget: 'url',
    advanced: true,
    help: `Leave empty to use ${service.name} itself. Set it to reach a test stub or a proxy instead.`,
  };
  order.push(BASE_URL_FIELD);
  if (service.auth.type === 'oauth2' || service.auth.type === 'oauth2_app') {
    const fixed = service.auth.type === 'oauth2' ? service.auth.fixedRedirectUri : undefined;
    if (fixed) {
      shape[OAUTH_REDIRECT_URI_FIELD] = z.preprocess(
        blankToUndefined,
        z
          .string()
          .max(2000)
          .refine(
            isLoopbackRedirect,
            'must be http://localhost:PORT/… or http://127.0.0.1:PORT/… (the sign-in comes back to this computer)',
          )
          .optional(),
      );
      fields[OAUTH_REDIRECT_URI_FIELD] = {
        label: 'Redirect URI',
        widget: 'url',
        advanced: true,
        placeholder: fixed,
        help: `${service.name} accepts only the redirect URI registered in its console, exactly. Register ${fixed} there, or put the one you registered here (it must be on localhost with a port).`,
      };
      order.push(OAUTH_REDIRECT_URI_FIELD);
    }
    if (service.auth.type === 'oauth2') {
      shape[OAUTH_AUTHORIZE_URL_FIELD] = shape[BASE_URL_FIELD];
      fields[OAUTH_AUTHORIZE_URL_FIELD] = {
        label: 'Sign-in page URL',
        widget: 'url',
        advanced: true,
        help: `Leave empty to use ${service.name}'s own sign-in page.`,
      };
      order.push(OAUTH_AUTHORIZE_URL_FIELD);
    }
    shape[OAUTH_TOKEN_URL_FIELD] = shape[BASE_URL_FIELD];
    fields[OAUTH_TOKEN_URL_FIELD] = {
      label: 'Token URL',
      widget: 'url',
      advanced: true,
      help: `Leave empty to use ${service.name}'s own token endpoint.`,
    };
    order.push(OAUTH_TOKEN_URL_FIELD);
  }
  const signInFields = Object.entries(service.credentials)
    .filter(([, s]) => s.fromSignIn)
    .map(([name]) => name);
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    ...(signsInThroughBrowser(service) ? { oauth: true } : {}),
    ...(signInFields.length > 0 ? { signInFields } : {}),
    ...(service.auth.type === 'oauth2' && service.auth.fixedRedirectUri
      ? { fixedRedirectUri: service.auth.fixedRedirectUri }
      : {}),
    ...(service.limits ? { limits: service.limits } : {}),
    credentials: z.object(shape),
    order,
    fields,
    ...(service.accountField ? { accountField: service.accountField } : {}),
    testLabel: 'Test connection',
  };
}
