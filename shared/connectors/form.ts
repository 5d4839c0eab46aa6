import { z } from 'zod';
import type { ConnectorDescriptor } from './types';

export const FORM_FIELD_TYPES = [
  'text',
  'email',
  'tel',
  'number',
  'select',
  'checkbox',
  'textarea',
] as const;

/** The name of the hidden field people never see; a bot that fills it is ignored. */
export const HONEYPOT_FIELD = 'website_url';

/** A validation pattern as browsers read it: the whole value must match, with the v flag. */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'v');
}

export const FormField = z
  .object({
    /** The key of the value in the run's data: `{{trigger.email}}`. */
    name: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
        'must start with a letter and use only letters, digits and _',
      ),
    label: z.string().trim().min(1, 'must not be empty').max(200),
    type: z.enum(FORM_FIELD_TYPES).default('text'),
    required: z.boolean().default(false),
    /** A regular expression the whole value must match (text, email, tel, textarea). */
    pattern: z
      .string()
      .max(500)
      .refine((p) => {
        try {
          compilePattern(p);
          return true;
        } catch {
          return false;
        }
      }, 'must be a valid regular expression')
      .optional(),
    /** Said when the pattern does not match, e.g. "Use your company e-mail". */
    patternMessage: z.string().max(200).optional(),
    /** Choices of a select. */
    options: z.array(z.string().min(1).max(200)).max(200).optional(),
    placeholder: z.string().max(200).optional(),
    help: z.string().max(500).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
  })
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'a select needs at least one option',
    path: ['options'],
  })
  .refine((f) => f.name !== HONEYPOT_FIELD, {
    message: `"${HONEYPOT_FIELD}" is reserved for the spam guard`,
    path: ['name'],
  });
export type FormField = z.infer<typeof FormField>;

export const FormConfig = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200).default('Sign up'),
  description: z.string().max(2000).default(''),
  fields: z
    .array(FormField)
    .min(1, 'a form needs at least one field')
    .max(50)
    .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, {
      message: 'field names must be unique',
    })
    .default([
      { name: 'name', label: 'Name', type: 'text', required: true },
      { name: 'email', label: 'E-mail', type: 'email', required: true },
    ]),
  submitLabel: z.string().trim().min(1).max(60).default('Sign up'),
  successMessage: z.string().max(2000).default('Thank you! Your sign-up was received.'),
  /** Where the browser goes after a sign-up, instead of the success message. */
  redirectUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Submissions allowed per minute from one address; more are answered 429. */
  rateLimitPerMinute: z.number().int().min(1).max(10_000).default(10),
  sample: z.record(z.string(), z.unknown()).optional(),
});
export type FormConfig = z.infer<typeof FormConfig>;

export type SubmissionResult =
  | { ok: true; data: Record<string, string | number | boolean | null> }
  | { ok: false; errors: Record<string, string> };

const EMAIL = z.email();

/** Checks one field's raw value (a string from a form, or any JSON value from the API). */
function checkField(
  field: FormField,
  raw: unknown,
): { value: string | number | boolean | null } | { error: string } {
  if (field.type === 'checkbox') {
    const checked = raw === true || raw === 'on' || raw === 'true' || raw === 'yes' || raw === '1';
    if (field.required && !checked) return { error: `${field.label} must be ticked.` };
    return { value: checked };
  }
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number')
    return { error: `${field.label} must be text.` };
  const text = raw === undefined || raw === null ? '' : String(raw).trim();
  if (text === '') {
    return field.required ? { error: `${field.label} is required.` } : { value: null };
  }
  if (text.length > (field.maxLength ?? 10_000))
    return { error: `${field.label} must be at most ${field.maxLength ?? 10_000} characters.` };
  switch (field.type) {
    case 'email':
      if (!EMAIL.safeParse(text).success)
        return { error: `${field.label} must be an e-mail address, like name@example.com.` };
      break;
    case 'tel':
      if (!/^\+?[0-9 ()./-]{3,30}$/.test(text))
        return { error: `${field.label} must be a phone number (digits, spaces, + ( ) -).` };
      break;
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: `${field.label} must be a number.` };
      if (field.pattern && !compilePattern(field.pattern).test(text))
        return { error: field.patternMessage ?? `${field.label} is not in the expected format.` };
      return { value: n };
    }
    case 'select':
      if (!(field.options ?? []).includes(text))
        return { error: `${field.label} must be one of the choices.` };
      break;
    default:
      break;
  }
  if (field.pattern && !compilePattern(field.pattern).test(text))
    return { error: field.patternMessage ?? `${field.label} is not in the expected format.` };
  return { value: text };
}

/**
 * Validates a submission against the form's fields. The same code runs for the hosted page, the
 * JSON endpoint and the inspector's preview; the browser enforces the same rules through the
 * HTML attributes the page is rendered with.
 */
export function validateSubmission(
  fields: readonly FormField[],
  values: Readonly<Record<string, unknown>>,
): SubmissionResult {
  const data: Record<string, string | number | boolean | null> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const checked = checkField(field, values[field.name]);
    if ('error' in checked) errors[field.name] = checked.error;
    else data[field.name] = checked.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}

export const formConnector: ConnectorDescriptor = {
  id: 'form',
  name: 'Form',
  category: 'builtin',
  icon: 'form',
  description: 'A hosted sign-up form: each submission starts the workflow.',
  auth: ['none'],
  triggers: [
    {
      id: 'submission',
      kind: 'form',
      name: 'When a form is submitted',
      description:
        'Switchyard hosts the form on its local server (and behind your public base URL). Every valid submission becomes a run; spam is held back by a hidden field and a per-address rate limit.',
      config: FormConfig,
      ui: {
        order: [
          'title',
          'description',
          'fields',
          'submitLabel',
          'successMessage',
          'redirectUrl',
          'rateLimitPerMinute',
          'sample',
        ],
        fields: {
          title: { label: 'Title', widget: 'text' },
          description: { label: 'Description', widget: 'textarea' },
          fields: {
            label: 'Fields',
            widget: 'json',
            help: 'A list of fields: name, label, type (text, email, tel, number, select, checkbox, textarea), required, pattern, patternMessage, options, placeholder, help, maxLength.',
          },
          submitLabel: { label: 'Button text', widget: 'text' },
          successMessage: { label: 'Success message', widget: 'textarea' },
          redirectUrl: {
            label: 'Redirect after sign-up',
            widget: 'text',
            placeholder: 'https://example.com/thanks',
            help: 'Instead of the success message, send the browser here.',
          },
          rateLimitPerMinute: {
            label: 'Submissions per minute from one address',
            widget: 'number',
            advanced: true,
          },
          sample: { label: 'Sample submission', widget: 'json', advanced: true },
        },
      },
      sample: { name: 'Ada Lovelace', email: 'ada@example.com' },
    },
  ],
  actions: [],
};
