import { z } from 'zod';
import type { FieldHint } from '@shared/connectors/types';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'select'
  | 'multiselect'
  | 'toggle'
  | 'secret'
  | 'json'
  | 'code'
  | 'cron'
  | 'date'
  | 'datetime'
  | 'dynamic';

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  label: string;
  help?: string;
  placeholder?: string;
  required: boolean;
  advanced: boolean;
  mappable: boolean;
  /** Choices of a select or multi-select. */
  options?: readonly Option[];
  /** Choices fetched through the connection (`connectors:options`). */
  dynamic?: { source: string; dependsOn: readonly string[]; multiple: boolean };
  defaultValue?: unknown;
  integer?: boolean;
  /** The values of the discriminator under which this field exists; undefined = always. */
  variants?: readonly string[];
}

export interface FormSpec {
  fields: FieldSpec[];
  /** The field that chooses which variant of a union config applies (e.g. a schedule's mode). */
  discriminator?: string;
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  writeOnly?: boolean;
  default?: unknown;
  description?: string;
  title?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

interface UiHints {
  order: readonly string[];
  fields: Readonly<Record<string, FieldHint>>;
}

/**
 * The form for a connector operation's config, read from its zod schema (as JSON Schema, which
 * zod 4 produces for every type) and its descriptor's hints. Unions of objects become one form
 * whose fields show only under the variant that has them.
 */
export function describeConfig(schema: z.ZodType, ui: UiHints): FormSpec {
  let root: JsonSchema;
  try {
    root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    root = {};
  }
  const variants = (root.oneOf ?? root.anyOf ?? []).filter((v) => v.properties);
  if (variants.length > 0) return describeUnion(variants, ui);
  const props = root.properties ?? {};
  const required = new Set(root.required ?? []);
  const fields = Object.entries(props).map(([key, prop]) =>
    describeField(key, prop, required.has(key), ui.fields[key]),
  );
  return { fields: ordered(fields, ui.order) };
}

function describeUnion(variants: JsonSchema[], ui: UiHints): FormSpec {
  const first = variants[0]!.properties!;
  const discriminator = Object.keys(first).find((key) =>
    variants.every((v) => v.properties?.[key]?.const !== undefined),
  );
  const byKey = new Map<
    string,
    { prop: JsonSchema; in: string[]; requiredIn: number; seenIn: number }
  >();
  for (const variant of variants) {
    const tag = discriminator ? String(variant.properties![discriminator]!.const) : '';
    const required = new Set(variant.required ?? []);
    for (const [key, prop] of Object.entries(variant.properties!)) {
      if (key === discriminator) continue;
      const entry = byKey.get(key) ?? { prop, in: [], requiredIn: 0, seenIn: 0 };
      entry.in.push(tag);
      entry.seenIn++;
      if (required.has(key)) entry.requiredIn++;
      byKey.set(key, entry);
    }
  }
  const fields: FieldSpec[] = [];
  if (discriminator) {
    const hint = ui.fields[discriminator];
    const tags = variants.map((v) => String(v.properties![discriminator]!.const));
    const labels = hint?.options?.kind === 'static' ? hint.options.options : [];
    fields.push({
      ...describeField(discriminator, { type: 'string', enum: tags }, true, hint),
      kind: 'select',
      options: tags.map(
        (tag) => labels.find((o) => o.value === tag) ?? { value: tag, label: humanize(tag) },
      ),
    });
  }
  for (const [key, entry] of byKey) {
    const field = describeField(key, entry.prop, entry.requiredIn === entry.seenIn, ui.fields[key]);
    fields.push(
      discriminator && entry.in.length < variants.length ? { ...field, variants: entry.in } : field,
    );
  }
  return { fields: ordered(fields, ui.order), discriminator };
}

function describeField(
  key: string,
  raw: JsonSchema,
  required: boolean,
  hint: FieldHint | undefined,
): FieldSpec {
  const prop = unwrapNullable(raw);
  const spec: FieldSpec = {
    key,
    kind: 'text',
    label: hint?.label ?? prop.title ?? humanize(key),
    help: hint?.help ?? prop.description,
    placeholder: hint?.placeholder,
    required,
    advanced: hint?.advanced === true,
    mappable: hint?.mappable === true,
    defaultValue: prop.default,
  };
  const types = [prop.type ?? []].flat();
  const isArray = types.includes('array');
  const staticOptions = hint?.options?.kind === 'static' ? hint.options.options : undefined;
  const enumValues = (isArray ? prop.items?.enum : prop.enum)?.map(String);
  const options = staticOptions ?? enumValues?.map((value) => ({ value, label: value }));

  if (hint?.options?.kind === 'dynamic') {
    const { source, dependsOn = [] } = hint.options;
    return { ...spec, kind: 'dynamic', dynamic: { source, dependsOn, multiple: isArray } };
  }
  if (options && isArray) return { ...spec, kind: 'multiselect', options };
  if (options || hint?.widget === 'select')
    return { ...spec, kind: 'select', options: options ?? [] };
  if (types.includes('boolean') || hint?.widget === 'switch') return { ...spec, kind: 'toggle' };
  if (prop.format === 'password' || prop.writeOnly === true) return { ...spec, kind: 'secret' };
  if (prop.format === 'cron') return { ...spec, kind: 'cron' };
  if (prop.format === 'date') return { ...spec, kind: 'date' };
  if (prop.format === 'date-time') return { ...spec, kind: 'datetime' };
  if (hint?.widget === 'number' || types.includes('integer') || types.includes('number')) {
    return { ...spec, kind: 'number', integer: types.includes('integer') };
  }
  if (hint?.widget === 'json' || hint?.widget === 'mapping') return { ...spec, kind: 'json' };
  if (hint?.widget === 'code') return { ...spec, kind: 'code' };
  if (hint?.widget === 'textarea') return { ...spec, kind: 'textarea' };
  if (hint?.widget === 'text') return spec; // e.g. text or a mapped list: typed as text
  if (types.length === 0 || types.includes('object') || isArray) return { ...spec, kind: 'json' };
  return spec;
}

/** `{ anyOf: [X, { type: 'null' }] }` (an optional or nullable field) → X. */
function unwrapNullable(prop: JsonSchema): JsonSchema {
  const alternatives = prop.anyOf ?? prop.oneOf;
  if (!alternatives) return prop;
  const real = alternatives.filter((p) => p.type !== 'null');
  if (real.length !== 1) return prop;
  return {
    ...real[0]!,
    default: prop.default ?? real[0]!.default,
    description: prop.description ?? real[0]!.description,
  };
}

function ordered(fields: FieldSpec[], order: readonly string[]): FieldSpec[] {
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => rank(a.field.key) - rank(b.field.key) || a.index - b.index)
    .map(({ field }) => field);
}

/** `everyMinutes` → `Every minutes`, `start_date` → `Start date`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether `field` exists under the current value of the discriminator. */
export function isFieldVisible(field: FieldSpec, config: Record<string, unknown>, form: FormSpec) {
  if (!field.variants || !form.discriminator) return true;
  return field.variants.includes(String(config[form.discriminator] ?? ''));
}

/** The zod schema's messages, by top-level field; values holding {{references}} are checked at run time. */
export function configIssues(
  schema: z.ZodType,
  config: Record<string, unknown>,
): Map<string, string> {
  const issues = new Map<string, string>();
  const parsed = schema.safeParse(config);
  if (parsed.success) return issues;
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    const value = config[key];
    if (typeof value === 'string' && value.includes('{{')) continue;
    const missing = value === undefined && issue.code === 'invalid_type';
    if (!issues.has(key)) issues.set(key, missing ? 'Required' : issue.message);
  }
  return issues;
}
