import { z } from 'zod';
import { Transform, type TransformOp } from '@shared/workflow/mapping';

export interface TransformParam {
  key: string;
  label: string;
  help?: string;
  kind: 'text' | 'number' | 'select';
  options?: readonly string[];
}

export interface TransformKind {
  op: TransformOp;
  label: string;
  description: string;
  params: readonly TransformParam[];
}

const LABELS: Readonly<Record<TransformOp, string>> = {
  trim: 'Trim spaces',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  remove_spaces: 'Remove spaces',
  title_case: 'Title Case',
  phone_e164: 'Phone number (E.164)',
  date: 'Format date',
  number: 'To number',
  boolean: 'To yes/no',
  split: 'Split into list',
  join: 'Join list',
  replace: 'Find and replace',
  truncate: 'Shorten',
  to_text: 'To text',
};

const PARAM_LABELS: Readonly<Record<string, string>> = {
  defaultCountry: 'Default country',
  from: 'From format',
  to: 'To format',
  zone: 'Time zone',
  decimalSeparator: 'Decimal separator',
  separator: 'Separator',
  pattern: 'Pattern',
  flags: 'Flags',
  replacement: 'Replace with',
  length: 'Max characters',
};

/** Starting values of parameters the schema has no default for. */
const STARTING: Partial<Record<TransformOp, Record<string, unknown>>> = {
  date: { to: 'yyyy-MM-dd' },
  split: { separator: ',' },
  join: { separator: ', ' },
  truncate: { length: 100 },
  replace: { pattern: '' },
};

type JsonProp = { type?: string; enum?: string[]; description?: string };

/** Every transform of the shared `Transform` union, with its parameters read from its schema. */
export const TRANSFORM_KINDS: readonly TransformKind[] = Transform.options.map((variant) => {
  const op = variant.shape.op.value as TransformOp;
  const schema = z.toJSONSchema(variant, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProp>;
  };
  const params = Object.entries(schema.properties ?? {})
    .filter(([key]) => key !== 'op')
    .map(([key, prop]): TransformParam => ({
      key,
      label: PARAM_LABELS[key] ?? key,
      help: prop.description,
      kind: prop.enum
        ? 'select'
        : prop.type === 'integer' || prop.type === 'number'
          ? 'number'
          : 'text',
      options: prop.enum,
    }));
  return { op, label: LABELS[op] ?? op, description: variant.description ?? '', params };
});

export const transformKind = (op: string): TransformKind | undefined =>
  TRANSFORM_KINDS.find((kind) => kind.op === op);

/** A new transform of kind `op`, with the schema's defaults filled in. */
export function newTransform(op: TransformOp): Transform {
  const variant = Transform.options.find((v) => v.shape.op.value === op)!;
  const draft = { op, ...STARTING[op] };
  const parsed = variant.safeParse(draft);
  return (parsed.success ? parsed.data : draft) as Transform;
}

/** A short summary of a transform's parameters for its chip, e.g. `→ yyyy-MM-dd`. */
export function transformSummary(t: Transform): string {
  switch (t.op) {
    case 'date':
      return `→ ${t.to}`;
    case 'split':
    case 'join':
      return JSON.stringify(t.separator);
    case 'replace':
      return t.pattern ? `/${t.pattern}/` : '';
    case 'truncate':
      return `${t.length}`;
    case 'phone_e164':
      return t.defaultCountry;
    default:
      return '';
  }
}
